import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capPoints } from './cap-points.js';

describe('capPoints', () => {
  it('leaves a sum within range alone', () => {
    expect(capPoints([-100, 50], { min: -400, max: 150 })).toEqual({ points: [-100, 50], sum: -50, scaled: null });
  });

  it('scales only the positives when the sum is too high', () => {
    const { points, sum, scaled } = capPoints([100, 200, -60], { min: -400, max: 150 });
    expect(scaled).toBe('positive');
    expect(points[2]).toBe(-60);
    expect(points[0]! / points[1]!).toBeCloseTo(0.5, 12); // each keeps its share
    expect(sum).toBeCloseTo(150, 10);
  });

  it('scales only the negatives when the sum is too low', () => {
    const { points, sum, scaled } = capPoints([-300, -300, 100], { min: -400, max: 0 });
    expect(scaled).toBe('negative');
    expect(points).toEqual([-250, -250, 100]);
    expect(sum).toBe(-400);
  });

  it('lets positives offset negatives only up to the cap, and to zero when there are none', () => {
    expect(capPoints([40, -10], { min: -500, max: 0 }).points).toEqual([10, -10]);
    expect(capPoints([40], { min: -500, max: 0 })).toEqual({ points: [0], sum: 0, scaled: 'positive' });
  });

  it('always lands within a range that brackets 0, with the sum exactly attributed', () => {
    const range = fc.tuple(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 0, max: 1000 }));
    const points = fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { maxLength: 30 });
    fc.assert(
      fc.property(points, range, (ps, [min, max]) => {
        const capped = capPoints(ps, { min, max });
        expect(capped.sum).toBeGreaterThanOrEqual(min - 1e-6);
        expect(capped.sum).toBeLessThanOrEqual(max + 1e-6);
        expect(Math.abs(capped.points.reduce((a, b) => a + b, 0) - capped.sum)).toBeLessThan(1e-9);
        capped.points.forEach((p, i) => {
          expect(Math.sign(p) === 0 || Math.sign(p) === Math.sign(ps[i]!)).toBe(true);
          expect(Math.abs(p)).toBeLessThanOrEqual(Math.abs(ps[i]!));
        });
      }),
    );
  });
});
