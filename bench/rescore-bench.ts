import { createWriteStream, mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptySummary, ingestRecords } from '../src/app/ingest/ingest-records.js';
import { readRecords } from '../src/app/ingest/read-records.js';
import { initRegistry } from '../src/app/init-registry.js';
import { openEvaluator } from '../src/app/open-evaluator.js';
import { openRegistry } from '../src/app/registry.js';
import { rescoreAll } from '../src/app/rescore.js';
import type { BenchFigure } from './ingest-bench.js';
import { syntheticRecords } from './synthetic-records.js';

/**
 * `rescore` over a population of `subjects` subjects (bulk-loaded first, about one record each),
 * beside the I/O floor: reading every revision and writing one state row per subject, raw.
 */
export async function rescoreBench(subjects: number): Promise<BenchFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-rescore-'));
  try {
    const file = join(dir, 'records.jsonl');
    const out = createWriteStream(file);
    for (const r of syntheticRecords(subjects, 11, { distinctSubjects: true })) {
      if (!out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const dbPath = join(dir, 'registry.db');
    const registry = await openRegistry({ dbPath, masterKey: Buffer.alloc(32, 9).toString('base64') }, true);
    await initRegistry(registry);
    const evaluator = await openEvaluator(registry);
    await ingestRecords(readRecords(createReadStream(file), 'jsonl', evaluator.policy, { maxLineBytes: 1 << 20 }), { ...registry, policy: evaluator.policy }, emptySummary());
    const population = (await registry.store.stats()).subjects;
    const started = performance.now();
    const summary = await rescoreAll(registry, evaluator, '2026-06-01T00:00:00.000Z');
    const rate = summary.subjects / ((performance.now() - started) / 1000);
    await registry.close();
    const floor = ioFloorRate(dbPath, population);
    return {
      name: `rescore ${population.toLocaleString('en')} subjects (read records, score, lists, write state)`,
      value: rate,
      unit: 'subjects/s',
      baseline: { name: 'raw scan of every revision plus one raw state-row insert per subject', value: floor },
      ratio: rate / floor,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ioFloorRate(path: string, subjects: number): number {
  // A reading and a writing connection: better-sqlite3 cannot write on a connection mid-iteration.
  const db = new Database(path);
  const writer = new Database(path);
  writer.pragma('synchronous = FULL');
  writer.exec('CREATE TABLE floor_states (subject_id TEXT PRIMARY KEY, score INTEGER, reasons TEXT) WITHOUT ROWID');
  const insert = writer.prepare('INSERT OR REPLACE INTO floor_states VALUES (?, ?, ?)');
  const started = performance.now();
  const write = writer.transaction((ids: string[]) => ids.forEach((id) => insert.run(id, 700, '[]')));
  let pending: string[] = [];
  for (const row of db.prepare('SELECT subject_id, type, attributes FROM record_revisions ORDER BY subject_id').iterate() as Iterable<{ subject_id: string }>) {
    if (pending[pending.length - 1] !== row.subject_id) pending.push(row.subject_id);
    if (pending.length >= 2000) {
      write(pending);
      pending = [];
    }
  }
  write(pending);
  const rate = subjects / ((performance.now() - started) / 1000);
  db.close();
  writer.close();
  return rate;
}
