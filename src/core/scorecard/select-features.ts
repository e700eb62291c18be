import { fitLogistic, type LogisticFit } from './logistic.js';

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
 * that lowers AIC most, stop when none does. Then remove, one at a time, any feature whose slope has
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
      let best: { index: number; fit: LogisticFit } | undefined;
      const start = new Float64Array(selected.length + 2);
      start.set(current.coefficients);
      for (const index of remaining) {
        const f = fit([...selected, index], start);
        if (!best || f.aic < best.fit.aic) best = { index, fit: f };
      }
      if (!best || best.fit.aic >= current.aic - 1e-9) break;
      selected.push(best.index);
      current = best.fit;
      remaining = remaining.filter((i) => i !== best.index);
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
