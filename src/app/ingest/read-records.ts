import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { Errors } from '../../core/errors.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import { unflattenCsvRow } from '../../core/records/unflatten-csv-row.js';
import { readLines, type BadLine, type ReadLinesOptions } from './read-lines.js';

export type RecordFormat = 'jsonl' | 'csv';
export interface RawRecord {
  line: number;
  raw: unknown;
}

/** Decode records from JSON Lines or CSV, one result per line (or CSV row), in order. */
export function readRecords(
  input: Readable, format: RecordFormat, policy: Policy, options: ReadLinesOptions,
): AsyncGenerator<RawRecord | BadLine> {
  return format === 'csv' ? readCsv(input, policy, options) : readJsonLines(input, options);
}

async function* readJsonLines(input: Readable, options: ReadLinesOptions): AsyncGenerator<RawRecord | BadLine> {
  for await (const item of readLines(input, options)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === '') continue;
    try {
      yield { line: item.line, raw: JSON.parse(item.text) as unknown };
    } catch (e) {
      yield { line: item.line, error: Errors.RECORD_JSON((e as Error).message.slice(0, 200)) };
    }
  }
}

async function* readCsv(input: Readable, policy: Policy, options: ReadLinesOptions): AsyncGenerator<RawRecord | BadLine> {
  const skipped: BadLine[] = [];
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxLineBytes,
  });
  parser.on('skip', (e: Error & { lines?: number }) => {
    skipped.push({ line: e.lines ?? 0, error: Errors.CSV_ROW(e.message.slice(0, 200)) });
  });
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const line = info.lines;
    // The parser reads ahead, so a bad row can be reported before earlier good ones: keep file order.
    yield* takeBefore(skipped, line);
    if (Object.values(record).some((cell) => cell.includes('\uFFFD') || cell.includes('\u0000'))) {
      yield { line, error: Errors.RECORD_ENCODING() };
      continue;
    }
    yield { line, raw: unflattenCsvRow(record, policy) };
  }
  yield* takeBefore(skipped, Infinity);
}

function takeBefore(skipped: BadLine[], line: number): BadLine[] {
  skipped.sort((a, b) => a.line - b.line);
  const count = skipped.findIndex((s) => s.line >= line);
  return skipped.splice(0, count === -1 ? skipped.length : count);
}
