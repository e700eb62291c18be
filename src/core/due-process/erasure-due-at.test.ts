import { describe, expect, it } from 'vitest';
import { erasureDueAt, publicationEndAt } from './erasure-due-at.js';
import { at, policy } from './test-cases.js';

describe('publicationEndAt and erasureDueAt', () => {
  const penalty = { type: 'commercial.administrative_penalty', severity: 'general', occurredAt: at('2026-01-05') };

  it('ends publication at the maximum term and erases the retention period later', () => {
    expect(publicationEndAt(policy, penalty)).toBe(at('2027-01-05'));
    expect(erasureDueAt(policy, penalty)).toBe(at('2032-01-05'));
    // A serious dishonest debtor is published for 3 years (its own term).
    expect(erasureDueAt(policy, { type: 'judicial.dishonest_debtor', severity: 'serious', occurredAt: at('2026-01-05') })).toBe(at('2034-01-05'));
  });

  it("follows the policy's retention and the type's default severity", () => {
    const p = structuredClone(policy);
    p.dueProcess = { ...p.dueProcess, retention: 'P6M' };
    expect(erasureDueAt(p, { ...penalty, severity: null })).toBe(at('2027-07-05'));
  });

  it('has nothing to erase on a schedule for relations; a dropped type keeps the longest term', () => {
    expect(erasureDueAt(policy, { type: 'relation.director', severity: null, occurredAt: at('2026-01-05') })).toBeNull();
    expect(publicationEndAt(policy, { type: 'gone.type', severity: null, occurredAt: at('2026-01-05') })).toBe(at('2029-01-05'));
    expect(publicationEndAt(policy, { type: 'gone.type', severity: 'minor', occurredAt: at('2026-01-05') })).toBe(at('2026-04-05'));
  });
});
