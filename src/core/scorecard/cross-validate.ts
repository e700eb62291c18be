import { compileScorecard, scoredRows, scoreColumns } from './compile-model.js';
import { discrimination, type Discrimination } from './metrics.js';
import { shuffleInPlace, type Random } from './random.js';
import { trainScorecard, type TrainingData, type TrainOptions } from './train-scorecard.js';

/**
 * Stratified k-fold assignment: events and non-events are shuffled separately with the given PRNG
 * and dealt round-robin, so every fold keeps the sample's event rate (to within one row).
 */
export function stratifiedFolds(target: Uint8Array, k: number, random: Random): Uint8Array {
  const fold = new Uint8Array(target.length);
  for (const cls of [1, 0]) {
    const idx: number[] = [];
    target.forEach((t, i) => t === cls && idx.push(i));
    shuffleInPlace(idx, random);
    // Continue the deal where the previous class stopped, so fold sizes differ by at most one.
    const offset = cls === 0 ? target.reduce((s, t) => s + t, 0) % k : 0;
    idx.forEach((row, j) => (fold[row] = (j + offset) % k));
  }
  return fold;
}

/** Rows of `data` picked by index, as a new training set. */
export function subsetOf(data: TrainingData, rows: readonly number[]): TrainingData {
  return {
    ...data,
    columns: data.columns.map((c) => ({ name: c.name, cells: rows.map((r) => c.cells[r]!) })),
    target: Uint8Array.from(rows, (r) => data.target[r]!),
  };
}

export interface CrossValidation {
  folds: (Discrimination & { features: number })[];
  mean: { auc: number; gini: number; ks: number };
}

/** k-fold stratified cross-validation: train on k-1 folds, measure AUC, Gini and KS on the held-out one. */
export function crossValidate(data: TrainingData, k: number, random: Random, options: Partial<TrainOptions> = {}): CrossValidation {
  const fold = stratifiedFolds(data.target, k, random);
  const folds: CrossValidation['folds'] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((g, i) => (g === f ? test : train).push(i));
    const model = trainScorecard(subsetOf(data, train), options);
    const held = subsetOf(data, test);
    const compiled = compileScorecard(model);
    // Raw cells: numeric features parse them as at apply time (non-numbers are missing).
    const cols = model.features.map((feat) => held.columns.find((c) => c.name === feat.name)!.cells);
    const out = scoredRows(test.length);
    scoreColumns(compiled, cols, test.length, out);
    folds.push({ ...discrimination(out.pd, held.target), features: model.features.length });
  }
  const mean = (key: 'auc' | 'gini' | 'ks') => folds.reduce((s, x) => s + x[key], 0) / folds.length;
  return { folds, mean: { auc: mean('auc'), gini: mean('gini'), ks: mean('ks') } };
}
