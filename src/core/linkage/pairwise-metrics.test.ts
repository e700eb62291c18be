import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairwiseMetrics } from './pairwise-metrics.js';

describe('pairwiseMetrics', () => {
  it('counts pairs', () => {
    // Truth: {0,1,2} {3}; predicted: {0,1} {2,3}.
    const m = pairwiseMetrics([0, 0, 2, 2], ['a', 'a', 'a', 'b']);
    expect(m).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1, precision: 0.5, recall: 1 / 3 });
  });

  it('is perfect for any relabelling of the truth', () => {
    fc.assert(fc.property(fc.array(fc.nat(6), { maxLength: 40 }), (truth) => {
      const m = pairwiseMetrics(truth.map((t) => `x${t * 7}`), truth);
      expect([m.precision, m.recall]).toEqual([1, 1]);
    }));
  });
});
