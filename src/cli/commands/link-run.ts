import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Errors } from '../../core/errors.js';
import {
  EVIDENCE_FIELDS, deduplicate, evidenceOf, explainPair, log2Odds, mapColumns, parseFieldsOption, prepareEvidence,
  type PairExplanation,
} from '../../core/linkage/index.js';
import { SeededRandom } from '../../app/demo/seeded-random.js';
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, printJson } from '../run-command.js';

export interface LinkOptions {
  out?: string;
  idColumn?: string;
  fields?: string;
  pairs?: string;
  explain?: string[];
  threshold: number;
  seed: number;
  format?: string;
}

/** The work of `xinyong link`, loaded only when the command runs (pinyin and the model are heavy to load). */
export function runLink(file: string, opts: LinkOptions, json: boolean): number {
  const bad = (why: string) => new XyFailure(Errors.BAD_ARGUMENT(why));
  if (!opts.out && !opts.explain) throw bad('give --out FILE (or --explain ID ID)');
  if (opts.explain && opts.explain.length !== 2) throw bad('--explain takes exactly two record ids');
  if (!Number.isFinite(opts.threshold)) throw bad('--threshold must be a number of bits');
  if (!Number.isSafeInteger(opts.seed)) throw bad('--seed must be a whole number');
  const format = opts.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  if (format !== 'csv' && format !== 'jsonl') throw bad(`--format must be csv or jsonl, not "${format}"`);
  const rows = readRows(file, format);
  if (rows.length === 0) throw bad(`${file} holds no records`);

  const overrides = opts.fields ? parseFieldsOption(opts.fields, EVIDENCE_FIELDS) : {};
  if ('error' in overrides) throw bad(String(overrides.error));
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const mapping = mapColumns(header, overrides as Exclude<typeof overrides, { error: string }>, opts.idColumn);
  if ('error' in mapping) throw bad(mapping.error);
  const ids = rows.map((r) => String(r[mapping.id] ?? '').trim());
  const position = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === '') throw bad(`record ${i + 1} has no ${mapping.id}`);
    if (position.has(id)) throw bad(`${mapping.id} "${id}" is not unique (records ${position.get(id)! + 1} and ${i + 1})`);
    position.set(id, i);
  });
  const records = rows.map((r) => prepareEvidence(evidenceOf(r, mapping)));
  const result = deduplicate(records, { threshold: opts.threshold, random: new SeededRandom(opts.seed) });
  const { clustering, pairs, model } = result;

  if (opts.out) {
    const lines = ['unique_id,cluster_id,match_weight'];
    for (let i = 0; i < records.length; i++) {
      const w = clustering.joinWeight[i]!;
      lines.push(`${csvCell(ids[i]!)},${csvCell(ids[clustering.clusterOf[i]!]!)},${Number.isNaN(w) ? '' : w.toFixed(2)}`);
    }
    writeFileSync(opts.out, lines.join('\n') + '\n');
  }
  if (opts.pairs) {
    const lines = ['unique_id_l,unique_id_r,match_weight,match_probability'];
    for (let p = 0; p < pairs.count; p++) {
      const w = pairs.weight[p]!;
      lines.push(`${csvCell(ids[pairs.left[p]!]!)},${csvCell(ids[pairs.right[p]!]!)},${w.toFixed(2)},${probability(w)}`);
    }
    writeFileSync(opts.pairs, lines.join('\n') + '\n');
  }

  const clusters = new Set(clustering.clusterOf).size;
  const summary = {
    records: records.length, clusters, candidatePairs: pairs.count, joins: clustering.joins, refusedJoins: clustering.refused,
    skippedBlocks: result.blocking.reduce((s, b) => s + b.oversizeBlocks, 0), skippedPairs: result.blocking.reduce((s, b) => s + b.skippedPairs, 0),
    threshold: opts.threshold, priorWeight: Number(log2Odds(model.prior).toFixed(2)), fields: mapping.fields,
  };
  if (opts.explain) {
    const [a, b] = opts.explain.map((id) => {
      const i = position.get(id);
      if (i === undefined) throw bad(`--explain: no record with ${mapping.id} "${id}"`);
      return i;
    }) as [number, number];
    const explanation = explainPair(model, records[a]!, records[b]!);
    if (json) printJson({ left: ids[a], right: ids[b], ...explanation, sameCluster: clustering.clusterOf[a] === clustering.clusterOf[b] });
    else process.stdout.write(waterfall(ids[a]!, ids[b]!, explanation, model.prior, clustering.clusterOf[a] === clustering.clusterOf[b]));
    return ExitCode.ok;
  }
  if (json) printJson(summary);
  else {
    process.stdout.write(`${summary.records} records in ${clusters} clusters (${summary.joins} joins, ${summary.refusedJoins} refused by the chaining guard); ` +
      `${summary.candidatePairs} candidate pairs scored${summary.skippedBlocks ? `, ${summary.skippedBlocks} oversize blocks skipped (${summary.skippedPairs} pairs)` : ''}\n`);
  }
  return ExitCode.ok;
}

function readRows(file: string, format: 'csv' | 'jsonl'): Record<string, unknown>[] {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
  if (format === 'csv') {
    try {
      return parse(text, { columns: true, trim: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, unknown>[];
    } catch (e) {
      throw new XyFailure(Errors.BAD_ARGUMENT(`${file} is not valid CSV: ${(e as Error).message}`));
    }
  }
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [flatten(JSON.parse(line) as Record<string, unknown>)];
    } catch {
      throw new XyFailure({ ...Errors.BAD_ARGUMENT(`${file}: line ${i + 1} is not a JSON object`), line: i + 1 });
    }
  });
}

/** `{"subject":{"name":"张三"}}` → `{"subject.name":"张三"}`, keeping top-level keys as they are. */
function flatten(o: Record<string, unknown>): Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error('not an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) out[`${k}.${k2}`] = v2;
    else out[k] = v;
  }
  return out;
}

function waterfall(left: string, right: string, e: PairExplanation, prior: number, together: boolean): string {
  const rows: string[][] = [[`prior: 1 match in ${Math.round(1 / prior).toLocaleString('en')} pairs`, '', '', signed(e.priorWeight)]];
  let running = e.priorWeight;
  rows[0]!.push(signed(running));
  for (const c of e.comparisons) {
    running += c.weight;
    const values = c.level === 'missing' ? '' : `${c.values[0]} | ${c.values[1]}`;
    const level = c.level + (c.tfAdjustment ? ` (term frequency ${signed(c.tfAdjustment)})` : '');
    rows.push([c.field, values, level, signed(c.weight), signed(running)]);
  }
  const head = ['comparison', 'values', 'level', 'bits', 'total'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (r: string[]) => `  ${r.map((cell, k) => (k >= 3 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!))).join('  ')}`.trimEnd();
  return [
    `match weight of ${left} and ${right}`,
    line(head),
    ...rows.map(line),
    `  match weight ${signed(e.weight)} bits, probability ${probability(e.weight)}: ${together ? 'same cluster' : 'different clusters'}`,
  ].join('\n') + '\n';
}

function probability(w: number): string {
  const p = 2 ** w / (1 + 2 ** w);
  return Number.isFinite(p) ? p.toPrecision(6) : '1';
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
