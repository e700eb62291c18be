import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.js';
import { mulberry32 } from './random.js';
import { scoreStatistics, selectFeatures } from './select-features.js';

/** Columns of few distinct values (like WoE), the first three carrying signal, the rest noise. */
function sample(n: number, seed: number): { cols: Float64Array[]; y: Uint8Array } {
  const r = mulberry32(seed);
  const cols = Array.from({ length: 6 }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    cols.forEach((c) => (c[i] = Math.round((r.next() * 2 - 1) * 4) / 4));
    cols[1]![i] = cols[1]![i]! * 0.6 + cols[0]![i]! * 0.4; // correlated with the first
    const eta = -1 - 0.9 * cols[0]![i]! - 0.5 * cols[1]![i]! - 0.3 * cols[2]![i]!;
    y[i] = r.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { cols, y };
}

/** The textbook computation, row by row: U = X_c'(y - mu), V = X_c'WX_c - X_c'WX_s (X_s'WX_s)^-1 X_s'WX_c. */
function reference(cols: Float64Array[], selected: number[], cand: number, beta: Float64Array, y: Uint8Array, l2: number, rows: number[]): number {
  const p = selected.length + 1;
  const xs = (r: number) => [1, ...selected.map((j) => cols[j]![r]!)];
  const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  let u = 0, cc = 0;
  for (const r of rows) {
    const x = xs(r);
    const mu = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * beta[j]!, 0)));
    const w = mu * (1 - mu);
    const z = cols[cand]![r]!;
    u += (y[r]! - mu) * z;
    cc += w * z * z;
    for (let i = 0; i < p; i++) {
      b[i] = b[i]! + w * x[i]! * z;
      for (let j = 0; j < p; j++) A[i]![j] = A[i]![j]! + w * x[i]! * x[j]!;
    }
  }
  for (let j = 1; j < p; j++) A[j]![j] = A[j]![j]! + l2;
  // Gaussian elimination for A^-1 b.
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let i = 0; i < p; i++) for (let k = i + 1; k < p; k++) {
    const f = M[k]![i]! / M[i]![i]!;
    for (let j = i; j <= p; j++) M[k]![j] = M[k]![j]! - f * M[i]![j]!;
  }
  const sol = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) sol[i] = (M[i]![p]! - M[i]!.slice(i + 1, p).reduce((s, v, k) => s + v * sol[i + 1 + k]!, 0)) / M[i]![i]!;
  return (u * u) / (cc + l2 - b.reduce((s, v, i) => s + v * sol[i]!, 0));
}

describe('selectFeatures', () => {
  it('score statistics match the textbook computation, on all rows and on a row subset, with and without L2', () => {
    const { cols, y } = sample(3_000, 4);
    const subset = Array.from({ length: 1_000 }, (_, i) => i * 3);
    for (const [rows, l2] of [[undefined, 0], [Uint32Array.from(subset), 2]] as const) {
      const fit = fitLogistic(cols, [0, 2], y, { l2 }, rows);
      const stats = scoreStatistics(cols, [0, 2], [1, 3, 4, 5], fit.coefficients, y, l2, rows);
      [1, 3, 4, 5].forEach((c, k) => {
        const want = reference(cols, [0, 2], c, fit.coefficients, y, l2, rows ? [...rows] : [...y.keys()]);
        expect(Math.abs(stats[k]! - want)).toBeLessThan(1e-9 * Math.max(1, want));
      });
    }
  });

  it('a score statistic approximates the likelihood-ratio gain of adding the column', () => {
    const { cols, y } = sample(3_000, 5);
    const base = fitLogistic(cols, [0], y);
    const stats = scoreStatistics(cols, [0], [1, 2], base.coefficients, y, 0);
    [1, 2].forEach((c, k) => {
      const lr = 2 * (fitLogistic(cols, [0, c], y).logLikelihood - base.logLikelihood);
      expect(Math.abs(stats[k]! - lr)).toBeLessThan(0.15 * lr + 1);
    });
  });

  it('selects the signal columns first and leaves pure noise out', () => {
    const { cols, y } = sample(5_000, 6);
    const s = selectFeatures(cols, cols.map(() => 0.1), y);
    expect(s.selected[0]).toBe(0);
    expect(s.selected).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(s.fit.converged).toBe(true);
    expect(s.selected.length + s.dropped.length).toBe(6);
  });
});
