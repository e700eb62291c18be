import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, solveCholesky } from './logistic.js';
import { mulberry32 } from './random.js';

function sample(n: number, b: number[], seed: number): { cols: Float64Array[]; y: Uint8Array } {
  const r = mulberry32(seed);
  const cols = b.slice(1).map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = b[0]!;
    cols.forEach((c, j) => {
      c[i] = r.next() * 4 - 2;
      eta += b[j + 1]! * c[i]!;
    });
    y[i] = r.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { cols, y };
}

describe('fitLogistic (IRLS)', () => {
  it('recovers the coefficients that generated the data', () => {
    const truth = [-0.5, 1.2, -0.8];
    const { cols, y } = sample(20_000, truth, 3);
    const fit = fitLogistic(cols, [0, 1], y);
    expect(fit.converged).toBe(true);
    [...fit.coefficients].forEach((c, i) => expect(c).toBeCloseTo(truth[i]!, 1));
    expect(fit.aic).toBeCloseTo(2 * 3 - 2 * fit.logLikelihood, 9);
  });

  it('the gradient vanishes at the solution, and L2 shrinks the slopes but not the intercept', () => {
    const { cols, y } = sample(2_000, [0.3, 0.9], 5);
    const free = fitLogistic(cols, [0], y);
    let g0 = 0, g1 = 0;
    for (let i = 0; i < y.length; i++) {
      const mu = 1 / (1 + Math.exp(-(free.coefficients[0]! + free.coefficients[1]! * cols[0]![i]!)));
      g0 += y[i]! - mu;
      g1 += (y[i]! - mu) * cols[0]![i]!;
    }
    expect(Math.abs(g0) + Math.abs(g1)).toBeLessThan(1e-6);
    const ridge = fitLogistic(cols, [0], y, { l2: 500 });
    expect(Math.abs(ridge.coefficients[1]!)).toBeLessThan(Math.abs(free.coefficients[1]!));
    expect(ridge.logLikelihood).toBeLessThanOrEqual(free.logLikelihood + 1e-9);
  });

  it('fits on a subset of rows exactly as on a copy of those rows', () => {
    const { cols, y } = sample(1_000, [0.1, 0.7], 9);
    const rows = Uint32Array.from({ length: 500 }, (_, i) => i * 2);
    const sub = fitLogistic(cols, [0], y, {}, rows);
    const copy = fitLogistic([Float64Array.from(rows, (r) => cols[0]![r]!)], [0], Uint8Array.from(rows, (r) => y[r]!));
    expect(sub.coefficients[1]).toBeCloseTo(copy.coefficients[1]!, 10);
  });

  it('solveCholesky solves any symmetric positive definite system', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 9, maxLength: 9 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), (m, g) => {
      const p = 3;
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < p; k++) s += m[i * p + k]! * m[j * p + k]!;
        a[i * p + j] = s; // A = M M' + I
      }
      const x = new Float64Array(p);
      expect(solveCholesky(a, Float64Array.from(g), x, p)).toBe(true);
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += a[i * p + j]! * x[j]!;
        expect(s).toBeCloseTo(g[i]!, 6);
      }
    }));
  });
});
