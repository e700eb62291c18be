/**
 * Estimating m and u without labels. u comes from pairs drawn at random (nearly all of them are
 * non-matches); m comes from expectation–maximisation over the candidate pairs that blocking
 * produced, whose comparison vectors are counted by pattern so that each iteration costs the number
 * of distinct patterns, not of pairs.
 */
import { MISSING, type Comparator } from './comparisons.js';
import type { PreparedEvidence } from './evidence.js';

/** A seeded source of uniform numbers in [0, 1); the caller owns the seed. */
export interface RandomSource {
  next(): number;
}

/** A pair's levels packed in one integer: digit c (radix levels+1) is level+1, 0 for missing. */
export function comparisonPattern(comparators: readonly Comparator[], a: PreparedEvidence, b: PreparedEvidence): number {
  let pattern = 0;
  let scale = 1;
  for (const c of comparators) {
    pattern += (c.compare(a, b) + 1) * scale;
    scale *= c.levels.length + 1;
  }
  return pattern;
}

/** The level of each comparator in a packed pattern (MISSING for a missing value). */
export function patternLevels(comparators: readonly Comparator[], pattern: number): number[] {
  const levels: number[] = [];
  let rest = pattern;
  for (const c of comparators) {
    const radix = c.levels.length + 1;
    levels.push((rest % radix) - 1);
    rest = Math.floor(rest / radix);
  }
  return levels;
}

/** Level probabilities per comparator: one array per comparator, summing to 1. */
export type LevelProbabilities = number[][];

const SMOOTHING = 0.5;

/**
 * u from `samples` random pairs (all pairs when there are fewer), add-half smoothed so that a level
 * never seen among random pairs is rare but not impossible.
 */
export function estimateU(
  records: readonly PreparedEvidence[], comparators: readonly Comparator[], random: RandomSource, samples: number,
): LevelProbabilities {
  const counts = comparators.map((c) => new Array<number>(c.levels.length).fill(0));
  const n = records.length;
  const visit = (i: number, j: number) => {
    const a = records[i]!;
    const b = records[j]!;
    for (let k = 0; k < comparators.length; k++) {
      const level = comparators[k]!.compare(a, b);
      if (level !== MISSING) counts[k]![level]!++;
    }
  };
  const all = (n * (n - 1)) / 2;
  if (all <= samples) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
  } else {
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(random.next() * n);
      let j = Math.floor(random.next() * (n - 1));
      if (j >= i) j++;
      visit(i, j);
    }
  }
  return counts.map((row) => {
    const total = row.reduce((s, x) => s + x, 0) + SMOOTHING * row.length;
    return row.map((x) => (x + SMOOTHING) / total);
  });
}

export interface EmResult {
  m: LevelProbabilities;
  u: LevelProbabilities;
  /** Share of the candidate pairs that match. */
  lambda: number;
  iterations: number;
}

/** Starting m: most matches agree exactly, fewer at each weaker level, a few are "different". */
export function initialM(comparators: readonly Comparator[]): LevelProbabilities {
  return comparators.map((c) => {
    const raw = c.levels.map((_, k) => (k === c.levels.length - 1 ? 0.05 : 0.5 ** k));
    const total = raw.reduce((s, x) => s + x, 0);
    return raw.map((x) => x / total);
  });
}

const FLOOR = 1e-6;
/** No level is rarer than this among matches: one odd field should cost a link some bits, not all of them. */
const M_FLOOR = 1e-4;

/**
 * Expectation–maximisation of m and the match share (and u, when asked) over counted patterns, assuming levels are
 * independent given match status (Fellegi–Sunter). Deterministic: patterns are visited in sorted order.
 */
export function expectationMaximisation(
  comparators: readonly Comparator[], patterns: ReadonlyMap<number, number>, start: { m: LevelProbabilities; u: LevelProbabilities; lambda: number },
  options: { maxIterations?: number; tolerance?: number; estimateU?: boolean; ignore?: readonly boolean[] } = {},
): EmResult {
  const keys = [...patterns.keys()].sort((a, b) => a - b);
  // An ignored comparison (one the pairs were blocked on, so that it agrees by construction) counts as missing.
  const levelsOf = keys.map((p) => patternLevels(comparators, p).map((l, c) => (options.ignore?.[c] ? MISSING : l)));
  const counts = keys.map((p) => patterns.get(p)!);
  let { m, u, lambda } = start;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-6;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const mSum = comparators.map((c) => new Array<number>(c.levels.length).fill(0));
    const uSum = comparators.map((c) => new Array<number>(c.levels.length).fill(0));
    let matched = 0;
    let total = 0;
    for (let p = 0; p < keys.length; p++) {
      const levels = levelsOf[p]!;
      let pm = lambda;
      let pu = 1 - lambda;
      for (let c = 0; c < levels.length; c++) {
        const l = levels[c]!;
        if (l === MISSING) continue;
        pm *= m[c]![l]!;
        pu *= u[c]![l]!;
      }
      const posterior = pm / (pm + pu);
      const n = counts[p]!;
      matched += posterior * n;
      total += n;
      for (let c = 0; c < levels.length; c++) {
        const l = levels[c]!;
        if (l === MISSING) continue;
        mSum[c]![l]! += posterior * n;
        uSum[c]![l]! += (1 - posterior) * n;
      }
    }
    const normalise = (rows: number[][], floor: number) => rows.map((row) => {
      const total = row.reduce((a, x) => a + x, 0);
      const p = row.map((x) => Math.max(floor, x / total));
      const s = p.reduce((a, x) => a + x, 0);
      return p.map((x) => x / s);
    });
    const nextM = normalise(mSum, M_FLOOR);
    // By default u stays as drawn from random pairs: candidate pairs share block keys, so their
    // non-matches agree far more often than the population's do, and a u learned from them would
    // let EM call "shares a common name" a match.
    const nextU = options.estimateU ? normalise(uSum, FLOOR) : u;
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, matched / total));
    const change = Math.max(Math.abs(nextLambda - lambda), maxDiff(nextM, m), maxDiff(nextU, u));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { m, u, lambda, iterations };
}

function maxDiff(a: number[][], b: number[][]): number {
  let d = 0;
  a.forEach((row, i) => row.forEach((x, j) => (d = Math.max(d, Math.abs(x - b[i]![j]!)))));
  return d;
}
