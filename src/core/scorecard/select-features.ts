import { fitLogistic, solveCholesky, type LogisticFit } from './logistic.js';

export interface SelectionOptions {
  /** Candidates below this information value are not considered. */
  minIv: number;
  /** Stop adding once this many features are in. */
  maxFeatures: number;
  l2: number;
  /** false: keep every candidate that passes the IV threshold (no stepwise search). */
  stepwise: boolean;
}

export const DEFAULT_SELECTION: SelectionOptions = { minIv: 0.02, maxFeatures: 20, l2: 0, stepwise: true };

export interface Selection {
  /** Indices into the candidate columns, in the order they entered. */
  selected: number[];
  fit: LogisticFit;
  /** Why each candidate not selected was left out. */
  dropped: { index: number; reason: 'low_iv' | 'no_aic_gain' | 'wrong_sign' | 'max_features' }[];
}

/**
 * Forward stepwise selection on AIC over WoE columns: start from the intercept, add the candidate
 * that lowers AIC most, stop when none does. Which candidate lowers AIC most is judged by Rao's
 * score statistic at the current fit (AIC falls by about stat - 2), which costs one pass over the
 * rows for all candidates instead of one fit each; the chosen model is then fitted and kept only if
 * its exact AIC is lower (the next two candidates are tried before stopping). Then remove, one at a time, any feature whose slope has
 * the wrong sign (positive: with WoE = ln(%good/%bad) a higher WoE must lower the event odds), since
 * such a slope only reflects collinearity and would make points run against the bin's evidence.
 */
export function selectFeatures(
  woe: readonly Float64Array[], ivs: readonly number[], y: Uint8Array, options: Partial<SelectionOptions> = {}, rows?: Uint32Array,
): Selection {
  const o = { ...DEFAULT_SELECTION, ...options };
  const dropped: Selection['dropped'] = [];
  const pool: number[] = [];
  ivs.forEach((iv, i) => (iv >= o.minIv ? pool.push(i) : dropped.push({ index: i, reason: 'low_iv' })));
  const fit = (cols: number[], start?: Float64Array) => fitLogistic(woe, cols, y, { l2: o.l2, ...(start ? { start } : {}) }, rows);

  let selected: number[] = [];
  let current = fit([]);
  if (!o.stepwise) {
    selected = pool.slice(0, o.maxFeatures);
    pool.slice(o.maxFeatures).forEach((index) => dropped.push({ index, reason: 'max_features' }));
    current = fit(selected);
  } else {
    let remaining = [...pool];
    while (remaining.length > 0 && selected.length < o.maxFeatures) {
      // Rank candidates by their score statistic at the current fit (one pass for all of them);
      // the change in AIC from adding c is about 2 - stat(c). Fit only the best and keep it if
      // its true AIC is lower.
      const stats = scoreStatistics(woe, selected, remaining, current.coefficients, y, o.l2, rows);
      const order = remaining.map((index, k) => ({ index, stat: stats[k]! })).sort((a, b) => b.stat - a.stat || a.index - b.index);
      let added = false;
      for (const cand of order.slice(0, 3)) {
        if (!(cand.stat > 2)) break;
        const start = new Float64Array(selected.length + 2);
        start.set(current.coefficients);
        const f = fit([...selected, cand.index], start);
        if (f.aic < current.aic - 1e-9) {
          selected.push(cand.index);
          current = f;
          remaining = remaining.filter((i) => i !== cand.index);
          added = true;
          break;
        }
      }
      if (!added) break;
    }
    remaining.forEach((index) => dropped.push({ index, reason: selected.length >= o.maxFeatures ? 'max_features' : 'no_aic_gain' }));
  }
  for (;;) {
    let worst = -1;
    for (let j = 0; j < selected.length; j++) {
      const c = current.coefficients[j + 1]!;
      if (c > 0 && (worst < 0 || c > current.coefficients[worst + 1]!)) worst = j;
    }
    if (worst < 0) break;
    dropped.push({ index: selected[worst]!, reason: 'wrong_sign' });
    selected = selected.filter((_, j) => j !== worst);
    current = fit(selected);
  }
  dropped.sort((a, b) => a.index - b.index);
  return { selected, fit: current, dropped };
}

/** Rao score statistic U^2 / V of each candidate column at the current fit of `selected` (exported for its test). */
export function scoreStatistics(
  woe: readonly Float64Array[], selected: readonly number[], candidates: readonly number[], beta: Float64Array, y: Uint8Array, l2: number, rows?: Uint32Array,
): Float64Array {
  const p = selected.length + 1;
  const C = candidates.length;
  const n = rows ? rows.length : y.length;
  // Column by column (long simple loops run far faster than short nested ones per row); a row
  // subset is gathered once.
  const column = (i: number) => (rows ? Float64Array.from(rows, (r) => woe[i]![r]!) : woe[i]!);
  const sel = selected.map(column);
  const eta = new Float64Array(n).fill(beta[0]!);
  sel.forEach((x, j) => {
    const b = beta[j + 1]!;
    for (let r = 0; r < n; r++) eta[r] = eta[r]! + b * x[r]!;
  });
  const w = new Float64Array(n);
  const resid = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const mu = 1 / (1 + Math.exp(-eta[r]!));
    w[r] = mu * (1 - mu);
    resid[r] = y[rows ? rows[r]! : r]! - mu;
  }
  const wx = new Float64Array(n);
  /** Σ w·x·z over rows, z = 1 when omitted. */
  const cross = (z?: Float64Array): number => {
    let s = 0;
    if (z) for (let r = 0; r < n; r++) s += wx[r]! * z[r]!;
    else for (let r = 0; r < n; r++) s += wx[r]!;
    return s;
  };
  const weigh = (x?: Float64Array) => {
    if (x) for (let r = 0; r < n; r++) wx[r] = w[r]! * x[r]!;
    else wx.set(w);
  };
  const iss = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    weigh(sel[a - 1]);
    for (let b = 0; b <= a; b++) iss[a * p + b] = cross(sel[b - 1]);
  }
  for (let j = 1; j < p; j++) iss[j * p + j] = iss[j * p + j]! + l2;
  const z = new Float64Array(p);
  const v = new Float64Array(p);
  const work = new Float64Array(p * p);
  const out = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const x = column(candidates[c]!);
    weigh(x);
    let u = 0;
    for (let r = 0; r < n; r++) u += resid[r]! * x[r]!;
    for (let a = 0; a < p; a++) v[a] = cross(sel[a - 1]);
    const icc = cross(x);
    if (!solveCholesky(iss, v, z, p, work)) continue;
    let q = 0;
    for (let a = 0; a < p; a++) q += v[a]! * z[a]!;
    const variance = icc + l2 - q;
    out[c] = variance > 1e-12 ? (u * u) / variance : 0;
  }
  return out;
}
