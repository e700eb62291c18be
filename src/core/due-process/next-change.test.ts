import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RevisionFacts } from '../records/record-state.js';
import { evaluateSubject } from '../subject/evaluate-subject.js';
import type { DueProcessCase } from './case-types.js';
import { fileObjection } from './objection.js';
import { recordMarks } from './record-marks.js';
import { applyForRepair } from './repair.js';
import { at, caseRecordOf, policy, rules, stateOf } from './test-cases.js';
import { nextChangeAt } from './next-change.js';

let n = 0;
const rev = (over: Partial<RevisionFacts> = {}): RevisionFacts => ({
  id: `rev-${++n}`, subjectId: 'subject-1', subjectKind: 'person', relatedSubjectId: null, source: 'court.enforcement', ref: 'case-1',
  revision: 1, type: 'judicial.dishonest_debtor', occurredAt: at('2025-01-10'), receivedAt: at('2025-01-10'), severity: 'serious',
  amount: null, status: 'active', attributes: {}, ...over,
});
const next = (revisions: RevisionFacts[], asOf: string, cases: DueProcessCase[] = [], subjectId = 'subject-1') =>
  nextChangeAt(policy, evaluateSubject(policy, subjectId, revisions, asOf), cases, asOf);

describe('nextChangeAt', () => {
  it('walks a dishonest debtor through its listing, publication and erasure', () => {
    const debtor = [rev()];
    expect(next(debtor, at('2025-06-01'))).toBe(at('2027-01-10')); // the list's 2-year term
    expect(next(debtor, at('2027-01-10'))).toBe(at('2028-01-10')); // publication ends after 3 years
    expect(next(debtor, at('2028-01-10'))).toBe(at('2033-01-10')); // erased 5 years later
    // Still held at or past its erasure instant: overdue, so due at once (the tick erases it).
    expect(next(debtor, at('2033-01-10'))).toBe(at('2033-01-10'));
    expect(next(debtor, at('2034-01-01'))).toBe(at('2033-01-10'));
    expect(next([], at('2025-06-01'))).toBeNull();
  });

  it('wakes for the warning before an escalation, then for the escalation', () => {
    const abnormal = [rev({ subjectId: 'org-1', subjectKind: 'org', source: 'market.samr', ref: 'abn-1', type: 'commercial.abnormal_operations', severity: 'general', occurredAt: at('2022-03-01'), receivedAt: at('2022-03-01') })];
    expect(next(abnormal, at('2024-06-01'), [], 'org-1')).toBe(at('2024-12-31'));
    expect(next(abnormal, at('2025-01-01'), [], 'org-1')).toBe(at('2025-03-01'));
  });

  it('wakes for a record dated in the future, and for case deadlines', () => {
    expect(next([rev({ occurredAt: at('2025-08-01') })], at('2025-06-01'))).toBe(at('2025-08-01'));
    const state = stateOf();
    const objection = fileObjection({ id: 'o', record: caseRecordOf(state), state, statement: 'no', now: at('2026-04-01'), cases: [] }, rules);
    const repair = applyForRepair({ id: 'r', record: caseRecordOf(state), state, commitment: 'yes', now: at('2026-04-07', 2), cases: [] }, policy);
    if (!objection.ok || !repair.ok) throw new Error('setup');
    const penalty = [{ ...state.head, revision: 1 }];
    expect(next(penalty, at('2026-04-02'), [objection.value])).toBe(at('2026-05-01'));
    expect(next(penalty, at('2026-04-08'), [repair.value])).toBe('2026-04-10T16:00:00.000Z');
    // Past both deadlines only the record's own dates remain.
    expect(next(penalty, at('2026-06-01'), [objection.value, repair.value])).toBe(at('2027-01-05'));
    // Another subject's cases are not this subject's business.
    expect(next(penalty, at('2026-04-02'), [{ ...objection.value, subjectId: 'subject-2' }])).toBe(at('2027-01-05'));
  });

  const DAY = 86_400_000;
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * DAY).toISOString();
  const record = fc.record({
    kind: fc.constantFrom('debtor', 'abnormal', 'penalty'), occurred: fc.integer({ min: 0, max: 1500 }),
    closed: fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('resolved' as const, 'retracted' as const))),
    disputed: fc.option(fc.integer({ min: 0, max: 400 })),
  });

  it('nothing that time alone decides changes before the instant it names (property)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), fc.integer({ min: 0, max: 2500 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (specs, asOfDay, frac) => {
        const asOf = day(asOfDay);
        const revisions: RevisionFacts[] = [];
        const cases: DueProcessCase[] = [];
        specs.forEach((s, i) => {
          const type = { debtor: 'judicial.dishonest_debtor', abnormal: 'commercial.abnormal_operations', penalty: 'commercial.administrative_penalty' }[s.kind];
          const first = rev({ subjectId: 'org-1', subjectKind: 'org', ref: `r-${i}`, type, severity: s.kind === 'debtor' ? 'serious' : 'general', occurredAt: day(s.occurred), receivedAt: day(Math.min(s.occurred, asOfDay)) });
          revisions.push(first);
          if (s.closed && s.occurred + s.closed[0] <= asOfDay) revisions.push({ ...first, id: `${first.id}-2`, revision: 2, status: s.closed[1], receivedAt: day(s.occurred + s.closed[0]) });
          if (s.disputed !== null && s.occurred + s.disputed <= asOfDay) {
            const state = { head: first, revisions: 1, closedAt: null };
            const filed = fileObjection({ id: `o-${i}`, record: caseRecordOf(state), state, statement: 'no', now: day(s.occurred + s.disputed), cases: [] }, rules);
            if (filed.ok) cases.push(filed.value);
          }
        });
        const evaluation = (t: string) => evaluateSubject(policy, 'org-1', revisions, t, { knownAt: asOf });
        const changeAt = nextChangeAt(policy, evaluation(asOf), cases, asOf);
        const end = changeAt === null ? Date.parse(asOf) + 4000 * DAY : Date.parse(changeAt);
        const t = new Date(Date.parse(asOf) + Math.max(1, Math.floor((end - Date.parse(asOf)) * frac))).toISOString();
        if (t >= (changeAt ?? '9999')) return;
        const view = (when: string) => {
          const e = evaluation(when);
          return {
            entries: e.entries.filter((x) => x.trigger.length > 0).map((x) => [x.list, x.trigger.join(), x.active]),
            live: e.score.reasons.map((r) => r.recordId).sort(),
            marks: [...recordMarks(cases, when, policy)],
          };
        };
        expect(view(t)).toEqual(view(asOf));
      }),
      { numRuns: 300 },
    );
  });
});
