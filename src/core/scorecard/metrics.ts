/** Discrimination and calibration. `risk` is any score that grows with the event's probability (e.g. pd). */

function order(risk: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(risk.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => risk[a]! - risk[b]!);
}

/** Area under the ROC curve from ranks (Mann-Whitney), tied scores sharing their average rank. */
export function auc(risk: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = order(risk);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && risk[idx[j + 1]!] === risk[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!]) {
      pos++;
      rankSum += avgRank;
    }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export const gini = (a: number): number => 2 * a - 1;

/** Kolmogorov-Smirnov: the largest gap between the events' and non-events' cumulative shares (ties step together). */
export function ks(risk: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = order(risk);
  let total = 0;
  for (let i = 0; i < idx.length; i++) total += y[i]! ? 1 : 0;
  const neg = idx.length - total;
  if (total === 0 || neg === 0) return NaN;
  let e = 0, n = 0, best = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && risk[idx[j]!] === risk[idx[i]!]) {
      if (y[idx[j]!]) e++;
      else n++;
      j++;
    }
    best = Math.max(best, Math.abs(e / total - n / neg));
    i = j;
  }
  return best;
}

export interface CalibrationRow {
  group: number;
  n: number;
  meanPd: number;
  eventRate: number;
}

/** Calibration table: rows sorted by predicted probability into `groups` (deciles) of near-equal size. */
export function calibration(pd: ArrayLike<number>, y: ArrayLike<number>, groups = 10): CalibrationRow[] {
  const idx = order(pd);
  const out: CalibrationRow[] = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * idx.length) / groups);
    const to = Math.floor(((g + 1) * idx.length) / groups);
    if (to <= from) continue;
    let s = 0, e = 0;
    for (let k = from; k < to; k++) {
      s += pd[idx[k]!]!;
      e += y[idx[k]!] ? 1 : 0;
    }
    out.push({ group: g + 1, n: to - from, meanPd: s / (to - from), eventRate: e / (to - from) });
  }
  return out;
}

export interface Discrimination {
  n: number;
  auc: number;
  gini: number;
  ks: number;
}

export function discrimination(risk: ArrayLike<number>, y: ArrayLike<number>): Discrimination {
  const a = auc(risk, y);
  return { n: risk.length, auc: a, gini: gini(a), ks: ks(risk, y) };
}
