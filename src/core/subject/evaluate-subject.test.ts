import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { RevisionFacts } from '../records/record-state.js';
import { recordKey } from '../scoring/live-records.js';
import { evaluateSubject } from './evaluate-subject.js';

const policy = defaultPolicy();
const violation: RevisionFacts = {
  id: 'rev-1', subjectId: 'org-1', subjectKind: 'org', relatedSubjectId: null, source: 'market.samr', ref: 'sv-1', revision: 1,
  type: 'commercial.serious_violation', occurredAt: '2025-01-10T00:00:00.000Z', receivedAt: '2025-01-10T00:00:00.000Z',
  severity: 'serious', amount: null, status: 'active', attributes: {},
};
const repairedOn = '2026-02-01T00:00:00.000Z';
const repaired = new Map([[recordKey(violation), repairedOn]]);
const evaluate = (asOf: string, options = {}) => evaluateSubject(policy, 'org-1', [violation], asOf, options);

describe('evaluateSubject with due process', () => {
  it('counts and lists a repaired record until the approval, then neither', () => {
    const before = evaluate('2026-01-31T00:00:00.000Z', { repaired });
    expect(before.score.reasons.map((r) => r.recordId)).toEqual(['rev-1']);
    expect(before.entries[0]).toMatchObject({ list: 'serious_violation', active: true, endsAt: repairedOn, endReason: 'repaired' });
    const after = evaluate('2026-02-01T00:00:00.000Z', { repaired });
    expect(after.score.reasons).toEqual([]);
    expect(after.score.score).toBe(policy.scoring.base);
    expect(after.entries[0]).toMatchObject({ active: false, endReason: 'repaired' });
    expect(after.records[0]?.repairedAt).toBe(repairedOn);
  });

  it('changes nothing without cases, and still drops suppressed records entirely', () => {
    const plain = evaluate('2026-02-01T00:00:00.000Z');
    expect(evaluate('2026-02-01T00:00:00.000Z', { repaired: new Map() })).toEqual(plain);
    expect(plain.records[0]).not.toHaveProperty('repairedAt');
    const suppressed = evaluate('2026-02-01T00:00:00.000Z', { suppressed: new Set([recordKey(violation)]) });
    expect(suppressed.score.reasons).toEqual([]);
    expect(suppressed.entries).toEqual([]);
  });
});
