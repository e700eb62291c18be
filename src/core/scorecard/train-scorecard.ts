import { createHash } from 'node:crypto';
import { binCategorical, binNumeric } from './bin-feature.js';
import { DEFAULT_BINNING, type BinningOptions, type FeatureBinning } from './binning-types.js';
import { compileScorecard, scoreColumns, scoredRows } from './compile-model.js';
import { typeColumn, type TypedColumn } from './dataset.js';
import { calibration, discrimination } from './metrics.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFeature, type ScorecardModel } from './model-format.js';
import { basePointsOf, binPointsOf, DEFAULT_SCALING, scalingOf, type Scaling } from './points.js';
import { DEFAULT_SELECTION, selectFeatures, type SelectionOptions } from './select-features.js';

/** Training data: raw cells per column (the target already taken out) and the 0/1 target. */
export interface TrainingData {
  columns: readonly { name: string; cells: readonly string[] }[];
  target: Uint8Array;
  targetColumn: string;
  event: string;
}

export interface TrainOptions {
  binning: Partial<BinningOptions>;
  selection: Partial<SelectionOptions>;
  scaling: Partial<Scaling>;
}

/** A trained model plus the row-level material the caller may want (WoE columns are not kept). */
export function trainScorecard(data: TrainingData, options: Partial<TrainOptions> = {}): ScorecardModel {
  const binning = { ...DEFAULT_BINNING, ...options.binning };
  const selection = { ...DEFAULT_SELECTION, ...options.selection };
  const scaling = scalingOf({ ...DEFAULT_SCALING, ...options.scaling });
  const y = data.target;
  const typed = data.columns.map((c) => typeColumn(c.name, c.cells));
  const binned = typed.map((t) => binColumn(t, y, binning));
  const woe = binned.map((b, i) => woeColumn(b, typed[i]!));
  const chosen = selectFeatures(woe, binned.map((b) => b.iv), y, selection);
  const coef = chosen.fit.coefficients;
  const features: ModelFeature[] = chosen.selected.map((index, j) => {
    const b = binned[index]!;
    const c = coef[j + 1]!;
    return {
      name: b.name, type: b.type, direction: b.direction, splits: b.splits, specialValues: b.specialValues, iv: b.iv,
      coefficient: c, nonNumeric: typed[index]!.nonNumeric,
      bins: b.bins.map((bin) => ({ ...bin, points: binPointsOf(scaling.factor, c, bin.woe) })),
    };
  });
  const status = new Map<number, ScorecardModel['candidates'][number]['status']>(chosen.dropped.map((d) => [d.index, d.reason]));
  const model: ScorecardModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    target: { column: data.targetColumn, event: data.event },
    scaling,
    intercept: coef[0]!,
    basePoints: basePointsOf(scaling.factor, scaling.offset, coef[0]!),
    features,
    candidates: binned.map((b, i) => ({ name: b.name, type: b.type, iv: b.iv, status: status.get(i) ?? 'selected' })),
    training: {
      rows: y.length, events: y.reduce((s, v) => s + v, 0), digest: digestOf(data, typed),
      options: { binning, selection, scaling: { baseScore: scaling.baseScore, baseOdds: scaling.baseOdds, pdo: scaling.pdo } },
      metrics: { n: 0, auc: null, gini: null, ks: null }, calibration: [], scoreEdges: [], scoreCounts: [],
    },
  };
  const cols = features.map((f) => typed[data.columns.findIndex((c) => c.name === f.name)]!);
  const scored = scoredRows(y.length);
  scoreColumns(compileScorecard(model), cols.map((t) => t.numbers ?? t.categories!), y.length, scored);
  const m = discrimination(scored.pd, y);
  model.training.metrics = { n: m.n, auc: finite(m.auc), gini: finite(m.gini), ks: finite(m.ks) };
  model.training.calibration = calibration(scored.pd, y);
  const { edges, counts } = scoreDistribution(scored.score);
  model.training.scoreEdges = edges;
  model.training.scoreCounts = counts;
  return model;
}

function binColumn(t: TypedColumn, y: Uint8Array, o: BinningOptions): FeatureBinning {
  return t.type === 'numeric' ? binNumeric(t.name, t.numbers!, y, o) : binCategorical(t.name, t.categories!, y, o);
}

/** The WoE each row gets from its bin. */
function woeColumn(b: FeatureBinning, t: TypedColumn): Float64Array {
  const out = new Float64Array(t.numbers?.length ?? t.categories!.length);
  const regular = b.bins.length - 2;
  if (t.type === 'numeric') {
    const special = new Set(b.specialValues);
    const splits = b.splits;
    t.numbers!.forEach((x, i) => {
      let k: number;
      if (Number.isNaN(x)) k = regular;
      else if (special.has(x)) k = regular + 1;
      else {
        k = 0;
        while (k < splits.length && splits[k]! <= x) k++;
      }
      out[i] = b.bins[k]!.woe;
    });
  } else {
    const at = new Map(b.bins.flatMap((bin, k) => (bin.categories ?? []).map((c) => [c, k] as [string, number])));
    t.categories!.forEach((c, i) => (out[i] = b.bins[at.get(c) ?? regular]!.woe));
  }
  return out;
}

/** Score deciles of the training sample, kept in the model to measure score PSI later. */
export function scoreDistribution(scores: Float64Array): { edges: number[]; counts: number[] } {
  const sorted = scores.slice().sort();
  const edges: number[] = [];
  for (let q = 1; q < 10; q++) {
    const v = sorted[Math.floor((q * sorted.length) / 10)];
    if (v !== undefined && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return { edges, counts: countScores(scores, edges) };
}

/** Rows per score bin: bin i holds edges[i-1] <= s < edges[i]. */
export function countScores(scores: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < scores.length; i++) {
    let k = 0;
    while (k < edges.length && edges[k]! <= scores[i]!) k++;
    counts[k]!++;
  }
  return counts;
}

/** sha256 of the training data as parsed (column names, values, target), so a model names its data. */
function digestOf(data: TrainingData, typed: TypedColumn[]): string {
  const h = createHash('sha256');
  h.update(`${data.targetColumn}\u0000${data.event}\u0000`);
  data.columns.forEach((c, i) => {
    const t = typed[i]!;
    h.update(`${c.name}\u0001${t.type}\u0001`);
    // Numeric columns by their parsed values (8 bytes a cell), categorical ones by their text.
    if (t.numbers) h.update(new Uint8Array(t.numbers.buffer, t.numbers.byteOffset, t.numbers.byteLength));
    else h.update(t.categories!.join('\u0002'));
  });
  h.update(data.target);
  return `sha256:${h.digest('hex')}`;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
