/**
 * Deduplicating a set of records end to end, with no labels: block, count comparison patterns,
 * estimate u from random pairs and m by EM, score every candidate pair, cluster with the guard.
 * Pure and deterministic for a given seeded random source.
 */
import { MISSING, comparatorsFor, type Comparator } from './comparisons.js';
import type { PreparedEvidence } from './evidence.js';
import { PERSON_BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.js';
import { clusterPairs, type ClusterGuard, type Clustering, type ScoredPairs } from './clustering.js';
import { comparisonPattern, patternLevels, type RandomSource } from './estimate-parameters.js';
import { log2Odds, matchWeight, tfValue, type LinkageModel } from './model.js';
import { trainModel, type TrainingReport } from './train-model.js';

export interface DeduplicateOptions {
  /** Pairs at or above this weight (bits) join clusters. */
  threshold: number;
  random: RandomSource;
  rules?: readonly BlockingRule[];
  maxBlockSize?: number;
  /** Random pairs drawn to estimate u. */
  randomPairs?: number;
  /** The guard against chaining; by default clusters up to 50 records, no pair 12 bits below the threshold. */
  guard?: ClusterGuard;
  /** Score with this model instead of estimating one from the records. */
  model?: LinkageModel;
}

export interface DeduplicateResult {
  model: LinkageModel;
  comparators: Comparator[];
  pairs: ScoredPairs;
  clustering: Clustering;
  blocking: BlockingStats[];
  /** The EM sessions that estimated m (empty when a model was given). */
  training: TrainingReport['sessions'];
}

export const DEFAULT_MAX_BLOCK_SIZE = 2000;
export const DEFAULT_RANDOM_PAIRS = 300_000;
export const DEFAULT_GUARD_MARGIN = 12;
export const DEFAULT_MAX_CLUSTER_SIZE = 50;

/** Deduplicate prepared records; see the module comment for the steps. */
export function deduplicate(records: readonly PreparedEvidence[], options: DeduplicateOptions): DeduplicateResult {
  const comparators = options.model
    ? comparatorsFor(records).filter((c) => options.model!.comparisons.some((m) => m.field === c.field))
    : comparatorsFor(records);
  const candidates = new PairBuffer();
  const rules = options.rules ?? PERSON_BLOCKING_RULES;
  const patternsByRule = rules.map(() => new Map<number, number>());
  const allPatterns = new Map<number, number>();
  const blocking = forEachCandidatePair(records, rules, options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE, (i, j, mask) => {
    const p = comparisonPattern(comparators, records[i]!, records[j]!);
    candidates.push(i, j, p);
    allPatterns.set(p, (allPatterns.get(p) ?? 0) + 1);
    // Each rule trains on every pair its blocks hold, not only on those no earlier rule found.
    for (let bits = mask; bits !== 0; bits &= bits - 1) {
      const patterns = patternsByRule[31 - Math.clz32(bits & -bits)]!;
      patterns.set(p, (patterns.get(p) ?? 0) + 1);
    }
  });

  let model = options.model;
  let training: TrainingReport['sessions'] = [];
  if (!model) {
    const trained = trainModel({ records, comparators, rules, patternsByRule, allPatterns, random: options.random, randomPairs: options.randomPairs ?? DEFAULT_RANDOM_PAIRS });
    model = trained.model;
    training = trained.sessions;
  }

  const pairs = scoreCandidates(records, comparators, model, candidates);
  const guard = options.guard ?? { maxClusterSize: DEFAULT_MAX_CLUSTER_SIZE, minCrossWeight: options.threshold - DEFAULT_GUARD_MARGIN };
  const clustering = clusterPairs(records.length, pairs, options.threshold, guard, (i, j) => matchWeight(model!, records[i]!, records[j]!));
  return { model, comparators, pairs, clustering, blocking, training };
}

/** Weights of the stored candidate pairs from their patterns: one table look-up plus the name frequencies. */
function scoreCandidates(records: readonly PreparedEvidence[], comparators: readonly Comparator[], model: LinkageModel, c: PairBuffer): ScoredPairs {
  const byField = comparators.map((comp) => model.comparisons.find((m) => m.field === comp.field));
  const prior = log2Odds(model.prior);
  const tfSlots = comparators.map((comp, k) => {
    const table = model.termFrequencies?.[comp.field];
    if (!table || !comp.tfLevels || !byField[k]) return undefined;
    const freq = new Float64Array(records.length);
    for (let i = 0; i < records.length; i++) freq[i] = table.get(tfValue(comp.field, records[i]!)) ?? 0;
    const u = comp.tfLevels.reduce((s, l) => s + byField[k]!.levels[l]!.u, 0);
    return { levels: comp.tfLevels, freq, u };
  });
  // Per pattern: its weight without term frequencies, and which name slots take an adjustment.
  const byPattern = new Map<number, number>();
  const baseWeights: number[] = [];
  const tfMasks: number[] = [];
  const weight = new Float64Array(c.count);
  for (let p = 0; p < c.count; p++) {
    const pattern = c.pattern[p]!;
    let slot = byPattern.get(pattern);
    if (slot === undefined) {
      const levels = patternLevels(comparators, pattern);
      let w = prior;
      let mask = 0;
      for (let k = 0; k < comparators.length; k++) {
        if (levels[k] === MISSING || !byField[k]) continue;
        w += byField[k]!.levels[levels[k]!]!.weight;
        if (tfSlots[k]?.levels.includes(levels[k]!)) mask |= 1 << k;
      }
      slot = baseWeights.length;
      byPattern.set(pattern, slot);
      baseWeights.push(w);
      tfMasks.push(mask);
    }
    let w = baseWeights[slot]!;
    const i = c.left[p]!;
    const j = c.right[p]!;
    for (let mask = tfMasks[slot]!; mask !== 0; mask &= mask - 1) {
      const tfSlot = tfSlots[31 - Math.clz32(mask & -mask)]!;
      const tf = Math.max(tfSlot.freq[i]!, tfSlot.freq[j]!, 1e-6);
      w += Math.max(-8, Math.min(8, Math.log2(tfSlot.u / tf)));
    }
    weight[p] = w;
  }
  return { left: c.left.subarray(0, c.count), right: c.right.subarray(0, c.count), weight, count: c.count };
}

/** Candidate pairs in growable typed arrays: tens of millions of pairs without an object each. */
class PairBuffer {
  left = new Int32Array(1 << 16);
  right = new Int32Array(1 << 16);
  pattern = new Uint32Array(1 << 16);
  count = 0;

  push(i: number, j: number, p: number): void {
    if (this.count === this.left.length) {
      const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left, (n) => new Int32Array(n));
      this.right = grow(this.right, (n) => new Int32Array(n));
      this.pattern = grow(this.pattern, (n) => new Uint32Array(n));
    }
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.pattern[this.count] = p;
    this.count++;
  }
}
