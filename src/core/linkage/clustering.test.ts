import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterPairs, type ScoredPairs } from './clustering.js';

function pairsOf(list: Array<[number, number, number]>): ScoredPairs {
  return {
    left: Int32Array.from(list.map((p) => Math.min(p[0], p[1]))),
    right: Int32Array.from(list.map((p) => Math.max(p[0], p[1]))),
    weight: Float64Array.from(list.map((p) => p[2])),
    count: list.length,
  };
}

const N = 12;
// A symmetric weight for every pair, so that the guard can look at pairs that were not scored.
const weights = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: N * N, maxLength: N * N });
const pairWeightOf = (w: number[]) => (i: number, j: number) => w[Math.min(i, j) * N + Math.max(i, j)]!;
const scoredSubset = fc.array(fc.tuple(fc.nat(N - 1), fc.nat(N - 1)), { maxLength: 40 });

describe('clusterPairs', () => {
  it('gives each record one cluster, labelled by its smallest member, within the guard', () => {
    fc.assert(fc.property(weights, scoredSubset, fc.integer({ min: -5, max: 15 }), fc.integer({ min: 2, max: N }), (w, subset, threshold, maxSize) => {
      const weight = pairWeightOf(w);
      const list = subset.filter(([i, j]) => i !== j).map(([i, j]) => [i, j, weight(i, j)] as [number, number, number]);
      const guard = { maxClusterSize: maxSize, minCrossWeight: threshold - 10 };
      const { clusterOf } = clusterPairs(N, pairsOf(list), threshold, guard, weight);
      const members = new Map<number, number[]>();
      for (let i = 0; i < N; i++) {
        expect(clusterOf[i]!).toBeLessThanOrEqual(i);
        expect(clusterOf[clusterOf[i]!]).toBe(clusterOf[i]);
        members.set(clusterOf[i]!, [...(members.get(clusterOf[i]!) ?? []), i]);
      }
      for (const group of members.values()) {
        expect(group.length).toBeLessThanOrEqual(maxSize);
        for (const a of group) for (const b of group) if (a < b) expect(weight(a, b)).toBeGreaterThanOrEqual(guard.minCrossWeight);
      }
    }));
  });

  it('does not depend on the order of the pairs', () => {
    fc.assert(fc.property(weights, scoredSubset, (w, subset) => {
      const weight = pairWeightOf(w);
      const list = subset.filter(([i, j]) => i !== j).map(([i, j]) => [i, j, weight(i, j)] as [number, number, number]);
      const guard = { maxClusterSize: 5, minCrossWeight: -5 };
      const a = clusterPairs(N, pairsOf(list), 5, guard, weight).clusterOf;
      const b = clusterPairs(N, pairsOf([...list].reverse()), 5, guard, weight).clusterOf;
      expect([...b]).toEqual([...a]);
    }));
  });

  it('is plain connected components when the guard allows everything', () => {
    const list: Array<[number, number, number]> = [[0, 1, 10], [1, 2, 9], [3, 4, 12], [4, 5, -3]];
    const { clusterOf } = clusterPairs(6, pairsOf(list), 0, { maxClusterSize: 100, minCrossWeight: -Infinity }, () => 0);
    expect([...clusterOf]).toEqual([0, 0, 0, 3, 3, 5]);
  });

  it('refuses to chain two unrelated records through a middle one', () => {
    // 0≈1 and 1≈2 are strong, but 0 and 2 plainly differ: they must not end up together.
    const w = (i: number, j: number) => (Math.min(i, j) === 0 && Math.max(i, j) === 2 ? -40 : 20);
    const { clusterOf, refused } = clusterPairs(3, pairsOf([[0, 1, 20], [1, 2, 19]]), 8, { maxClusterSize: 50, minCrossWeight: -4 }, w);
    expect(clusterOf[0]).not.toBe(clusterOf[2]);
    expect(refused).toBe(1);
  });
});
