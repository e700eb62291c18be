import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_BATCH_SIZE, emptySummary, ingestRecords } from '../src/app/ingest/ingest-records.js';
import { readRecords } from '../src/app/ingest/read-records.js';
import { deriveWith } from '../src/app/derive-hook.js';
import { initRegistry } from '../src/app/init-registry.js';
import { activePolicy, openRegistry, type Registry } from '../src/app/registry.js';
import { SqliteStore } from '../src/adapters/store-sqlite/sqlite-store.js';
import { idGenerator } from '../src/app/new-id.js';
import { syntheticRecordsFile } from './records-file.js';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  ratio: number;
  goal?: string;
  also?: { name: string; value: number };
}

/** Full ingest (read, validate, identity checks, seal, dedupe, store) against raw inserts of the same rows. */
export async function ingestBench(count: number): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-bench-'));
  try {
    const { file, rows } = await syntheticRecordsFile(dir, count);

    const raw = rawInsertRate(join(dir, 'raw.db'), rows);
    const rawSameSchema = await rawSameSchemaRate(join(dir, 'raw-schema.db'), rows);
    rows.length = 0;
    const baselines = {
      baseline: { name: 'raw better-sqlite3 insert of the same rows into a one-key table', value: raw },
      also: { name: 'raw better-sqlite3 insert of the same rows into the registry schema (same indexes)', value: rawSameSchema },
    };
    const bulk = await timedIngest(join(dir, 'bulk.db'), file, count, false);
    const live = await timedIngest(join(dir, 'live.db'), file, count, true);
    const label = `ingest ${count.toLocaleString('en')} records (JSONL file -> SQLite, full pipeline`;
    return [
      { name: `${label}, bulk: --defer-derive)`, value: bulk, unit: 'records/s', ...baselines, ratio: bulk / raw, goal: '>= 0.40' },
      { name: `${label}, real time: scores and lists updated in each batch)`, value: live, unit: 'records/s', ...baselines, ratio: live / raw },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedIngest(dbPath: string, file: string, count: number, derive: boolean): Promise<number> {
  const registry = await openRegistry({ dbPath, masterKey: Buffer.alloc(32, 7).toString('base64') }, true);
  try {
    await initRegistry(registry);
    return await timedIngestInto(registry, file, count, derive);
  } finally {
    await registry.close();
  }
}

/** Records/s of the full pipeline from a JSON Lines file into an initialised registry (any store). */
export async function timedIngestInto(registry: Registry, file: string, count: number, derive: boolean): Promise<number> {
  const { policy, version } = await activePolicy(registry);
  const started = performance.now();
  const summary = await ingestRecords(
    readRecords(createReadStream(file, { highWaterMark: 1 << 20 }), 'jsonl', policy, { maxLineBytes: 1 << 20 }),
    { ...registry, policy, ...(derive ? { derive: deriveWith(policy, version) } : {}) }, emptySummary(),
  );
  const seconds = (performance.now() - started) / 1000;
  if (summary.accepted !== count) throw new Error(`bench ingest accepted ${summary.accepted} of ${count}: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  return count / seconds;
}

/** The baseline: the same rows through one prepared INSERT, same durability, cache and batch settings. */
function rawInsertRate(path: string, rows: Record<string, unknown>[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(`CREATE TABLE records (source TEXT NOT NULL, ref TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
    subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, occurred_at TEXT NOT NULL, severity TEXT, amount REAL,
    status TEXT NOT NULL, attributes TEXT NOT NULL, UNIQUE (source, ref, revision))`);
  const insert = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((slice: Record<string, unknown>[]) => {
    for (const r of slice) {
      const s = r.subject as { kind: string; id: string };
      insert.run(r.source, r.ref, r.revision, r.type, s.kind, s.id, r.occurredAt, r.severity, r.amount, r.status, JSON.stringify(r.attributes));
    }
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += DEFAULT_BATCH_SIZE) batch(rows.slice(i, i + DEFAULT_BATCH_SIZE));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

/**
 * A second baseline: the same rows straight into the registry's own record_revisions table (its
 * four B-trees), ids and subjects prepared in advance, so the difference is the pipeline's own cost.
 */
async function rawSameSchemaRate(path: string, rows: Record<string, unknown>[]): Promise<number> {
  const store = new SqliteStore({ path });
  await store.migrate();
  await store.close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  const newId = idGenerator();
  const subjects = new Map<string, string>();
  const insertSubject = db.prepare("INSERT INTO subjects (id, kind, created_at) VALUES (?, ?, '2026-01-01')");
  const prepared = rows.map((r) => {
    const s = r.subject as { kind: string; id: string };
    let subjectId = subjects.get(s.id);
    if (!subjectId) {
      subjectId = newId();
      subjects.set(s.id, subjectId);
      insertSubject.run(subjectId, s.kind);
    }
    return [newId(), subjectId, null, r.source, r.ref, r.revision, r.type, r.occurredAt, '2026-01-01T00:00:00.000Z', r.severity, r.amount, r.status, JSON.stringify(r.attributes), 'h'.repeat(64)];
  });
  const insert = db.prepare(
    `INSERT INTO record_revisions (id, subject_id, related_subject_id, source, ref, revision, type, occurred_at, received_at,
       severity, amount, status, attributes, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((slice: unknown[][]) => {
    for (const values of slice) insert.run(values);
  });
  const started = performance.now();
  for (let i = 0; i < prepared.length; i += DEFAULT_BATCH_SIZE) batch(prepared.slice(i, i + DEFAULT_BATCH_SIZE));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return prepared.length / seconds;
}
