import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { checkPolicy } from './check-policy.js';
import { furnisherAllows } from './furnisher-allows.js';

describe('furnisherAllows', () => {
  const policy = defaultPolicy();

  it('lets a court send judicial records but not loans, and a bank the reverse', () => {
    expect(furnisherAllows(policy, 'court.enforcement', 'judicial.dishonest_debtor')).toBe(true);
    expect(furnisherAllows(policy, 'court.enforcement', 'financial.loan_overdue')).toBe(false);
    expect(furnisherAllows(policy, 'bank.icbc', 'financial.loan_overdue')).toBe(true);
    expect(furnisherAllows(policy, 'bank.icbc', 'judicial.dishonest_debtor')).toBe(false);
    expect(furnisherAllows(policy, 'courtyard.cafe', 'judicial.dishonest_debtor')).toBe(false);
  });

  it('restricts nothing when the policy has no furnishers section', () => {
    const open = { ...policy, furnishers: undefined };
    expect(furnisherAllows(open, 'anyone', 'judicial.dishonest_debtor')).toBe(true);
  });

  it('refuses a grant that names no record type of the policy', () => {
    const typo = { ...policy, furnishers: { 'court.*': { recordTypes: ['judical.*'] } } };
    expect(checkPolicy(typo).map((e) => e.code)).toContain('XY_POLICY_BAD_REFERENCE');
  });
});
