import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Characters COPY's text format gives a meaning to, and their escapes. */
const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format: `\N` for null, bytea as hex, everything else as its text, escaped. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  const text = typeof v === 'string' ? v : String(v);
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]!) : text;
}

/** One row as a line of COPY text format. */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]);
  return `${line}\n`;
}

/**
 * `COPY table (columns) FROM STDIN` of these rows on this client, inside whatever transaction the
 * client has open: a unique violation fails the whole COPY (SQLSTATE 23505), like a multi-row INSERT.
 * Many rows per chunk: each chunk is one write to the socket.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<void> {
  function* chunks() {
    let chunk = '';
    for (const row of rows) {
      chunk += copyLine(row);
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** A column of a bulk insert: its name, and its type as a parameter array element (`text`, `integer`, ...). */
export interface BulkColumn {
  name: string;
  type: string;
  /** The column's own type when the parameter arrives as text and must be cast (`json`). */
  cast?: string;
}

/** Rows at which COPY beats one multi-row INSERT: below it, COPY's extra round trips cost more than they save. */
export const COPY_FROM_ROWS = 256;

/**
 * Insert rows into `table`: one `INSERT ... SELECT FROM unnest(...)` for a few rows, COPY for many.
 * Either way one statement, so a unique violation fails all of them (SQLSTATE 23505).
 */
export async function bulkInsert(
  db: { run: (text: string, parameters: readonly unknown[]) => Promise<unknown> }, client: pg.ClientBase,
  table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length >= COPY_FROM_ROWS) {
    await copyRows(client, table, columns.map((c) => c.name), rows);
    return;
  }
  const names = columns.map((c) => c.name);
  const select = columns.map((c) => (c.cast ? `${c.name}::${c.cast}` : c.name)).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  await db.run(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS t (${names.join(', ')})`,
    columns.map((_, i) => rows.map((r) => r[i])),
  );
}
