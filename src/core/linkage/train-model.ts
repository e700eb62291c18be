/**
 * Training a model without labels, as Splink does: one EM session per blocking rule, each ignoring
 * the comparisons its rule blocked on (they agree by construction there and would teach EM that
 * "same name" means "same person"); each comparison's m is the average over the sessions that could
 * see it, weighted by each session's expected matches. u comes from random pairs.
 */
import type { Comparator } from './comparisons.js';
import type { BlockingRule } from './blocking.js';
import type { PreparedEvidence } from './evidence.js';
import { estimateU, expectationMaximisation, initialM, patternLevels, type LevelProbabilities, type RandomSource } from './estimate-parameters.js';
import { termFrequencies, withWeights, type LinkageModel } from './model.js';

export interface TrainingInput {
  records: readonly PreparedEvidence[];
  comparators: readonly Comparator[];
  rules: readonly BlockingRule[];
  /** Pattern counts of the candidate pairs, one map per rule (a pair counts under every rule whose block holds it). */
  patternsByRule: ReadonlyArray<ReadonlyMap<number, number>>;
  /** Pattern counts of all candidate pairs, each pair once. */
  allPatterns: ReadonlyMap<number, number>;
  random: RandomSource;
  randomPairs: number;
}

export interface TrainingReport {
  model: LinkageModel;
  sessions: Array<{ rule: string; pairs: number; lambda: number; iterations: number }>;
}

/** Sessions with fewer candidate pairs than this teach too little to count. */
const MIN_SESSION_PAIRS = 50;

export function trainModel(input: TrainingInput): TrainingReport {
  const { records, comparators, rules, patternsByRule } = input;
  const u = estimateU(records, comparators, input.random, input.randomPairs);
  const start = initialM(comparators);
  const mSum = comparators.map((c) => new Array<number>(c.levels.length).fill(0));
  const mWeight = comparators.map(() => 0);
  const sessions: TrainingReport['sessions'] = [];
  rules.forEach((rule, r) => {
    const patterns = patternsByRule[r]!;
    let pairs = 0;
    for (const n of patterns.values()) pairs += n;
    if (pairs < MIN_SESSION_PAIRS) return;
    const ignore = comparators.map((c) => rule.fields.includes(c.field));
    const em = expectationMaximisation(comparators, patterns, { m: start, u, lambda: 0.3 }, { ignore });
    sessions.push({ rule: rule.name, pairs, lambda: em.lambda, iterations: em.iterations });
    if (em.lambda * pairs < 1) return;
    const matches = em.lambda * pairs;
    comparators.forEach((_, c) => {
      if (ignore[c]) return;
      em.m[c]!.forEach((p, l) => (mSum[c]![l]! += p * matches));
      mWeight[c]! += matches;
    });
  });
  const m: LevelProbabilities = comparators.map((_, c) => (mWeight[c]! > 0 ? mSum[c]!.map((x) => x / mWeight[c]!) : start[c]!));

  // The prior: expected matches among all candidate pairs under the combined m, over all pairs.
  const all = input.allPatterns;
  const expected = expectedMatches(comparators, all, m, u, records.length);
  const allPairs = (records.length * (records.length - 1)) / 2;
  const prior = Math.min(0.5, Math.max(1e-12, expected / Math.max(1, allPairs)));
  const model: LinkageModel = {
    prior,
    comparisons: withWeights(comparators.map((c, k) => ({ field: c.field, levels: c.levels.map((label, l) => ({ label, m: m[k]![l]!, u: u[k]![l]! })) }))),
    termFrequencies: termFrequencies(records),
  };
  return { model, sessions };
}

/**
 * Expected matches among counted pairs for given m and u, iterating the prior to its fixed point
 * (the prior of a candidate pair is unknown; start from one match per record).
 */
function expectedMatches(comparators: readonly Comparator[], patterns: ReadonlyMap<number, number>, m: LevelProbabilities, u: LevelProbabilities, n: number): number {
  let total = 0;
  for (const c of patterns.values()) total += c;
  if (total === 0) return 0;
  const ratios = [...patterns].map(([p, count]) => {
    let ratio = 1;
    patternLevels(comparators, p).forEach((l, c) => {
      if (l >= 0) ratio *= m[c]![l]! / u[c]![l]!;
    });
    return [ratio, count] as const;
  });
  let lambda = Math.min(0.5, n / total);
  for (let k = 0; k < 50; k++) {
    let e = 0;
    for (const [ratio, count] of ratios) e += (count * lambda * ratio) / (lambda * ratio + 1 - lambda);
    const next = Math.min(1 - 1e-9, Math.max(1e-9, e / total));
    if (Math.abs(next - lambda) < 1e-9) break;
    lambda = next;
  }
  return lambda * total;
}
