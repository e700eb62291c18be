import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { recordStates, type RevisionFacts } from '../records/record-state.js';
import { isLive, recordKey } from './live-records.js';
import { day, revision } from './test-records.js';

const policy = defaultPolicy();
const liveAt = (revisions: RevisionFacts[], asOf: string, suppressed?: ReadonlySet<string>) =>
  recordStates(revisions, asOf).map((s) => isLive(s, policy, asOf, suppressed));

describe('isLive', () => {
  const debtor = revision(); // serious dishonest debtor on 2025-03-01: published for 3 years

  it('counts a conduct record from the day it occurred', () => {
    expect(liveAt([debtor], day('2025-03-02'))).toEqual([true]);
    expect(liveAt([{ ...debtor, receivedAt: day('2025-03-01') }], day('2025-03-01'))).toEqual([true]);
  });

  it('ignores conduct dated after asOf (a record received before its own date)', () => {
    const future = revision({ occurredAt: day('2025-06-01'), receivedAt: day('2025-03-02') });
    expect(liveAt([future], day('2025-05-31'))).toEqual([false]);
  });

  it('stops counting when the maximum publication term ends', () => {
    expect(liveAt([debtor], day('2028-03-01', -0.001))).toEqual([true]);
    expect(liveAt([debtor], day('2028-03-01'))).toEqual([false]);
    const general = revision({ severity: 'general' }); // its own term: 2 years
    expect(liveAt([general], day('2027-03-01'))).toEqual([false]);
  });

  it("uses the type's default severity for the term when the record has none", () => {
    const loan = revision({ type: 'financial.loan_overdue', source: 'bank.icbc', severity: null }); // general: 3 years
    expect(liveAt([loan], day('2027-06-01'))).toEqual([true]);
    expect(liveAt([loan], day('2028-03-01'))).toEqual([false]);
  });

  it('drops a retracted record but keeps a resolved one (its history still counts)', () => {
    const retracted = [debtor, { ...debtor, id: 'r2', revision: 2, status: 'retracted' as const, receivedAt: day('2025-04-01') }];
    expect(liveAt(retracted, day('2025-03-15'))).toEqual([true]);
    expect(liveAt(retracted, day('2025-04-01'))).toEqual([false]);
    const resolved = [debtor, { ...debtor, id: 'r3', revision: 2, status: 'resolved' as const, receivedAt: day('2025-04-01') }];
    expect(liveAt(resolved, day('2025-05-01'))).toEqual([true]);
  });

  it('drops a suppressed record', () => {
    expect(liveAt([debtor], day('2025-05-01'), new Set([recordKey(debtor)]))).toEqual([false]);
    expect(liveAt([debtor], day('2025-05-01'), new Set([recordKey({ source: debtor.source, ref: 'other' })]))).toEqual([true]);
  });

  it('drops a repaired record from the approval on, not before', () => {
    const [state] = recordStates([debtor], day('2025-06-01'));
    const repaired = { ...state!, repairedAt: day('2025-05-01') };
    expect(isLive(repaired, policy, day('2025-04-30'))).toBe(true);
    expect(isLive(repaired, policy, day('2025-05-01'))).toBe(false);
  });

  it('ignores relations and types the policy does not know', () => {
    const relation = revision({ type: 'relation.legal_representative', subjectKind: 'org', relatedSubjectId: 'p1', severity: null, status: 'active' });
    const unknown = revision({ type: 'societal.unknown_thing' });
    const proto = revision({ type: 'constructor' });
    expect(liveAt([relation, unknown, proto], day('2025-05-01'))).toEqual([false, false, false]);
  });
});
