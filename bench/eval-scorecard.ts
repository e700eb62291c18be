/**
 * `npm run eval:scorecard`: 5-fold stratified cross-validated AUC, Gini and KS of the default
 * scorecard pipeline (optimal binning, WoE, stepwise logistic regression) on the German credit and
 * Taiwan default data sets, against the goals. A set with feature engineering (Taiwan: see
 * scorecard/taiwan-features.ts) is measured with it against the goal, and on its raw columns as a
 * reference row. SCORECARD_DATA names the folder of the CSV files (default ../shared/data/credit
 * beside the package); a missing file is reported and skipped.
 */
import { crossValidate } from '../src/core/scorecard/cross-validate.js';
import { mulberry32 } from '../src/core/scorecard/random.js';
import { CREDIT_SETS, creditDataDir, loadCreditSet } from './scorecard/credit-data.js';

const SEED = Number(process.env.SCORECARD_SEED ?? 42);
const FOLDS = 5;
const f = (x: number) => x.toFixed(4);
const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

const rows = [['dataset', 'rows', 'events', 'columns', 'features', 'AUC', '(sd)', 'Gini', 'KS', 'goal AUC', 'met', 'seconds']];
let missed = 0;
for (const set of CREDIT_SETS) {
  // Raw columns first, as the reference for what the feature engineering adds (no goal).
  for (const derived of set.derive ? [false, true] : [true]) {
    const data = await loadCreditSet(set, creditDataDir(), derived);
    if (!data) {
      process.stdout.write(`${set.name}: ${set.file} not found in ${creditDataDir()}, skipped\n`);
      break;
    }
    const started = performance.now();
    const cv = crossValidate(data, FOLDS, mulberry32(SEED));
    const seconds = (performance.now() - started) / 1000;
    const met = cv.mean.auc >= set.goal;
    if (derived && !met) missed++;
    const events = data.target.reduce((s, v) => s + v, 0);
    const name = set.derive ? `${set.name} (${derived ? 'engineered' : 'raw columns'})` : set.name;
    rows.push([name, String(data.target.length), String(events), String(data.columns.length), cv.folds.map((x) => x.features).join('/'),
      f(cv.mean.auc), f(sd(cv.folds.map((x) => x.auc))), f(cv.mean.gini), f(cv.mean.ks),
      derived ? `>= ${set.goal}` : '-', derived ? (met ? 'yes' : 'NO') : '-', seconds.toFixed(1)]);
  }
}
process.stdout.write(`${FOLDS}-fold stratified cross-validation (seed ${SEED}); columns = candidates, features = selected per fold\n`);
const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ')}\n`);
process.exitCode = missed > 0 ? 1 : 0;
