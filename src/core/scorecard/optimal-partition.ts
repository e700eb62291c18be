import { ivOf } from './woe.js';

/** Event-rate direction across bins, in the order of the pre-bins. */
export type Direction = 'ascending' | 'descending' | 'none';

export interface PartitionConstraints {
  /** At most this many bins. */
  maxBins: number;
  /** Each bin holds at least this many rows. */
  minCount: number;
  direction: Direction;
}

/**
 * Merge consecutive pre-bins into at most `maxBins` bins that maximise the total information value,
 * exactly, by dynamic programming: best[b][i][j] is the best IV of splitting pre-bins [0, j) into b
 * bins whose last bin is [i, j); a bin may follow another only if the event rate moves in the
 * required direction (strictly). IV is additive over bins with fixed totals, so the optimum of the
 * whole is built from optima of prefixes. Each bin must hold `minCount` rows and at least one event
 * and one non-event (the single all-rows bin is always allowed). Cost O(maxBins * k^3) for k pre-bins.
 *
 * Returns the boundaries: the start index of every bin after the first (empty for one bin).
 */
export function optimalPartition(
  events: ArrayLike<number>, nonEvents: ArrayLike<number>, totalEvents: number, totalNonEvents: number, c: PartitionConstraints,
): { cuts: number[]; iv: number } {
  const k = events.length;
  if (k <= 1) return { cuts: [], iv: k === 1 ? ivOf(events[0]!, nonEvents[0]!, totalEvents, totalNonEvents) : 0 };
  const E = new Float64Array(k + 1);
  const G = new Float64Array(k + 1);
  for (let j = 0; j < k; j++) {
    E[j + 1] = E[j]! + events[j]!;
    G[j + 1] = G[j]! + nonEvents[j]!;
  }
  const span = k + 1;
  const ivs = new Float64Array(span * span).fill(NaN);
  const rates = new Float64Array(span * span);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j <= k; j++) {
      const e = E[j]! - E[i]!;
      const g = G[j]! - G[i]!;
      rates[i * span + j] = e / (e + g || 1);
      const whole = i === 0 && j === k;
      if (whole || (e + g >= c.minCount && e >= 1 && g >= 1)) ivs[i * span + j] = ivOf(e, g, totalEvents, totalNonEvents);
    }
  }
  const B = Math.max(1, Math.min(c.maxBins, k));
  // best[(b * span + i) * span + j]; -Infinity = infeasible; from[] holds the previous bin's start.
  const best = new Float64Array(B * span * span).fill(-Infinity);
  const from = new Int32Array(B * span * span).fill(-1);
  for (let j = 1; j <= k; j++) if (!Number.isNaN(ivs[j]!)) best[j] = ivs[j]!;
  const allowed = (prev: number, next: number): boolean =>
    c.direction === 'none' || (c.direction === 'ascending' ? next > prev : next < prev);
  for (let b = 1; b < B; b++) {
    for (let i = 1; i < k; i++) {
      for (let j = i + 1; j <= k; j++) {
        const v = ivs[i * span + j]!;
        if (Number.isNaN(v)) continue;
        const rate = rates[i * span + j]!;
        let top = -Infinity;
        let arg = -1;
        for (let h = 0; h < i; h++) {
          const p = best[((b - 1) * span + h) * span + i]!;
          if (p > top && allowed(rates[h * span + i]!, rate)) {
            top = p;
            arg = h;
          }
        }
        if (arg >= 0) {
          best[(b * span + i) * span + j] = top + v;
          from[(b * span + i) * span + j] = arg;
        }
      }
    }
  }
  let bestIv = -Infinity;
  let bestB = 0;
  let bestI = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < k; i++) {
      const v = best[(b * span + i) * span + k]!;
      if (v > bestIv + 1e-12) {
        bestIv = v;
        bestB = b;
        bestI = i;
      }
    }
  }
  const cuts: number[] = [];
  let j = k;
  let i = bestI;
  for (let b = bestB; b > 0; b--) {
    cuts.push(i);
    const h = from[(b * span + i) * span + j]!;
    j = i;
    i = h;
  }
  return { cuts: cuts.reverse(), iv: bestIv };
}
