import { describe, expect, it } from 'vitest';
import { freshPolicy } from './test-policy.js';
import { termOf } from './term-of.js';

describe('termOf', () => {
  const policy = freshPolicy();

  it('uses the policy terms when the type has no override', () => {
    expect(termOf(policy, 'commercial.administrative_penalty', 'minor')).toEqual({ min: 'P0D', max: 'P3M' });
    expect(termOf(policy, 'commercial.administrative_penalty', 'general')).toEqual({ min: 'P3M', max: 'P1Y' });
    expect(termOf(policy, 'commercial.administrative_penalty', 'serious')).toEqual({ min: 'P1Y', max: 'P3Y' });
  });

  it("prefers the type's own term for that severity", () => {
    expect(termOf(policy, 'financial.loan_overdue', 'serious')).toEqual({ min: 'P1Y', max: 'P5Y' });
    expect(termOf(policy, 'judicial.dishonest_debtor', 'serious')).toEqual({ min: 'P0D', max: 'P3Y' });
  });

  it('falls back per severity when the override covers only some', () => {
    const p = freshPolicy();
    const t = p.recordTypes['commercial.contract_breach'];
    if (t?.kind === 'conduct') t.terms = { serious: { min: 'P6M', max: 'P2Y' } };
    expect(termOf(p, 'commercial.contract_breach', 'serious')).toEqual({ min: 'P6M', max: 'P2Y' });
    expect(termOf(p, 'commercial.contract_breach', 'general')).toEqual(p.terms.general);
  });

  it('uses the policy terms for relations, unknown codes and prototype names', () => {
    expect(termOf(policy, 'relation.director', 'general')).toEqual(policy.terms.general);
    expect(termOf(policy, 'no.such_type', 'minor')).toEqual(policy.terms.minor);
    expect(termOf(policy, 'constructor', 'minor')).toEqual(policy.terms.minor);
  });
});
