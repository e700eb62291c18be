import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optimalPartition, type Direction } from './optimal-partition.js';
import { ivOf } from './woe.js';

const counts = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 8 });

function binsOf(cuts: number[], k: number): [number, number][] {
  const s = [0, ...cuts, k];
  return s.slice(0, -1).map((a, i) => [a, s[i + 1]!]);
}

/** Every feasible partition, by brute force over all 2^(k-1) cut sets. */
function bruteBest(ev: number[], ne: number[], te: number, tn: number, maxBins: number, minCount: number, dir: Direction): number {
  const k = ev.length;
  let best = -Infinity;
  for (let mask = 0; mask < 1 << (k - 1); mask++) {
    const cuts = [...Array(k - 1).keys()].filter((i) => mask & (1 << i)).map((i) => i + 1);
    const bins = binsOf(cuts, k);
    if (bins.length > maxBins) continue;
    const stats = bins.map(([a, b]) => {
      const e = ev.slice(a, b).reduce((x, y) => x + y, 0), n = ne.slice(a, b).reduce((x, y) => x + y, 0);
      return { e, n, rate: e / (e + n || 1) };
    });
    const feasible = bins.length === 1 || stats.every((s) => s.e + s.n >= minCount && s.e >= 1 && s.n >= 1);
    const mono = shapeOk(stats.map((s) => s.rate), dir);
    if (!feasible || !mono) continue;
    best = Math.max(best, stats.reduce((x, s) => x + ivOf(s.e, s.n, te, tn), 0));
  }
  return best;
}

/** Whether rates follow the shape: strictly monotone, or one strict turn for peak and valley. */
function shapeOk(rates: number[], dir: Direction): boolean {
  if (dir === 'none') return true;
  const diffs = rates.slice(1).map((r, i) => Math.sign(r - rates[i]!));
  if (diffs.includes(0)) return false;
  if (dir === 'ascending') return diffs.every((x) => x > 0);
  if (dir === 'descending') return diffs.every((x) => x < 0);
  const first = dir === 'peak' ? 1 : -1;
  const turn = diffs.findIndex((x) => x !== first);
  return turn < 0 || diffs.slice(turn).every((x) => x === -first);
}

describe('optimalPartition (dynamic programming)', () => {
  it('finds the same best IV as brute force, and its bins satisfy every constraint', () => {
    fc.assert(fc.property(counts, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom<Direction>('ascending', 'descending', 'none', 'peak', 'valley'),
      (pairs, maxBins, minCount, direction) => {
        const ev = pairs.map((p) => p[0]), ne = pairs.map((p) => p[1]);
        const te = ev.reduce((a, b) => a + b, 0) + 1, tn = ne.reduce((a, b) => a + b, 0) + 1;
        const r = optimalPartition(ev, ne, te, tn, { maxBins, minCount, direction });
        expect(r.iv).toBeCloseTo(bruteBest(ev, ne, te, tn, maxBins, minCount, direction), 9);
        const bins = binsOf(r.cuts, ev.length);
        expect(bins.length).toBeLessThanOrEqual(maxBins);
        expect(r.cuts).toEqual([...r.cuts].sort((a, b) => a - b));
        if (bins.length > 1) for (const [a, b] of bins) expect(ev.slice(a, b).concat(ne.slice(a, b)).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(minCount);
      }), { numRuns: 300 });
  });

  it('keeps an ascending trend when asked', () => {
    const ev = [1, 2, 8, 3, 9, 12], ne = [50, 48, 40, 45, 30, 20];
    const r = optimalPartition(ev, ne, 35, 233, { maxBins: 6, minCount: 0, direction: 'ascending' });
    const rates = binsOf(r.cuts, 6).map(([a, b]) => {
      const e = ev.slice(a, b).reduce((x, y) => x + y, 0);
      return e / (e + ne.slice(a, b).reduce((x, y) => x + y, 0));
    });
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(rates.length).toBeGreaterThan(1);
  });
});
