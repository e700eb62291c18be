/**
 * The Fellegi–Sunter model: each comparison level has m (how often true matches land on it) and u
 * (how often non-matches do); its weight is log2(m/u) bits. A pair's match weight is the prior's
 * log-odds plus each comparison's weight, and its probability is 2^w / (1 + 2^w).
 */
import { COMPARATORS, MISSING, type ComparisonField } from './comparisons.js';
import type { PreparedEvidence } from './evidence.js';

export interface LevelParameters {
  label: string;
  m: number;
  u: number;
  /** log2(m/u), made non-increasing down the levels so that more agreement never weighs less. */
  weight: number;
}

export interface ComparisonModel {
  field: ComparisonField;
  levels: LevelParameters[];
}

/** How common each name reading is among the records (share of records with that value). */
export type TermFrequencies = Partial<Record<ComparisonField, ReadonlyMap<string, number>>>;

export interface LinkageModel {
  /** Probability that two records drawn at random are the same person. */
  prior: number;
  comparisons: ComparisonModel[];
  termFrequencies?: TermFrequencies;
}

export interface ComparisonOutcome {
  field: ComparisonField;
  /** Level label, or 'missing' when either side lacks the value. */
  level: string;
  levelIndex: number;
  /** The two values compared, as shown to a person. */
  values: [string, string];
  weight: number;
  /** The term-frequency part of `weight` (already included), 0 when none applies. */
  tfAdjustment: number;
  text: string;
}

export interface PairExplanation {
  priorWeight: number;
  comparisons: ComparisonOutcome[];
  weight: number;
  probability: number;
}

/** Term-frequency adjustments stay within this many bits either way: a typo'd rare name is not proof. */
const TF_CLAMP = 8;
/** A reading seen once in a small file is not rarer than this. */
const TF_FLOOR = 1e-6;

export function log2Odds(p: number): number {
  return Math.log2(p / (1 - p));
}

export function probabilityOf(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** Level weights from m and u, non-increasing from the strongest level to "different". */
export function levelWeights(levels: ReadonlyArray<{ m: number; u: number }>): number[] {
  const w = levels.map((l) => Math.log2(l.m / l.u));
  for (let k = w.length - 2; k >= 0; k--) w[k] = Math.max(w[k]!, w[k + 1]!);
  return w;
}

/** Fill in `weight` for each level of a model whose m and u are set. */
export function withWeights(comparisons: ReadonlyArray<{ field: ComparisonField; levels: ReadonlyArray<{ label: string; m: number; u: number }> }>): ComparisonModel[] {
  return comparisons.map((c) => {
    const w = levelWeights(c.levels);
    return { field: c.field, levels: c.levels.map((l, k) => ({ label: l.label, m: l.m, u: l.u, weight: w[k]! })) };
  });
}

/** Share of records carrying each reading of the name fields. */
export function termFrequencies(records: readonly PreparedEvidence[]): TermFrequencies {
  const count = (pick: (r: PreparedEvidence) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const r of records) {
      const v = pick(r);
      if (v === '') continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
    for (const [k, c] of counts) counts.set(k, c / total);
    return counts;
  };
  return { familyName: count((r) => r.familyReading), givenName: count((r) => r.givenReading) };
}

/** The reading whose frequency adjusts a name comparison. */
export function tfValue(field: ComparisonField, r: PreparedEvidence): string {
  return field === 'familyName' ? r.familyReading : field === 'givenName' ? r.givenReading : '';
}

/**
 * Bits added to an agreeing level for how common the agreed value is: log2(u / tf), where u is
 * the chance that two random records agree on any value and tf the chance they agree on this one.
 * 王 (tf ~0.07) loses about two bits, 欧阳 gains several.
 */
export function tfAdjustment(model: LinkageModel, c: ComparisonModel, level: number, a: PreparedEvidence, b: PreparedEvidence): number {
  const table = model.termFrequencies?.[c.field];
  const tfLevels = COMPARATORS[c.field].tfLevels;
  if (!table || !tfLevels?.includes(level)) return 0;
  const va = tfValue(c.field, a);
  const vb = tfValue(c.field, b);
  // Both sides agree on the reading at these levels; the rarer spelling of it is not claimed.
  const tf = Math.max(table.get(va) ?? TF_FLOOR, table.get(vb) ?? TF_FLOOR, TF_FLOOR);
  let u = 0;
  for (const k of tfLevels) u += c.levels[k]!.u;
  return Math.max(-TF_CLAMP, Math.min(TF_CLAMP, Math.log2(u / tf)));
}

/** The match weight of a pair: prior log-odds plus every comparison's weight. */
export function matchWeight(model: LinkageModel, a: PreparedEvidence, b: PreparedEvidence): number {
  let w = log2Odds(model.prior);
  for (const c of model.comparisons) {
    const level = COMPARATORS[c.field].compare(a, b);
    if (level === MISSING) continue;
    w += c.levels[level]!.weight + tfAdjustment(model, c, level, a, b);
  }
  return w;
}

/** Every comparison's level and weight for one pair, with the prior and the total: the waterfall. */
export function explainPair(model: LinkageModel, a: PreparedEvidence, b: PreparedEvidence): PairExplanation {
  const priorWeight = log2Odds(model.prior);
  const comparisons = model.comparisons.map((c): ComparisonOutcome => {
    const comparator = COMPARATORS[c.field];
    const level = comparator.compare(a, b);
    if (level === MISSING) {
      return { field: c.field, level: 'missing', levelIndex: MISSING, values: [comparator.show(a), comparator.show(b)], weight: 0, tfAdjustment: 0, text: `${c.field}: missing on one side, no evidence` };
    }
    const tf = tfAdjustment(model, c, level, a, b);
    const weight = c.levels[level]!.weight + tf;
    const label = c.levels[level]!.label;
    const values = `"${comparator.show(a)}" / "${comparator.show(b)}"`;
    const tfText = tf !== 0 ? ` (${signed(tf)} for how ${tf < 0 ? 'common' : 'rare'} the name is)` : '';
    return { field: c.field, level: label, levelIndex: level, values: [comparator.show(a), comparator.show(b)], weight, tfAdjustment: tf, text: `${c.field} ${values}: ${label}, ${signed(weight)} bits${tfText}` };
  });
  const weight = comparisons.reduce((s, c) => s + c.weight, priorWeight);
  return { priorWeight, comparisons, weight, probability: probabilityOf(weight) };
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}
