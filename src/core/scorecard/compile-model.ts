import { binOf } from './bin-feature.js';
import { parseNumber } from './dataset.js';
import type { ScorecardModel } from './model-format.js';

/** Most reason codes an adverse-action notice carries. */
export const MAX_REASONS = 4;

/**
 * A model turned into lookup tables in typed arrays for scoring at speed. Bins of all features are
 * numbered in one flat space: feature f owns [binStart[f], binStart[f + 1]), its missing bin is the
 * one before last, its special bin the last.
 */
export interface CompiledScorecard {
  features: string[];
  numeric: Uint8Array;
  splits: Float64Array[];
  special: Set<number>[];
  categories: Map<string, number>[];
  binStart: Int32Array;
  points: Float64Array;
  /** b_j * WoE per bin: its share of the event's log-odds. */
  logit: Float64Array;
  /** Points a bin costs against the feature's best bin (seen in training); > 0 means it costs. */
  loss: Float64Array;
  /** "feature: bin label" per bin, for reason codes. */
  reason: string[];
  basePoints: number;
  intercept: number;
}

export function compileScorecard(model: ScorecardModel): CompiledScorecard {
  const f = model.features;
  const binStart = new Int32Array(f.length + 1);
  f.forEach((feat, i) => (binStart[i + 1] = binStart[i]! + feat.bins.length));
  const total = binStart[f.length]!;
  const points = new Float64Array(total);
  const logit = new Float64Array(total);
  const loss = new Float64Array(total);
  const reason: string[] = [];
  f.forEach((feat, i) => {
    const seen = feat.bins.filter((b) => b.count > 0).map((b) => b.points);
    const best = seen.length > 0 ? Math.max(...seen) : 0;
    feat.bins.forEach((b, k) => {
      const at = binStart[i]! + k;
      points[at] = b.points;
      logit[at] = feat.coefficient * b.woe;
      loss[at] = best - b.points;
      reason.push(`${feat.name}: ${b.label}`);
    });
  });
  return {
    features: f.map((x) => x.name),
    numeric: Uint8Array.from(f, (x) => (x.type === 'numeric' ? 1 : 0)),
    splits: f.map((x) => Float64Array.from(x.splits)),
    special: f.map((x) => new Set(x.specialValues)),
    categories: f.map((x) => new Map(x.bins.flatMap((b, k) => (b.categories ?? []).map((c) => [c, k] as [string, number])))),
    binStart, points, logit, loss, reason, basePoints: model.basePoints, intercept: model.intercept,
  };
}

/** Flat bin of feature f for a number (NaN = missing). */
export function numericBin(c: CompiledScorecard, f: number, x: number): number {
  const start = c.binStart[f]!;
  const regular = c.binStart[f + 1]! - start - 2;
  if (x !== x) return start + regular;
  if (c.special[f]!.size > 0 && c.special[f]!.has(x)) return start + regular + 1;
  return start + binOf(c.splits[f]!, x);
}

/** Flat bin of feature f for a raw CSV cell: numeric features parse it (non-numbers are missing). */
export function cellBin(c: CompiledScorecard, f: number, cell: string): number {
  if (c.numeric[f]) return numericBin(c, f, parseNumber(cell));
  const k = c.categories[f]!.get(cell.trim());
  return k === undefined ? c.binStart[f + 1]! - 2 : c.binStart[f]! + k;
}

export interface ScoredRows {
  score: Float64Array;
  pd: Float64Array;
  /** MAX_REASONS flat bin ids per row, most costly first; -1 where fewer features cost points. */
  reasons: Int32Array;
}

export function scoredRows(n: number): ScoredRows {
  return { score: new Float64Array(n), pd: new Float64Array(n), reasons: new Int32Array(n * MAX_REASONS) };
}

/**
 * Score rows whose bins are known: `bins` holds one flat bin id per feature per row (row-major).
 * Reason codes: the features whose bin costs most points against that feature's best bin, at most
 * four, largest first (earlier feature first on ties), only those that cost something.
 */
export function scoreBins(c: CompiledScorecard, bins: Int32Array, n: number, out: ScoredRows, outOffset = 0): void {
  const p = c.features.length;
  const topLoss = new Float64Array(MAX_REASONS);
  const topBin = new Int32Array(MAX_REASONS);
  for (let r = 0; r < n; r++) {
    let score = c.basePoints;
    let eta = c.intercept;
    let kept = 0;
    for (let f = 0; f < p; f++) {
      const b = bins[r * p + f]!;
      score += c.points[b]!;
      eta += c.logit[b]!;
      const l = c.loss[b]!;
      if (l > 0 && (kept < MAX_REASONS || l > topLoss[MAX_REASONS - 1]!)) {
        let i = kept < MAX_REASONS ? kept++ : MAX_REASONS - 1;
        while (i > 0 && topLoss[i - 1]! < l) {
          topLoss[i] = topLoss[i - 1]!;
          topBin[i] = topBin[i - 1]!;
          i--;
        }
        topLoss[i] = l;
        topBin[i] = b;
      }
    }
    const o = outOffset + r;
    out.score[o] = score;
    out.pd[o] = 1 / (1 + Math.exp(-eta));
    for (let i = 0; i < MAX_REASONS; i++) out.reasons[o * MAX_REASONS + i] = i < kept ? topBin[i]! : -1;
  }
}

/**
 * Score pre-parsed columns (one per model feature, in model order: Float64Array for numeric
 * features, strings for categorical ones), `chunk` rows at a time through one reusable bin buffer.
 */
export function scoreColumns(c: CompiledScorecard, columns: readonly (Float64Array | readonly string[])[], n: number, out: ScoredRows, chunk = 4096): void {
  const p = c.features.length;
  const bins = new Int32Array(chunk * p);
  for (let from = 0; from < n; from += chunk) {
    const m = Math.min(chunk, n - from);
    for (let f = 0; f < p; f++) {
      const col = columns[f]!;
      if (col instanceof Float64Array && c.special[f]!.size === 0) {
        // The hot path: a short linear scan over the splits (a feature has a handful of bins).
        const splits = c.splits[f]!;
        const k = splits.length;
        const start = c.binStart[f]!;
        const missing = start + k;
        for (let r = 0; r < m; r++) {
          const x = col[from + r]!;
          let b = 0;
          while (b < k && splits[b]! <= x) b++;
          bins[r * p + f] = x !== x ? missing : start + b;
        }
      } else if (col instanceof Float64Array) for (let r = 0; r < m; r++) bins[r * p + f] = numericBin(c, f, col[from + r]!);
      else for (let r = 0; r < m; r++) bins[r * p + f] = cellBin(c, f, col[from + r]!);
    }
    scoreBins(c, bins, m, out, from);
  }
}

/** Score one row of raw cells, given in model feature order. */
export function scoreCells(c: CompiledScorecard, cells: readonly string[]): { score: number; pd: number; reasons: string[] } {
  const bins = Int32Array.from(cells, (cell, f) => cellBin(c, f, cell));
  const out = scoredRows(1);
  scoreBins(c, bins, 1, out);
  const reasons = [...out.reasons].filter((b) => b >= 0).map((b) => c.reason[b]!);
  return { score: out.score[0]!, pd: out.pd[0]!, reasons };
}
