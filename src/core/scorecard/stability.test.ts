import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characteristicShift, psi, verdictOf } from './stability.js';

describe('population stability', () => {
  it('PSI is zero for the same distribution at any scale and never negative', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 9 }), (counts, k) => {
      expect(psi(counts, counts.map((c) => c * k))).toBeCloseTo(0, 12);
    }));
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 10 }), (pairs) => {
      expect(psi(pairs.map((p) => p[0]), pairs.map((p) => p[1]))).toBeGreaterThanOrEqual(0);
    }));
  });

  it('matches the textbook value and reads in the 0.10 / 0.25 bands', () => {
    const v = psi([50, 50], [30, 70]);
    expect(v).toBeCloseTo((0.3 - 0.5) * Math.log(0.3 / 0.5) + (0.7 - 0.5) * Math.log(0.7 / 0.5), 12);
    expect([0.05, 0.1, 0.2, 0.25, 0.9].map(verdictOf)).toEqual(['stable', 'monitor', 'monitor', 'unstable', 'unstable']);
  });

  it('characteristic shift is the change in average points', () => {
    expect(characteristicShift([50, 50], [25, 75], [10, 30])).toBeCloseTo(0.25 * -10 + 0.25 * 30, 12);
  });
});
