import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, calibration, gini, ks } from './metrics.js';

const labelled = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 })
  .filter((xs) => xs.some((x) => x[1] === 1) && xs.some((x) => x[1] === 0));

describe('discrimination metrics', () => {
  it('AUC is the share of (event, non-event) pairs ordered right, ties counting one half', () => {
    fc.assert(fc.property(labelled, (xs) => {
      const risk = xs.map((x) => x[0]), y = xs.map((x) => x[1]);
      let good = 0, pairs = 0;
      for (const [a, ya] of xs) for (const [b, yb] of xs) if (ya === 1 && yb === 0) {
        pairs++;
        good += a > b ? 1 : a === b ? 0.5 : 0;
      }
      expect(auc(risk, y)).toBeCloseTo(good / pairs, 12);
      expect(gini(auc(risk, y))).toBeCloseTo(2 * (good / pairs) - 1, 12);
    }));
  });

  it('KS is the largest gap between the cumulative shares at any threshold', () => {
    fc.assert(fc.property(labelled, (xs) => {
      const risk = xs.map((x) => x[0]), y = xs.map((x) => x[1]);
      const pos = y.filter((v) => v === 1).length, neg = y.length - pos;
      let best = 0;
      for (const t of new Set(risk)) {
        const e = xs.filter(([r, v]) => r <= t && v === 1).length, n = xs.filter(([r, v]) => r <= t && v === 0).length;
        best = Math.max(best, Math.abs(e / pos - n / neg));
      }
      expect(ks(risk, y)).toBeCloseTo(best, 12);
    }));
  });

  it('perfect separation gives AUC 1 and KS 1; one class gives NaN', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(ks([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it('calibration groups rows by predicted pd into near-equal deciles', () => {
    const pd = Array.from({ length: 95 }, (_, i) => i / 100);
    const rows = calibration(pd, pd.map((p) => (p > 0.5 ? 1 : 0)));
    expect(rows).toHaveLength(10);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(95);
    expect(rows[0]!.eventRate).toBe(0);
    expect(rows[9]!.eventRate).toBe(1);
    expect(rows.map((r) => r.meanPd)).toEqual([...rows.map((r) => r.meanPd)].sort((a, b) => a - b));
  });
});
