import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { Errors } from '../../core/errors.js';
import type { InputRow } from '../../core/mapping/apply-mapping.js';
import { readLines, type BadLine } from '../ingest/read-lines.js';

export interface NumberedRow {
  /** Line of the input file the row starts on (a CSV row: the line it ends on). */
  line: number;
  row: InputRow;
}

const MAX_ROW_BYTES = 1024 * 1024;
/** A JSON array is parsed whole: files past this size belong in JSON Lines. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** The rows of a furnisher's file, numbered by input line, in file order; unreadable rows as BadLine. */
export function readInputRows(input: Readable, format: 'csv' | 'json' | 'jsonl'): AsyncGenerator<NumberedRow | BadLine> {
  if (format === 'csv') return csvRows(input);
  if (format === 'jsonl') return jsonLineRows(input);
  return jsonArrayRows(input);
}

async function* csvRows(input: Readable): AsyncGenerator<NumberedRow | BadLine> {
  const skipped: BadLine[] = [];
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true, info: true, skip_empty_lines: true, skip_records_with_error: true, max_record_size: MAX_ROW_BYTES,
  });
  parser.on('skip', (e: Error & { lines?: number }) => skipped.push({ line: e.lines ?? 0, error: Errors.CSV_ROW(e.message.slice(0, 200)) }));
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length > 0 && skipped[0]!.line < info.lines) yield skipped.shift()!;
    yield { line: info.lines, row: record };
  }
  yield* skipped;
}

async function* jsonLineRows(input: Readable): AsyncGenerator<NumberedRow | BadLine> {
  for await (const item of readLines(input, { maxLineBytes: MAX_ROW_BYTES })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === '') continue;
    yield rowOf(item.line, () => JSON.parse(item.text) as unknown);
  }
}

async function* jsonArrayRows(input: Readable): AsyncGenerator<NumberedRow | BadLine> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      yield { line: 1, error: Errors.MAPPING_ROW(`a JSON array over ${MAX_JSON_BYTES / 1024 / 1024} MB: send JSON Lines instead`) };
      return;
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    yield { line: 1, error: Errors.RECORD_JSON((e as Error).message.slice(0, 200)) };
    return;
  }
  if (!Array.isArray(parsed)) {
    yield { line: 1, error: Errors.MAPPING_ROW('the file is not a JSON array of objects') };
    return;
  }
  const lines = elementLines(text);
  for (const [i, element] of parsed.entries()) yield rowOf(lines[i] ?? 1, () => element);
}

function rowOf(line: number, value: () => unknown): NumberedRow | BadLine {
  try {
    const v = value();
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { line, error: Errors.MAPPING_ROW('a row must be a JSON object') };
    return { line, row: v as InputRow };
  } catch (e) {
    return { line, error: Errors.RECORD_JSON((e as Error).message.slice(0, 200)) };
  }
}

/** The line each top-level element of a JSON array starts on (the text is known to parse). */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expecting && !/\s/.test(c) && c !== ']') {
      out.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return out;
}
