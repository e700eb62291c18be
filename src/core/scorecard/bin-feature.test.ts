import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCategorical, binNumeric, binOf, quantileSplits } from './bin-feature.js';
import { mulberry32 } from './random.js';

function riskySample(n: number, seed: number) {
  const r = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = r.next() < 0.05 ? NaN : r.next() < 0.05 ? -1 : Math.floor(r.next() * 100);
    const p = Number.isNaN(x[i]!) ? 0.5 : x[i] === -1 ? 0.05 : 0.05 + x[i]! / 150;
    y[i] = r.next() < p ? 1 : 0;
  }
  return { x, y };
}

describe('binNumeric', () => {
  it('meets max bins, min share and the trend, and accounts for every row', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 8 }), fc.constantFrom(0.02, 0.05, 0.1), (seed, maxBins, minBinShare) => {
      const { x, y } = riskySample(2_000, seed);
      const b = binNumeric('x', x, y, { maxBins, minBinShare, specialValues: [-1] });
      const regular = b.bins.filter((bin) => bin.kind === 'range');
      expect(regular.length).toBeLessThanOrEqual(maxBins);
      expect(b.bins.map((bin) => bin.kind).slice(-2)).toEqual(['missing', 'special']);
      expect(b.bins.reduce((s, bin) => s + bin.count, 0)).toBe(x.length);
      const regularRows = regular.reduce((s, bin) => s + bin.count, 0);
      if (regular.length > 1) for (const bin of regular) expect(bin.count).toBeGreaterThanOrEqual(Math.ceil(minBinShare * regularRows));
      const rates = regular.map((bin) => bin.events / bin.count);
      const sorted = [...rates].sort((a, c) => (b.direction === 'ascending' ? a - c : c - a));
      expect(rates).toEqual(sorted);
      expect(b.iv).toBeCloseTo(b.bins.reduce((s, bin) => s + bin.iv, 0), 12);
    }), { numRuns: 40 });
  });

  it('finds the rising risk, labels ranges [a, b), and keeps missing and special values apart', () => {
    const { x, y } = riskySample(5_000, 7);
    const b = binNumeric('x', x, y, { specialValues: [-1] });
    expect(b.direction).toBe('ascending');
    expect(b.bins[0]!.label).toMatch(/^\[-inf, \d+\)$/);
    const special = b.bins.at(-1)!;
    expect(special.count).toBeGreaterThan(0);
    expect(special.woe).toBeGreaterThan(0); // special rows are low risk: WoE = ln(%good/%bad) > 0
    expect(b.bins.at(-2)!.woe).toBeLessThan(0);
  });
});

describe('binCategorical', () => {
  it('groups categories of similar risk and sends empty cells to the missing bin', () => {
    const r = mulberry32(2);
    const cats = ['a', 'b', 'c', 'd', 'e', 'f'];
    const rate: Record<string, number> = { a: 0.05, b: 0.06, c: 0.3, d: 0.32, e: 0.6, f: 0.1 };
    const values: string[] = [];
    const y = new Uint8Array(6_000);
    for (let i = 0; i < 6_000; i++) {
      const c = r.next() < 0.02 ? '' : cats[Math.floor(r.next() * 6)]!;
      values.push(c);
      y[i] = r.next() < (c === '' ? 0.5 : rate[c]!) ? 1 : 0;
    }
    const b = binCategorical('c', values, y, { maxBins: 3 });
    const sets = b.bins.filter((bin) => bin.kind === 'set').map((bin) => [...bin.categories!].sort().join(''));
    expect(sets).toEqual(['abf', 'cd', 'e']);
    expect(b.bins.at(-2)!.count).toBe(values.filter((v) => v === '').length);
  });
});

describe('binOf and quantileSplits', () => {
  it('binOf counts the splits at or below x', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 })).map((a) => a.sort((p, q) => p - q)), fc.integer({ min: -60, max: 60 }), (splits, x) => {
      expect(binOf(splits, x)).toBe(splits.filter((s) => s <= x).length);
    }));
  });

  it('quantile splits are strictly increasing and above the minimum', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 30 }), (xs, k) => {
      const s = quantileSplits(Float64Array.from(xs), k);
      expect(s.length).toBeLessThan(k);
      s.forEach((v, i) => {
        expect(v).toBeGreaterThan(i === 0 ? Math.min(...xs) : s[i - 1]!);
      });
    }));
  });
});
