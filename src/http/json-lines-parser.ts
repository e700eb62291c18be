import type { FastifyRequest } from 'fastify';
import { Errors, type XyError } from '../core/errors.js';
import { HttpErrors, HttpProblem } from './problem.js';

/** One line of a JSON Lines body: its value, or why it could not be read. */
export class JsonLine {
  constructor(readonly line: number, readonly raw: unknown, readonly error?: XyError) {}
}

export interface JsonLinesOptions {
  /** More records than this refuse the whole body (413) before any is parsed further. */
  maxRecords: number;
  /** Longest line accepted, as for `xinyong ingest`. */
  maxLineBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An `application/x-ndjson` content-type parser. A bad line becomes a per-line error carrying its
 * line number (as with `xinyong ingest`), so the good lines of the same upload are still stored.
 * Blank lines are skipped but still counted, so line numbers match the caller's file.
 */
export function jsonLinesParser(options: JsonLinesOptions) {
  const maxLine = options.maxLineBytes ?? 1 << 20;
  return async (_request: FastifyRequest, body: Buffer): Promise<JsonLine[]> => {
    const lines: JsonLine[] = [];
    let start = 0;
    for (let n = 1; start < body.length; n++) {
      const newline = body.indexOf(0x0a, start);
      const end = newline === -1 ? body.length : newline;
      const bytes = body.subarray(start, end > start && body[end - 1] === 0x0d ? end - 1 : end);
      start = end + 1;
      const item = readLine(n, bytes, maxLine);
      if (!item) continue;
      if (lines.length >= options.maxRecords) throw new HttpProblem(HttpErrors.TOO_MANY_RECORDS(options.maxRecords));
      lines.push(item);
    }
    return lines;
  };
}

function readLine(line: number, bytes: Buffer, maxLine: number): JsonLine | undefined {
  if (bytes.length > maxLine) return new JsonLine(line, undefined, Errors.RECORD_TOO_LONG(bytes.length, maxLine));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return new JsonLine(line, undefined, Errors.RECORD_ENCODING());
  }
  if (text.trim() === '') return undefined;
  try {
    // "__proto__" keys are refused like Fastify's own JSON parser does; the reviver costs only then.
    return new JsonLine(line, text.includes('__proto__') ? JSON.parse(text, noProto) : JSON.parse(text));
  } catch (e) {
    return new JsonLine(line, undefined, Errors.RECORD_JSON((e as Error).message.slice(0, 200)));
  }
}

function noProto(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed as a key');
  return value;
}
