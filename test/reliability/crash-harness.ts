import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initRegistry } from '../../src/app/init-registry.js';
import { openRegistry } from '../../src/app/registry.js';
import { verifyStoredLog } from '../../src/app/verify-audit.js';
import { residentIdCheckChar } from '../../src/core/identity/index.js';
import { CLI } from '../support/run-cli.js';
import { pgQuery, schemaName, withSearchPath } from './reliability-support.js';

export const CLOCK = '2026-06-01T00:00:00Z';
export const MASTER = Buffer.alloc(32, 5).toString('base64');

/** A private store (SQLite file, or a PostgreSQL schema of its own) and the env the CLI needs for it. */
export interface CrashStore {
  name: string;
  dir: string;
  env: Record<string, string>;
  url: string | undefined;
  dispose(): Promise<void>;
}

export async function crashStore(databaseUrl: string | undefined): Promise<CrashStore> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-crash-'));
  const schema = schemaName('xy_crash');
  const url = databaseUrl && withSearchPath(databaseUrl, schema);
  if (databaseUrl) await pgQuery(databaseUrl, `CREATE SCHEMA ${schema}`);
  const registry = await openRegistry({ dbPath: join(dir, 'registry.db'), databaseUrl: url, masterKey: MASTER, clock: CLOCK }, true);
  await initRegistry(registry);
  await registry.close();
  return {
    name: databaseUrl ? 'PostgreSQL' : 'SQLite', dir, url,
    env: { XINYONG_DB: join(dir, 'registry.db'), XINYONG_CLOCK: CLOCK, XINYONG_MASTER_KEY: MASTER, ...(url ? { DATABASE_URL: url } : {}) },
    async dispose() {
      if (databaseUrl) await pgQuery(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rec { source: string; ref: string; revision: number; [k: string]: unknown }

/** `n` records over `n / 4` people, every tenth one followed later by its revision 2 (resolved). */
export function crashRecords(n: number, prefix: string): Rec[] {
  const out: Rec[] = [];
  const updates: Rec[] = [];
  for (let i = 0; i < n; i++) {
    const p = i % Math.max(1, Math.floor(n / 4));
    const first17 = `110105${1950 + (p % 50)}${String(1 + (p % 12)).padStart(2, '0')}${String(1 + (p % 28)).padStart(2, '0')}${String(p % 1000).padStart(3, '0')}`;
    const subject = { kind: 'person', id: first17 + residentIdCheckChar(first17), name: '测试' };
    const record: Rec = { source: 'court.enforcement', ref: `${prefix}-${i}`, revision: 1, type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', amount: i, subject };
    out.push(record);
    if (i % 10 === 0) updates.push({ ...record, revision: 2, status: 'resolved' });
  }
  // Updates go after the first half, so a revision 2 never precedes its revision 1 in a batch order.
  const [half, halfUpdates] = [Math.floor(n / 2), Math.floor(updates.length / 2)];
  return [...out.slice(0, half), ...updates.slice(0, halfUpdates), ...out.slice(half), ...updates.slice(halfUpdates)];
}

export const keyOf = (r: Pick<Rec, 'source' | 'ref' | 'revision'>) => `${r.source}|${r.ref}|${r.revision}`;

/** The child process for a CLI command, its output collected. */
export function spawnCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export interface StoreCheck {
  records: number;
  revisions: number;
  missing: string[];
  integrity: string;
  auditOk: boolean;
  auditProblems: string[];
}

/** What is in the store now: counts, which acknowledged revisions are missing, file and audit integrity. */
export async function checkStore(store: CrashStore, acknowledged: Iterable<string>): Promise<StoreCheck> {
  const registry = await openRegistry({ dbPath: store.env.XINYONG_DB!, databaseUrl: store.url, masterKey: MASTER, clock: CLOCK });
  try {
    const stats = await registry.store.stats();
    let rows: Array<{ source: string; ref: string; revision: number }>;
    let integrity = 'ok';
    if (store.url) {
      rows = (await pgQuery(store.url, 'SELECT source, ref, revision FROM record_revisions')).rows as typeof rows;
    } else {
      const db = new Database(store.env.XINYONG_DB!, { readonly: true });
      rows = db.prepare('SELECT source, ref, revision FROM record_revisions').all() as typeof rows;
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join(';');
      db.close();
    }
    const present = new Set(rows.map((r) => keyOf({ ...r, revision: Number(r.revision) })));
    const missing = [...acknowledged].filter((k) => !present.has(k));
    const audit = await verifyStoredLog(registry.audit, registry.signer);
    return { records: stats.records, revisions: stats.revisions, missing, integrity, auditOk: audit.ok, auditProblems: audit.problems.map((p) => `${p.code}: ${p.message}`) };
  } finally {
    await registry.close();
  }
}

/** How many revisions the store holds now (polled while a writer runs, to kill it mid-ingest). */
export async function revisionCount(store: CrashStore): Promise<number> {
  if (store.url) return Number((await pgQuery(store.url, 'SELECT count(*) AS n FROM record_revisions')).rows[0]?.n ?? 0);
  const db = new Database(store.env.XINYONG_DB!, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM record_revisions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Kill `child` with SIGKILL at a random point: half the time after a random delay from its start
 * (start-up included), otherwise a random moment after the store first grows (mid-ingest).
 */
export function killAtRandom(child: ChildProcess, store: CrashStore, rand: () => number, baseline: number): { stop(): void } {
  let stopped = false;
  const kill = () => {
    if (!stopped) child.kill('SIGKILL');
  };
  if (rand() < 0.5) {
    const timer = setTimeout(kill, 200 + rand() * 2500);
    return { stop: () => { stopped = true; clearTimeout(timer); } };
  }
  const jitter = rand() * 300;
  void (async () => {
    while (!stopped && child.exitCode === null && child.signalCode === null) {
      if ((await revisionCount(store).catch(() => baseline)) > baseline) {
        await sleep(jitter);
        kill();
        return;
      }
      await sleep(15);
    }
  })();
  return { stop: () => { stopped = true; } };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
