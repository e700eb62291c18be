import { DEFAULT_BINNING, type Bin, type BinningOptions, type FeatureBinning } from './binning-types.js';
import { optimalPartition, type Direction } from './optimal-partition.js';
import { ivOf, woeOf } from './woe.js';

/**
 * Optimal binning of a numeric feature: quantile pre-bins, then the IV-maximising merge under the
 * constraints (see optimalPartition). NaN is missing; values in `specialValues` get their own bin.
 * `target[i]` is 1 for an event (bad), 0 otherwise.
 */
export function binNumeric(name: string, values: Float64Array, target: Uint8Array, options: Partial<BinningOptions> = {}): FeatureBinning {
  const o = { ...DEFAULT_BINNING, ...options };
  const special = new Set(o.specialValues);
  const hasSpecial = special.size > 0;
  // Two passes over typed arrays: this runs once per feature per fold, on every training row.
  const kind = new Uint8Array(values.length); // 0 regular, 1 missing, 2 special
  let regularCount = 0;
  let missE = 0, missN = 0, specE = 0, specN = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      kind[i] = 1;
      if (target[i]) missE++;
      else missN++;
    } else if (hasSpecial && special.has(v)) {
      kind[i] = 2;
      if (target[i]) specE++;
      else specN++;
    } else regularCount++;
  }
  const regular = new Float64Array(regularCount);
  for (let i = 0, k = 0; i < values.length; i++) if (kind[i] === 0) regular[k++] = values[i]!;
  const candidates = quantileSplits(regular, o.preBins);
  const k = candidates.length + 1;
  const ev = new Float64Array(k);
  const ne = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    if (kind[i] !== 0) continue;
    const b = binOf(candidates, values[i]!);
    if (target[i]) ev[b]!++;
    else ne[b]!++;
  }
  const totals = totalsOf(target);
  const { cuts, direction } = bestMerge(ev, ne, totals, regularCount, o);
  const splits = cuts.map((c) => candidates[c - 1]!);
  const bins: Bin[] = [];
  const edges = [null, ...splits, null];
  const groups = groupCounts(ev, ne, cuts);
  for (let b = 0; b < groups.length; b++) {
    const lower = edges[b] ?? null;
    const upper = edges[b + 1] ?? null;
    bins.push(makeBin('range', `[${fmt(lower, '-inf')}, ${fmt(upper, 'inf')})`, groups[b]!.e, groups[b]!.n, totals, { lower, upper }));
  }
  bins.push(makeBin('missing', 'missing', missE, missN, totals), makeBin('special', 'special', specE, specN, totals));
  return { name, type: 'numeric', direction, splits, specialValues: [...special].sort((a, b) => a - b), bins, iv: sumIv(bins) };
}

/**
 * Optimal binning of a categorical feature: categories ordered by event rate (rare ones grouped to
 * at most `preBins` pre-bins), then the same IV-maximising merge of neighbours in that order.
 * The empty string is missing; a category not seen in training falls into the missing bin.
 */
export function binCategorical(name: string, values: readonly string[], target: Uint8Array, options: Partial<BinningOptions> = {}): FeatureBinning {
  const o = { ...DEFAULT_BINNING, ...options };
  const counts = new Map<string, { e: number; n: number }>();
  let missE = 0, missN = 0, regularCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = target[i]!;
    if (v === '') {
      if (t) missE++;
      else missN++;
      continue;
    }
    regularCount++;
    let c = counts.get(v);
    if (!c) counts.set(v, (c = { e: 0, n: 0 }));
    if (t) c.e++;
    else c.n++;
  }
  // Order by smoothed event rate; ties by name so the result never depends on input order.
  const cats = [...counts.entries()].sort(([a, x], [b, y]) =>
    (x.e + 0.5) / (x.e + x.n + 1) - (y.e + 0.5) / (y.e + y.n + 1) || (a < b ? -1 : a > b ? 1 : 0));
  const pre = chunk(cats.map(([c, v]) => ({ cats: [c], ...v })), o.preBins);
  const ev = Float64Array.from(pre, (p) => p.e);
  const ne = Float64Array.from(pre, (p) => p.n);
  const totals = totalsOf(target);
  const { cuts } = optimalPartition(ev, ne, totals.e, totals.n, {
    maxBins: o.maxBins, minCount: Math.ceil(o.minBinShare * regularCount), direction: 'ascending',
  });
  const bins: Bin[] = [];
  const starts = [0, ...cuts, pre.length];
  for (let b = 0; b + 1 < starts.length; b++) {
    const part = pre.slice(starts[b], starts[b + 1]);
    const categories = part.flatMap((p) => p.cats);
    const e = part.reduce((s, p) => s + p.e, 0);
    const n = part.reduce((s, p) => s + p.n, 0);
    bins.push(makeBin('set', `{${categories.join(', ')}}`, e, n, totals, { categories }));
  }
  bins.push(makeBin('missing', 'missing or unseen', missE, missN, totals), makeBin('special', 'special', 0, 0, totals));
  return { name, type: 'categorical', direction: 'ascending', splits: [], specialValues: [], bins, iv: sumIv(bins) };
}

/** Index of the bin holding x: the number of splits <= x (binary search). */
export function binOf(splits: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = splits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (splits[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distinct cut points at the quantiles of the values: each pre-bin holds about n / preBins rows. */
export function quantileSplits(values: Float64Array, preBins: number): number[] {
  if (values.length === 0) return [];
  const sorted = values.slice().sort(); // typed-array sort: numeric, no comparator call
  const out: number[] = [];
  for (let q = 1; q < preBins; q++) {
    const v = sorted[Math.floor((q * sorted.length) / preBins)]!;
    if (v > sorted[0]! && (out.length === 0 || v > out[out.length - 1]!)) out.push(v);
  }
  return out;
}

function bestMerge(ev: Float64Array, ne: Float64Array, totals: { e: number; n: number }, regularCount: number, o: BinningOptions) {
  const base = { maxBins: o.maxBins, minCount: Math.ceil(o.minBinShare * regularCount) };
  // auto stays monotone: a peak or valley always has at least as much IV, so IV alone cannot choose it.
  const directions: Direction[] = o.trend === 'auto' ? ['ascending', 'descending'] : [o.trend];
  let best = { cuts: [] as number[], iv: -Infinity, direction: directions[0]! };
  for (const direction of directions) {
    const r = optimalPartition(ev, ne, totals.e, totals.n, { ...base, direction });
    if (r.iv > best.iv + 1e-12) best = { ...r, direction };
  }
  return best;
}

function groupCounts(ev: Float64Array, ne: Float64Array, cuts: number[]): { e: number; n: number }[] {
  const starts = [0, ...cuts, ev.length];
  const out: { e: number; n: number }[] = [];
  for (let b = 0; b + 1 < starts.length; b++) {
    let e = 0, n = 0;
    for (let j = starts[b]!; j < starts[b + 1]!; j++) {
      e += ev[j]!;
      n += ne[j]!;
    }
    out.push({ e, n });
  }
  return out;
}

/** Group consecutive items into at most `max` groups of similar row counts. */
function chunk(items: { cats: string[]; e: number; n: number }[], max: number) {
  if (items.length <= max) return items;
  const total = items.reduce((s, i) => s + i.e + i.n, 0);
  const out: { cats: string[]; e: number; n: number }[] = [];
  let acc = 0;
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && acc / total < out.length / max) {
      last.cats.push(...item.cats);
      last.e += item.e;
      last.n += item.n;
    } else out.push({ cats: [...item.cats], e: item.e, n: item.n });
    acc += item.e + item.n;
  }
  return out;
}

function totalsOf(target: Uint8Array): { e: number; n: number } {
  let e = 0;
  for (let i = 0; i < target.length; i++) e += target[i]!;
  return { e, n: target.length - e };
}

function makeBin(kind: Bin['kind'], label: string, e: number, n: number, t: { e: number; n: number }, extra: Partial<Bin> = {}): Bin {
  return { kind, label, ...extra, count: e + n, events: e, woe: woeOf(e, n, t.e, t.n), iv: ivOf(e, n, t.e, t.n) };
}

const sumIv = (bins: Bin[]) => bins.reduce((s, b) => s + b.iv, 0);
const fmt = (v: number | null, inf: string) => (v === null ? inf : String(Number(v.toPrecision(8))));
