/** Test helper: records, their states and the case records that point at them, and instants by date. */
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import type { RecordState, RevisionFacts } from '../records/record-state.js';
import type { CaseRecord } from './case-types.js';
import { dueProcessRules } from './due-process-rules.js';

export const policy: Policy = defaultPolicy();
export const rules = dueProcessRules(policy);

/** `at('2026-03-02')` = midnight UTC; `at('2026-03-02', 10)` = 10:00 UTC. */
export const at = (date: string, hour = 0): string => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

let n = 0;
/** A state of a serious administrative penalty of subject-1 on 2026-01-05, resolved on 2026-02-01 unless `over` says otherwise. */
export function stateOf(over: Partial<RevisionFacts> = {}, closedAt: string | null = at('2026-02-01')): RecordState {
  n += 1;
  const head: RevisionFacts = {
    id: `rev-${n}`, subjectId: 'subject-1', subjectKind: 'org', relatedSubjectId: null, source: 'market.samr', ref: `pen-${n}`,
    revision: 2, type: 'commercial.administrative_penalty', occurredAt: at('2026-01-05'), receivedAt: at('2026-01-06'),
    severity: 'general', amount: 5000, status: 'resolved', attributes: {}, ...over,
  };
  return { head, revisions: 2, closedAt: head.status === 'active' ? null : closedAt };
}

/** What a case says about the record of `state`. */
export const caseRecordOf = (state: RecordState): CaseRecord => ({
  subjectId: state.head.subjectId, recordId: state.head.id, source: state.head.source, ref: state.head.ref, type: state.head.type,
});
