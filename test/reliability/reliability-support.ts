import { spawn } from 'node:child_process';
import pg from 'pg';
import { parseResidentId, residentIdCheckChar } from '../../src/core/identity/index.js';
import { CLI } from '../support/run-cli.js';

/** `XY_SOAK=1`: the long variants (more kills, more fuzz runs, load) instead of the CI-sized ones. */
export const SOAK = process.env.XY_SOAK === '1';
export const DATABASE_URL = process.env.DATABASE_URL;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI as a child process, without blocking the event loop (runs can overlap). */
export function cliAsync(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A PostgreSQL URL whose connections use `schema` first (each suite keeps to a schema of its own). */
export function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** Run SQL on the server named by `url` (create or drop a schema, tamper with a table). */
export async function pgQuery(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A unique, lowercase schema name for one suite run. */
export function schemaName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now() % 1e7}`;
}

// 18 characters, 17 digits and a check character, not inside a longer run of digits.
const CANDIDATE = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g;

/**
 * Every resident identity number in `text` with a valid GB 11643 check digit and a real birth
 * date, confirmed by the registry's own validator, so random 18-digit runs do not count.
 */
export function residentIdsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(CANDIDATE)) {
    const id = m[0].toUpperCase();
    if (residentIdCheckChar(id.slice(0, 17)) === id[17] && parseResidentId(id, '2100-01-01').ok) found.add(id);
  }
  return [...found];
}
