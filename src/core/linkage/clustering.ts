/**
 * Clusters from scored pairs: connected components over the pairs at or above the threshold, joined
 * strongest pair first. Plain components chain: A≈B and B≈C put A with C however unlike they are.
 * The guard refuses a join that would make a cluster larger than `maxClusterSize` or put two records
 * in one cluster whose own weight is below `minCrossWeight`.
 */

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  count: number;
}

export interface ClusterGuard {
  maxClusterSize: number;
  /** The weakest pair a cluster may contain, in bits (usually well below the threshold). */
  minCrossWeight: number;
}

export interface Clustering {
  /** For each record, the smallest record index in its cluster. */
  clusterOf: Int32Array;
  /** For each record, the strongest accepted pair that joined it (NaN for a record alone). */
  joinWeight: Float64Array;
  joins: number;
  /** Joins refused by the guard. */
  refused: number;
}

/**
 * Cluster `n` records from their scored pairs. `pairWeight(i, j)` scores any pair on demand, for the
 * guard's check of the cross pairs that blocking did not score.
 */
export function clusterPairs(
  n: number, pairs: ScoredPairs, threshold: number, guard: ClusterGuard, pairWeight: (i: number, j: number) => number,
): Clustering {
  const order: number[] = [];
  for (let p = 0; p < pairs.count; p++) if (pairs.weight[p]! >= threshold) order.push(p);
  // Strongest first; ties broken by record indices so that the result never depends on input order of pairs.
  order.sort((a, b) => pairs.weight[b]! - pairs.weight[a]! || pairs.left[a]! - pairs.left[b]! || pairs.right[a]! - pairs.right[b]!);

  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const members = new Map<number, number[]>();
  const membersOf = (r: number) => members.get(r) ?? [r];
  const joinWeight = new Float64Array(n).fill(Number.NaN);
  let joins = 0;
  let refused = 0;

  for (const p of order) {
    const i = pairs.left[p]!;
    const j = pairs.right[p]!;
    const ri = root[i]!;
    const rj = root[j]!;
    if (ri === rj) continue;
    const a = membersOf(ri);
    const b = membersOf(rj);
    if (a.length + b.length > guard.maxClusterSize || !crossPairsHold(a, b, i, j, guard.minCrossWeight, pairWeight)) {
      refused++;
      continue;
    }
    const [keep, gone] = a.length >= b.length ? [ri, rj] : [rj, ri];
    const merged = a.concat(b);
    for (const x of membersOf(gone)) root[x] = keep;
    members.set(keep, merged);
    members.delete(gone);
    const w = pairs.weight[p]!;
    if (!(joinWeight[i]! >= w)) joinWeight[i] = w;
    if (!(joinWeight[j]! >= w)) joinWeight[j] = w;
    joins++;
  }

  const clusterOf = new Int32Array(n);
  const smallest = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = root[i]!;
    if (!smallest.has(r)) smallest.set(r, i);
    clusterOf[i] = smallest.get(r)!;
  }
  return { clusterOf, joinWeight, joins, refused };
}

function crossPairsHold(
  a: readonly number[], b: readonly number[], i: number, j: number, minCrossWeight: number, pairWeight: (i: number, j: number) => number,
): boolean {
  for (const x of a) {
    for (const y of b) {
      if ((x === i && y === j) || (x === j && y === i)) continue;
      if (pairWeight(x, y) < minCrossWeight) return false;
    }
  }
  return true;
}
