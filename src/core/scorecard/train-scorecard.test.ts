import { describe, expect, it } from 'vitest';
import { cellBin as cellBinOf, compileScorecard, MAX_REASONS, scoreCells, scoreColumns, scoredRows } from './compile-model.js';
import { crossValidate, stratifiedFolds } from './cross-validate.js';
import { renderModelCard } from './model-card.js';
import { checkModel } from './model-format.js';
import { monitorScorecard } from './monitor.js';
import { mulberry32 } from './random.js';
import { syntheticSample } from './test-data.js';
import { trainScorecard } from './train-scorecard.js';

const data = syntheticSample(4_000, 11);
const model = trainScorecard(data);

describe('trainScorecard', () => {
  it('keeps the informative features, drops the noise, and discriminates', () => {
    const names = model.features.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['dpd', 'utilisation', 'years', 'housing']));
    expect(model.candidates.find((c) => c.name === 'noise')!.status).not.toBe('selected');
    expect(model.training.metrics.auc!).toBeGreaterThan(0.75);
    for (const f of model.features) expect(f.coefficient).toBeLessThan(0); // WoE = ln(%good/%bad)
    expect(model.features.find((f) => f.name === 'years')!.nonNumeric).toBeGreaterThan(0);
  });

  it('is deterministic, and its digest names the data', () => {
    expect(trainScorecard(data)).toEqual(model);
    expect(trainScorecard(syntheticSample(4_000, 12)).training.digest).not.toBe(model.training.digest);
  });

  it('points add up to the score, more points mean lower pd, and scaling follows PDO', () => {
    const c = compileScorecard(model);
    const row = (dpd: string, util: string, years: string, housing: string) => scoreCells(c, model.features.map((f) => ({ dpd, utilisation: util, years, housing })[f.name as 'dpd']!));
    const good = row('0', '0.1', '25', 'own');
    const bad = row('100', '0.95', '1', 'rent');
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.pd).toBeLessThan(bad.pd);
    expect(good.reasons.length).toBeLessThan(bad.reasons.length + 1);
    expect(bad.reasons.length).toBeLessThanOrEqual(MAX_REASONS);
    expect(bad.reasons[0]).toMatch(/^(dpd|utilisation|years|housing): /);
    const s = model.scaling;
    expect(s.factor).toBeCloseTo(s.pdo / Math.LN2, 12);
    expect(s.offset + s.factor * Math.log(s.baseOdds)).toBeCloseTo(s.baseScore, 9);
  });

  it('reason codes are the features that cost most points against their best bin, largest first', () => {
    const c = compileScorecard(model);
    const cols = model.features.map((f) => data.columns.find((x) => x.name === f.name)!.cells);
    const out = scoredRows(500);
    scoreColumns(c, cols, 500, out);
    for (let r = 0; r < 500; r++) {
      const ids = [...out.reasons.subarray(r * MAX_REASONS, (r + 1) * MAX_REASONS)].filter((b) => b >= 0);
      const losses = ids.map((b) => c.loss[b]!);
      expect(losses).toEqual([...losses].sort((a, b) => b - a));
      losses.forEach((l) => expect(l).toBeGreaterThan(0));
      const feats = ids.map((b) => c.reason[b]!.split(':')[0]);
      expect(new Set(feats).size).toBe(feats.length);
      const total = model.basePoints + model.features.reduce((s, f, j) => s + c.points[c.binStart[j]! + binIndexOf(c, j, cols[j]![r]!)]!, 0);
      expect(out.score[r]).toBe(total);
    }
  });
});

function binIndexOf(_c: ReturnType<typeof compileScorecard>, f: number, cell: string): number {
  // Recompute the bin the slow way, from the model's own definition.
  const feat = model.features[f]!;
  if (feat.type === 'categorical') {
    const k = feat.bins.findIndex((b) => b.categories?.includes(cell.trim()));
    return k >= 0 ? k : feat.bins.length - 2;
  }
  const x = Number(cell);
  if (cell.trim() === '' || Number.isNaN(x)) return feat.bins.length - 2;
  return feat.splits.filter((s) => s <= x).length;
}

describe('model format, card and monitoring', () => {
  it('round-trips through JSON and rejects broken files with the path of the problem', () => {
    const back = checkModel(JSON.parse(JSON.stringify(model)));
    expect(back.ok).toBe(true);
    const broken = JSON.parse(JSON.stringify(model)) as { features: { coefficient: unknown }[]; version: number };
    broken.features[0]!.coefficient = 'x';
    const r = checkModel(broken);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join(' ')).toContain('/features/0/coefficient');
    broken.version = 2;
    expect(!checkModel(broken).ok && (checkModel(broken) as { problems: string[] }).problems[0]).toContain('version 2 is not supported');
  });

  it('renders a model card with every feature and its points', () => {
    const md = renderModelCard(model);
    for (const f of model.features) expect(md).toContain(`### ${f.name}`);
    expect(md).toContain(model.training.digest);
  });

  it('the training sample is stable against itself, a shifted one is not', () => {
    const c = compileScorecard(model);
    const run = (d: typeof data) => {
      const cols = model.features.map((f) => d.columns.find((x) => x.name === f.name)!.cells);
      const n = d.target.length;
      const bins = new Int32Array(n * cols.length);
      const out = scoredRows(n);
      scoreColumns(c, cols, n, out);
      cols.forEach((col, f) => col.forEach((cell, r) => (bins[r * cols.length + f] = cellBinOf(c, f, cell))));
      return monitorScorecard(model, c, bins, out.score, n);
    };
    const same = run(data);
    expect(same.score.verdict).toBe('stable');
    same.features.forEach((f) => expect(f.psi).toBeLessThan(1e-9));
    const shifted = { ...data, columns: data.columns.map((col) => (col.name === 'dpd' ? { ...col, cells: col.cells.map((v) => String(Number(v) + 60)) } : col)) };
    const moved = run(shifted);
    expect(moved.features.find((f) => f.feature === 'dpd')!.verdict).toBe('unstable');
    expect(moved.features.find((f) => f.feature === 'dpd')!.pointsShift).toBeLessThan(0);
  });
});

describe('cross-validation', () => {
  it('stratified folds keep the event rate and depend only on the seed', () => {
    const folds = stratifiedFolds(data.target, 5, mulberry32(1));
    expect(stratifiedFolds(data.target, 5, mulberry32(1))).toEqual(folds);
    const events = data.target.reduce((s, v) => s + v, 0);
    for (let f = 0; f < 5; f++) {
      const rows = [...folds.keys()].filter((i) => folds[i] === f);
      expect(Math.abs(rows.length - data.target.length / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(rows.filter((i) => data.target[i]).length - events / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('gives out-of-fold figures close to, and not above, the in-sample ones', () => {
    const cv = crossValidate(data, 3, mulberry32(5));
    expect(cv.folds).toHaveLength(3);
    expect(cv.mean.auc).toBeGreaterThan(0.7);
    expect(cv.mean.auc).toBeLessThan(model.training.metrics.auc! + 0.02);
  });
});
