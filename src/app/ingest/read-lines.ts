import type { Readable } from 'node:stream';
import { Errors, type XyError } from '../../core/errors.js';

export interface TextLine {
  line: number;
  text: string;
}
export interface BadLine {
  line: number;
  error: XyError;
}

export interface ReadLinesOptions {
  /** Longest line accepted, in bytes; a longer one is rejected without being held in memory. */
  maxLineBytes: number;
  /** Called with the bytes consumed so far, for progress bars. */
  onBytes?: (bytes: number) => void;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Split a byte stream into numbered lines in constant memory: a line longer than the limit is
 * skipped to its end and reported, and a line that is not UTF-8 is reported, never guessed at.
 */
export async function* readLines(input: Readable, options: ReadLinesOptions): AsyncGenerator<TextLine | BadLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let tooLong = 0;
  let line = 0;
  let bytes = 0;

  function* finish(): Generator<TextLine | BadLine> {
    line++;
    if (tooLong > 0) {
      yield { line, error: Errors.RECORD_TOO_LONG(tooLong, options.maxLineBytes) };
    } else {
      let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
      if (line === 1 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      try {
        yield { line, text: decoder.decode(buf) };
      } catch {
        yield { line, error: Errors.RECORD_ENCODING() };
      }
    }
    parts = [];
    held = 0;
    tooLong = 0;
  }

  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = end - start;
      if (tooLong > 0 || held + piece > options.maxLineBytes) {
        tooLong = (tooLong > 0 ? tooLong : held) + piece;
        parts = [];
        held = 0;
      } else if (piece > 0) {
        parts.push(chunk.subarray(start, end));
        held += piece;
      }
      if (nl === -1) break;
      yield* finish();
      start = nl + 1;
    }
    bytes += chunk.length;
    options.onBytes?.(bytes);
  }
  if (held > 0 || tooLong > 0) yield* finish();
}
