import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ivOf, ivStrength, woeOf } from './woe.js';

describe('WoE and IV', () => {
  it('WoE = ln(%good / %bad): a bin with fewer bads than average has positive WoE', () => {
    expect(woeOf(10, 90, 100, 300)).toBeCloseTo(Math.log((90 / 300) / (10 / 100)), 12);
    expect(woeOf(10, 90, 100, 300)).toBeGreaterThan(0);
    expect(woeOf(50, 50, 100, 300)).toBeLessThan(0);
    expect(woeOf(0, 0, 100, 300)).toBe(0);
    expect(Number.isFinite(woeOf(0, 20, 100, 300))).toBe(true);
  });

  it('IV is never negative, zero for a bin at the average rate, and equals (%good-%bad)*WoE', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }),
      (e, n, de, dn) => {
        const te = e + de, tn = n + dn;
        const iv = ivOf(e, n, te, tn);
        expect(iv).toBeGreaterThanOrEqual(0);
        if (e > 0 && n > 0) expect(iv).toBeCloseTo((n / tn - e / te) * woeOf(e, n, te, tn), 9);
      }));
    expect(ivOf(10, 30, 100, 300)).toBeCloseTo(0, 12);
  });

  it('reads IV in the usual bands', () => {
    expect([0.01, 0.05, 0.2, 0.4, 0.7].map(ivStrength)).toEqual(['useless', 'weak', 'medium', 'strong', 'suspicious']);
  });
});
