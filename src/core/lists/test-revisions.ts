/** Test helper: revisions to build record states from, and the lists they make at an instant. */
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { recordStates, type RevisionFacts } from '../records/record-state.js';
import { listEntries } from './list-entries.js';
import type { ListContext } from './list-entry.js';
import { listWarnings } from './list-warnings.js';

export const policy: Policy = defaultPolicy();

let n = 0;
/** A dishonest-debtor judgment unless `over` says otherwise; each call gets a fresh revision id. */
export const rev = (over: Partial<RevisionFacts> = {}): RevisionFacts => ({
  id: `rev-${++n}`, subjectId: 'subject-1', subjectKind: 'person', relatedSubjectId: null, source: 'court.enforcement', ref: 'case-1',
  revision: 1, type: 'judicial.dishonest_debtor', occurredAt: '2025-01-10T00:00:00.000Z', receivedAt: '2025-01-11T00:00:00.000Z',
  severity: 'serious', amount: 1000, status: 'active', attributes: {}, ...over,
});

/** An enterprise entered on the abnormal operations list on `occurredAt`. */
export const abnormal = (occurredAt: string, over: Partial<RevisionFacts> = {}): RevisionFacts =>
  rev({ subjectId: 'org-1', subjectKind: 'org', source: 'market.samr', ref: 'abn-1', type: 'commercial.abnormal_operations', severity: 'general', amount: null, occurredAt, receivedAt: occurredAt, ...over });

export const entriesAt = (revisions: RevisionFacts[], asOf: string, p: Policy = policy, context?: ListContext) =>
  listEntries(p, recordStates(revisions, asOf), asOf, context);

export const warningsAt = (revisions: RevisionFacts[], asOf: string, p: Policy = policy) =>
  listWarnings(p, recordStates(revisions, asOf), asOf);
