import { createReadStream, createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import type { Command } from 'commander';
import { at, Errors, type XyError } from '../../core/errors.js';
import type { CompiledScorecard } from '../../core/scorecard/compile-model.js';
import type { ScorecardModel } from '../../core/scorecard/model-format.js';
import type { Trend } from '../../core/scorecard/binning-types.js';

/** The scorecard engine, loaded when a scorecard command runs (see `run`): other commands do not pay for it. */
let engine: typeof import('./scorecard-engine.js');
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, fail, globals, printError, printJson } from '../run-command.js';

const MAX_RECORD_BYTES = 1024 * 1024;

interface Table {
  header: string[];
  /** Data rows in file order, with the line each ends on. */
  rows: string[][];
  lines: number[];
  bad: XyError[];
}

/**
 * Stream a CSV into rows (the header apart). Rows with a different number of cells than the header
 * are passed on (commands report them); rows the parser cannot read at all are reported with their
 * line through `onBad`, in file order among the rows (the parser reads ahead, so they are held back
 * until the rows before them have been handed out).
 */
async function readTable(
  file: string, onRow?: (row: string[], line: number, header: string[]) => void | Promise<void>, onBad?: (error: XyError) => void | Promise<void>,
): Promise<Table> {
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
  const table: Table = { header: [], rows: [], lines: [], bad: [] };
  const held: XyError[] = [];
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, skip_records_with_error: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES });
  parser.on('skip', (e: Error & { lines?: number }) => held.push(at(Errors.CSV_ROW(e.message.slice(0, 200)), { line: e.lines ?? 0, file })));
  const flush = async (before: number) => {
    held.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    while (held.length > 0 && (held[0]!.line ?? 0) < before) {
      const e = held.shift()!;
      table.bad.push(e);
      await onBad?.(e);
    }
  };
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    await flush(info.lines);
    if (table.header.length === 0) {
      table.header = record.map((h) => h.trim());
      continue;
    }
    if (onRow) await onRow(record, info.lines, table.header);
    else if (record.length !== table.header.length) table.bad.push(at(Errors.CSV_ROW(`${record.length} cells where the header has ${table.header.length}`), { file, line: info.lines }));
    else {
      table.rows.push(record);
      table.lines.push(info.lines);
    }
  }
  await flush(Infinity);
  table.bad.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return table;
}

function loadModel(file: string): ScorecardModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new XyFailure(at(Errors.SCORECARD_MODEL(`invalid JSON: ${(e as Error).message}`), { file }));
  }
  const checked = engine.checkModel(value);
  if (!checked.ok) throw new XyFailure(at(Errors.SCORECARD_MODEL(checked.problems.join('; ')), { file }));
  return checked.model;
}

/** Column index of every model feature in the file's header (fatal when any is absent). */
function featureColumns(model: ScorecardModel, header: string[], file: string): number[] {
  const idx = model.features.map((f) => header.indexOf(f.name));
  const missing = model.features.filter((_, i) => idx[i]! < 0).map((f) => f.name);
  if (missing.length > 0) throw new XyFailure(at(Errors.SCORECARD_COLUMN_MISSING(missing), { file, line: 1 }));
  return idx;
}

/** Drop a second header row (the UCI Taiwan file has one) before anything reads the data. */
function dropSecondHeader(t: Table): void {
  if (t.rows.length > 2 && engine.isSecondHeader(t.header.map((_, j) => t.rows.map((r) => r[j] ?? '')))) {
    t.rows.shift();
    t.lines.shift();
  }
}

/** Rows with a usable target, mapped to 0/1; rejected rows are added to `bad` with their line. */
function targetRows(t: Table, column: string, event: string | undefined, file: string): { rows: string[][]; target: Uint8Array; event: string } {
  const ti = t.header.indexOf(column);
  if (ti < 0) throw new XyFailure(at(Errors.SCORECARD_TARGET_MISSING(column), { file, line: 1 }));
  const r = engine.targetOf(t.rows.map((row) => row[ti] ?? ''), event);
  if (!r.ok) {
    const p = r.problem;
    if (p.kind === 'values') throw new XyFailure(at(Errors.SCORECARD_TARGET_VALUES(column, p.values), { file, line: t.lines[p.row] }));
    if (p.kind === 'ambiguous') throw new XyFailure(at(Errors.SCORECARD_TARGET_AMBIGUOUS(column, p.values), { file }));
    throw new XyFailure(at(Errors.SCORECARD_ONE_CLASS(column), { file }));
  }
  const empty = new Set(r.emptyRows);
  for (const i of r.emptyRows) t.bad.push(at(Errors.SCORECARD_TARGET_EMPTY(column), { file, line: t.lines[i] }));
  t.bad.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const keep = t.rows.map((_, i) => i).filter((i) => !empty.has(i));
  return { rows: keep.map((i) => t.rows[i]!), target: Uint8Array.from(keep, (i) => r.target[i]!), event: r.event };
}

/** One flat bin per feature per row, and the rows' scores. */
function binRows(c: CompiledScorecard, rows: string[][], cols: number[]) {
  const p = cols.length;
  const bins = new Int32Array(rows.length * p);
  rows.forEach((row, r) => cols.forEach((col, f) => (bins[r * p + f] = engine.cellBin(c, f, row[col] ?? ''))));
  const out = engine.scoredRows(rows.length);
  engine.scoreBins(c, bins, rows.length, out);
  return { bins, out };
}

const num = (v: string) => Number(v);
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** `xinyong scorecard train|eval|apply|monitor`: statistical scorecards on CSV files. */
export function registerScorecard(program: Command): void {
  const sc = program.command('scorecard').description('statistical scorecards: train, evaluate, apply and monitor on CSV files');

  sc.command('train').argument('<file>', 'training CSV with a header row')
    .requiredOption('--target <column>', 'the outcome column')
    .option('--event <value>', 'the target value that is the event (bad); needed unless the column holds 1/0, bad/good, yes/no or true/false')
    .requiredOption('--out <model>', 'where to write the model (JSON)')
    .option('--card <file>', 'also write a Markdown model card')
    .option('--max-bins <n>', 'most bins per feature', num, 8)
    .option('--min-bin-share <s>', 'smallest share of rows in a bin', num, 0.05)
    .option('--trend <t>', 'event-rate trend across numeric bins: auto (monotone), ascending, descending, peak, valley or none', 'auto')
    .option('--special <values>', 'numeric codes that get their own bin, e.g. -1,-2', list, [])
    .option('--min-iv <v>', 'information value a feature needs to be considered', num, 0.02)
    .option('--max-features <n>', 'most features in the model', num, 20)
    .option('--no-stepwise', 'keep every feature above --min-iv instead of stepwise AIC selection')
    .option('--l2 <l>', 'L2 penalty on the logistic slopes', num, 0)
    .option('--pdo <p>', 'points to double the odds', num, 20)
    .option('--base-score <s>', 'score at the base odds', num, 600)
    .option('--base-odds <o>', 'good:bad odds at the base score', num, 50)
    .option('--exclude <columns>', 'columns that are not features (ids, dates)', list, [])
    .action((file: string, o: Record<string, unknown>, command: Command) => run(command, async () => {
      const opts = o as { target: string; event?: string; out: string; card?: string; maxBins: number; minBinShare: number; trend: string; special: string[];
        minIv: number; maxFeatures: number; stepwise: boolean; l2: number; pdo: number; baseScore: number; baseOdds: number; exclude: string[] };
      checkNumbers(opts);
      if (!['auto', 'ascending', 'descending', 'peak', 'valley', 'none'].includes(opts.trend)) throw new XyFailure(Errors.BAD_ARGUMENT('--trend must be auto, ascending, descending, peak, valley or none'));
      const t = await readTable(file);
      dropSecondHeader(t);
      const { rows, target, event } = targetRows(t, opts.target, opts.event, file);
      const skip = new Set([opts.target, ...opts.exclude]);
      const columns = t.header.map((name, j) => ({ name, j })).filter((c) => !skip.has(c.name) && c.name !== '')
        .map(({ name, j }) => ({ name, cells: rows.map((r) => r[j] ?? '') }));
      const model = engine.trainScorecard({ columns, target, targetColumn: opts.target, event }, {
        binning: { maxBins: opts.maxBins, minBinShare: opts.minBinShare, trend: opts.trend as Trend, specialValues: opts.special.map(Number) },
        selection: { minIv: opts.minIv, maxFeatures: opts.maxFeatures, stepwise: opts.stepwise, l2: opts.l2 },
        scaling: { pdo: opts.pdo, baseScore: opts.baseScore, baseOdds: opts.baseOdds },
      });
      if (model.features.length === 0) throw new XyFailure(Errors.SCORECARD_NO_FEATURES());
      for (const c of model.candidates) if (opts.exclude.includes(c.name)) c.status = 'excluded';
      writeFileSync(opts.out, JSON.stringify(model, null, 1) + '\n');
      if (opts.card) writeFileSync(opts.card, engine.renderModelCard(model));
      const m = model.training.metrics;
      if (globals(command).json) printJson({ rows: model.training.rows, events: model.training.events, features: model.features.map((f) => f.name), auc: m.auc, gini: m.gini, ks: m.ks, rejected: t.bad.length });
      else process.stdout.write(`trained on ${model.training.rows} rows (${model.training.events} events): ${model.features.length} features, in-sample AUC ${m.auc?.toFixed(3)}, KS ${m.ks?.toFixed(3)}\n`);
      return report(t.bad);
    }));

  sc.command('eval').argument('<model>').argument('<file>', 'CSV with the target column')
    .description('discrimination of a model on a labelled CSV: {n, auc, gini, ks}')
    .action((modelFile: string, file: string, _o: unknown, command: Command) => run(command, async () => {
      const model = loadModel(modelFile);
      const t = await readTable(file);
      dropSecondHeader(t);
      const cols = featureColumns(model, t.header, file);
      const { rows, target } = targetRows(t, model.target.column, model.target.event, file);
      const { out } = binRows(engine.compileScorecard(model), rows, cols);
      const d = engine.discrimination(out.pd, target);
      if (globals(command).json) printJson({ n: d.n, auc: d.auc, gini: d.gini, ks: d.ks });
      else {
        process.stdout.write(`n ${d.n}  AUC ${d.auc.toFixed(4)}  Gini ${d.gini.toFixed(4)}  KS ${d.ks.toFixed(4)}\n\ncalibration (groups by predicted pd)\n`);
        for (const c of engine.calibration(out.pd, target)) process.stdout.write(`  ${c.group}\t${c.n}\tmean pd ${c.meanPd.toFixed(4)}\tevent rate ${c.eventRate.toFixed(4)}\n`);
      }
      return report(t.bad);
    }));

  sc.command('apply').argument('<model>').argument('<file>', 'CSV of applicants')
    .requiredOption('--out <file>', 'CSV to write: score,pd,reason1..reason4, one row per input row in order')
    .action((modelFile: string, file: string, o: { out: string }, command: Command) => run(command, async () => {
      const model = loadModel(modelFile);
      const c = engine.compileScorecard(model);
      const out = createWriteStream(o.out);
      const write = async (s: string) => {
        if (!out.write(s)) await once(out, 'drain');
      };
      await write(`score,pd,${Array.from({ length: engine.MAX_REASONS }, (_, i) => `reason${i + 1}`).join(',')}\n`);
      let cols: number[] | undefined;
      let header: string[] = [];
      let first = true;
      const bins = new Int32Array(c.features.length);
      const one = engine.scoredRows(1);
      const bad: XyError[] = [];
      const t = await readTable(file, async (row, line, h) => {
        if (!cols) {
          header = h;
          cols = featureColumns(model, header, file);
        }
        if (first) {
          first = false;
          // A second header row (text where the model expects numbers in every numeric feature) is not an applicant.
          const numeric = model.features.map((f, i) => [f, i] as const).filter(([f]) => f.type === 'numeric');
          if (numeric.length > 0 && numeric.every(([, i]) => engine.cellBin(c, i, row[cols![i]!] ?? '') === c.binStart[i + 1]! - 2 && (row[cols![i]!] ?? '').trim() !== '' && Number.isNaN(Number(row[cols![i]!])))) return;
        }
        if (row.length !== header.length) {
          bad.push(at(Errors.CSV_ROW(`${row.length} cells where the header has ${header.length}`), { file, line }));
          // An empty row keeps the output aligned with the input, one row per input row.
          await write(',,,,,\n');
          return;
        }
        cols.forEach((col, f) => (bins[f] = engine.cellBin(c, f, row[col] ?? '')));
        engine.scoreBins(c, bins, 1, one);
        const reasons = Array.from({ length: engine.MAX_REASONS }, (_, i) => one.reasons[i]! >= 0 ? csvCell(c.reason[one.reasons[i]!]!) : '');
        await write(`${one.score[0]},${one.pd[0]!.toPrecision(6)},${reasons.join(',')}\n`);
      }, async () => write(',,,,,\n'));
      out.end();
      await once(out, 'finish');
      return report([...t.bad, ...bad]);
    }));

  sc.command('monitor').argument('<model>').argument('<file>', 'CSV of a recent sample')
    .description('PSI and characteristic stability of FILE against the training sample (0.10 / 0.25 bands)')
    .action((modelFile: string, file: string, _o: unknown, command: Command) => run(command, async () => {
      const model = loadModel(modelFile);
      const t = await readTable(file);
      dropSecondHeader(t);
      const cols = featureColumns(model, t.header, file);
      const c = engine.compileScorecard(model);
      const { bins, out } = binRows(c, t.rows, cols);
      const r = engine.monitorScorecard(model, c, bins, out.score, t.rows.length);
      if (globals(command).json) printJson(r);
      else {
        process.stdout.write(`${r.n} rows; score PSI ${r.score.psi.toFixed(4)} (${r.score.verdict})\n\nfeature\tPSI\tpoints shift\tverdict\n`);
        for (const f of r.features) process.stdout.write(`${f.feature}\t${f.psi.toFixed(4)}\t${f.pointsShift.toFixed(2)}\t${f.verdict}\n`);
      }
      return report(t.bad);
    }));
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function checkNumbers(o: { maxBins: number; minBinShare: number; l2: number; pdo: number; baseOdds: number; maxFeatures: number }): void {
  if (!Number.isInteger(o.maxBins) || o.maxBins < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--max-bins must be a positive whole number'));
  if (!(o.minBinShare >= 0 && o.minBinShare < 0.5)) throw new XyFailure(Errors.BAD_ARGUMENT('--min-bin-share must be in [0, 0.5)'));
  if (!(o.l2 >= 0)) throw new XyFailure(Errors.BAD_ARGUMENT('--l2 must be zero or more'));
  if (!(o.pdo > 0) || !(o.baseOdds > 0)) throw new XyFailure(Errors.BAD_ARGUMENT('--pdo and --base-odds must be positive'));
  if (!Number.isInteger(o.maxFeatures) || o.maxFeatures < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--max-features must be a positive whole number'));
}

/** Rejected rows go to stderr with their line; exit 3 when there were any. */
function report(bad: XyError[]): number {
  for (const e of bad) printError(e);
  return bad.length > 0 ? ExitCode.someRejected : ExitCode.ok;
}

async function run(command: Command, body: () => Promise<number>): Promise<void> {
  engine ??= await import('./scorecard-engine.js');
  try {
    process.exitCode = await body();
  } catch (e) {
    fail(e);
  }
}
