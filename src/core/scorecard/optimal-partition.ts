import { ivOf } from './woe.js';

/**
 * Event-rate shape across bins, in the order of the pre-bins: monotone, unconstrained, or one
 * turn (peak: up then down; valley: down then up).
 */
export type Direction = 'ascending' | 'descending' | 'none' | 'peak' | 'valley';

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
  // Phase 0: before the turn (or the only phase); phase 1: after a peak's or valley's turn.
  // best[((b * 2 + phase) * span + i) * span + j]; -Infinity = infeasible; from[] holds the previous bin's start.
  const at = (b: number, phase: number, i: number, j: number) => ((b * 2 + phase) * span + i) * span + j;
  const best = new Float64Array(B * 2 * span * span).fill(-Infinity);
  const from = new Int32Array(B * 2 * span * span).fill(-1);
  for (let j = 1; j <= k; j++) if (!Number.isNaN(ivs[j]!)) best[at(0, 0, 0, j)] = ivs[j]!;
  const d = c.direction;
  /** The phase after a bin at `next` follows one at `prev` in `phase`, or -1 when not allowed. */
  const step = (prev: number, next: number, phase: number): number => {
    const up = next > prev;
    const down = next < prev;
    if (d === 'none') return 0;
    if (d === 'ascending') return up ? 0 : -1;
    if (d === 'descending') return down ? 0 : -1;
    const rise = d === 'peak' ? up : down;
    const fall = d === 'peak' ? down : up;
    if (phase === 0) return rise ? 0 : fall ? 1 : -1;
    return fall ? 1 : -1;
  };
  for (let b = 1; b < B; b++) {
    for (let i = 1; i < k; i++) {
      for (let j = i + 1; j <= k; j++) {
        const v = ivs[i * span + j]!;
        if (Number.isNaN(v)) continue;
        const rate = rates[i * span + j]!;
        for (let h = 0; h < i; h++) {
          for (let phase = 0; phase < 2; phase++) {
            const p = best[at(b - 1, phase, h, i)]!;
            if (p === -Infinity) continue;
            const next = step(rates[h * span + i]!, rate, phase);
            if (next < 0) continue;
            const slot = at(b, next, i, j);
            if (p + v > best[slot]!) {
              best[slot] = p + v;
              from[slot] = h * 2 + phase;
            }
          }
        }
      }
    }
  }
  let bestIv = -Infinity;
  let bestB = 0;
  let bestI = 0;
  let bestPhase = 0;
  for (let b = 0; b < B; b++) {
    for (let phase = 0; phase < 2; phase++) {
      for (let i = 0; i < k; i++) {
        const v = best[at(b, phase, i, k)]!;
        if (v > bestIv + 1e-12) {
          bestIv = v;
          bestB = b;
          bestI = i;
          bestPhase = phase;
        }
      }
    }
  }
  const cuts: number[] = [];
  let j = k;
  let i = bestI;
  let phase = bestPhase;
  for (let b = bestB; b > 0; b--) {
    cuts.push(i);
    const prev = from[at(b, phase, i, j)]!;
    j = i;
    i = prev >> 1;
    phase = prev & 1;
  }
  return { cuts: cuts.reverse(), iv: bestIv };
}
