import { compileScorecard, scoreColumns, scoredRows } from '../src/core/scorecard/compile-model.js';
import { typeColumn } from '../src/core/scorecard/dataset.js';
import { mulberry32 } from '../src/core/scorecard/random.js';
import { trainScorecard } from '../src/core/scorecard/train-scorecard.js';
import type { BenchFigure } from './ingest-bench.js';
import { CREDIT_SETS, creditDataDir, loadCreditSet } from './scorecard/credit-data.js';

/**
 * Scorecard speed on the Taiwan default data, with the evaluation's feature engineering
 * (scorecard/taiwan-features.ts): training on its 30,000 rows, cold and then warm
 * (against one parse of the same columns), and applying the compiled model with reason codes to `count` pre-parsed rows
 * resampled from it (against a plain pass summing the same raw values). Skipped without the file.
 */
export async function scorecardBench(count = 1_000_000): Promise<BenchFigure[]> {
  const set = CREDIT_SETS.find((s) => s.file.startsWith('taiwan'))!;
  const data = await loadCreditSet(set);
  if (!data) {
    process.stdout.write(`scorecard: ${set.file} not found in ${creditDataDir()}, skipped\n`);
    return [];
  }
  const n = data.target.length;
  let started = performance.now();
  const parsed = data.columns.map((c) => typeColumn(c.name, c.cells));
  const parseMs = performance.now() - started;
  started = performance.now();
  const model = trainScorecard(data);
  const trainMs = performance.now() - started;
  started = performance.now();
  trainScorecard(data);
  const warmMs = performance.now() - started;

  // Pre-parsed applicants: each numeric model feature as a Float64Array, each categorical one (the
  // repayment statuses) as its texts, rows drawn from the sample.
  const random = mulberry32(7);
  const pick = Uint32Array.from({ length: count }, () => Math.floor(random.next() * n));
  const source = model.features.map((f) => parsed.find((p) => p.name === f.name)!);
  const columns = source.map((col) => (col.numbers ? Float64Array.from(pick, (r) => col.numbers![r]!) : Array.from(pick, (r) => col.categories![r]!)));
  const baselineRate = best(3, () => {
    let sum = 0;
    for (let r = 0; r < count; r++) for (let f = 0; f < columns.length; f++) {
      const col = columns[f]!;
      sum += col instanceof Float64Array ? col[r]! : col[r]!.length;
    }
    return sum;
  }, count);
  const compiled = compileScorecard(model);
  const out = scoredRows(count);
  const applyRate = best(3, () => {
    scoreColumns(compiled, columns, count, out);
    return out.score[count - 1]!;
  }, count);
  const rows = `${count.toLocaleString('en')} rows, ${columns.length} features`;
  return [
    {
      name: `scorecard train (Taiwan, ${n.toLocaleString('en')} rows, ${data.columns.length} columns: binning, WoE, stepwise logistic, points)`,
      value: trainMs, unit: 'ms', baseline: { name: 'one parse of the same columns', value: parseMs }, ratio: trainMs / parseMs, goal: '< 5,000 ms',
    },
    {
      name: 'scorecard train again (same data, code already compiled by the JIT)',
      value: warmMs, unit: 'ms', baseline: { name: 'one parse of the same columns', value: parseMs }, ratio: warmMs / parseMs, goal: '< 5,000 ms',
    },
    {
      name: `scorecard apply with 4 reason codes (${rows}, pre-parsed, one core)`,
      value: applyRate, unit: 'rows/s', baseline: { name: 'plain pass summing the same raw values', value: baselineRate }, ratio: applyRate / baselineRate, goal: '>= 1,000,000 rows/s',
    },
  ];
}

/** Best of `runs` timed passes, as rows per second. */
function best(runs: number, pass: () => number, count: number): number {
  let top = 0;
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    sink += pass();
    top = Math.max(top, count / ((performance.now() - t) / 1000));
  }
  if (sink === 42.4242) process.stdout.write(''); // keep the passes from being optimised away
  return top;
}
