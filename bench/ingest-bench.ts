import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { emptySummary, ingestRecords } from '../src/app/ingest/ingest-records.js';
import { readRecords } from '../src/app/ingest/read-records.js';
import { initRegistry } from '../src/app/init-registry.js';
import { activePolicy, openRegistry } from '../src/app/registry.js';
import { syntheticRecords } from './synthetic-records.js';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  ratio: number;
  goal?: string;
}

/** Full ingest (read, validate, identity checks, seal, dedupe, store) against raw inserts of the same rows. */
export async function ingestBench(count: number): Promise<BenchFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-bench-'));
  try {
    const file = join(dir, 'records.jsonl');
    const out = createWriteStream(file);
    const rows: Record<string, unknown>[] = [];
    for (const r of syntheticRecords(count)) {
      if (!out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
      rows.push(r);
    }
    out.end();
    await once(out, 'finish');

    const raw = rawInsertRate(join(dir, 'raw.db'), rows);
    rows.length = 0;

    const registry = await openRegistry({ dbPath: join(dir, 'registry.db'), masterKey: Buffer.alloc(32, 7).toString('base64') }, true);
    await initRegistry(registry);
    const { policy } = await activePolicy(registry);
    const started = performance.now();
    const summary = await ingestRecords(
      readRecords(createReadStream(file, { highWaterMark: 1 << 20 }), 'jsonl', policy, { maxLineBytes: 1 << 20 }),
      { ...registry, policy }, emptySummary(),
    );
    const seconds = (performance.now() - started) / 1000;
    await registry.close();
    if (summary.accepted !== count) throw new Error(`bench ingest accepted ${summary.accepted} of ${count}: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const rate = count / seconds;
    return {
      name: `ingest ${count.toLocaleString('en')} records (JSONL file -> SQLite, full pipeline)`,
      value: rate,
      unit: 'records/s',
      baseline: { name: 'raw better-sqlite3 insert of the same rows', value: raw },
      ratio: rate / raw,
      goal: '>= 0.40',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline: the same rows through one prepared INSERT, same durability settings and batch size. */
function rawInsertRate(path: string, rows: Record<string, unknown>[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
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
  for (let i = 0; i < rows.length; i += 2000) batch(rows.slice(i, i + 2000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}
