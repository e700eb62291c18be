import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { initRegistry } from '../src/app/init-registry.js';
import { openRegistry, type Registry } from '../src/app/registry.js';
import { copyLine } from '../src/adapters/store-postgres/copy-rows.js';
import { timedIngestInto, type BenchFigure } from './ingest-bench.js';

/** A URL whose connections use `schema` (created by the caller) as their search path. */
export const inSchema = (url: string, schema: string) =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/** Run `work` on a fresh schema of the database at `url`, dropped afterwards. */
export async function withSchema<T>(url: string, name: string, work: (schemaUrl: string) => Promise<T>): Promise<T> {
  const schema = `xy_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    return await work(inSchema(url, schema));
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

/** A registry on a fresh PostgreSQL schema, initialised with the default policy. */
export async function openPostgresRegistry(schemaUrl: string, keyDir: string): Promise<Registry> {
  const registry = await openRegistry({ dbPath: `${keyDir}/unused.db`, databaseUrl: schemaUrl, masterKey: Buffer.alloc(32, 7).toString('base64') }, true);
  await initRegistry(registry);
  return registry;
}

/**
 * PostgreSQL ingest through the full pipeline (`ingestRecords` into `PostgresStore`) beside a raw
 * COPY of the same rows into a one-key table on the same server, in the same run.
 */
export async function postgresIngestBench(url: string, file: string, rows: Record<string, unknown>[], keyDir: string): Promise<BenchFigure[]> {
  const count = rows.length;
  const copy = await withSchema(url, 'copy', (u) => rawCopyRate(u, rows));
  const baseline = { name: 'raw COPY of the same rows into a one-key table (pg-copy-streams)', value: copy };
  const bulk = await withSchema(url, 'bulk', (u) => timedIngest(u, keyDir, file, count, false));
  const live = await withSchema(url, 'live', (u) => timedIngest(u, keyDir, file, count, true));
  const label = `ingest ${count.toLocaleString('en')} records (JSONL file -> PostgreSQL, full pipeline`;
  return [
    { name: `${label}, bulk: --defer-derive)`, value: bulk, unit: 'records/s', baseline, ratio: bulk / copy, goal: '>= 0.30' },
    { name: `${label}, real time: scores and lists updated in each batch)`, value: live, unit: 'records/s', baseline, ratio: live / copy },
  ];
}

async function timedIngest(schemaUrl: string, keyDir: string, file: string, count: number, derive: boolean): Promise<number> {
  const registry = await openPostgresRegistry(schemaUrl, keyDir);
  try {
    return await timedIngestInto(registry, file, count, derive);
  } finally {
    await registry.close();
  }
}

/** The baseline: the same rows in one COPY into a table with only the furnisher's key, committed. */
async function rawCopyRate(schemaUrl: string, rows: Record<string, unknown>[]): Promise<number> {
  const client = new pg.Client({ connectionString: schemaUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE raw_records (source text NOT NULL, ref text NOT NULL, revision integer NOT NULL, type text NOT NULL,
      subject_kind text NOT NULL, subject_id text NOT NULL, occurred_at text NOT NULL, severity text, amount float8,
      status text NOT NULL, attributes json NOT NULL, UNIQUE (source, ref, revision))`);
    const started = performance.now();
    await client.query('BEGIN');
    const lines = function* () {
      for (const r of rows) {
        const s = r.subject as { kind: string; id: string };
        yield copyLine([r.source, r.ref, r.revision, r.type, s.kind, s.id, r.occurredAt, r.severity, r.amount, r.status, JSON.stringify(r.attributes)]);
      }
    };
    await pipeline(Readable.from(lines()), client.query(copyFrom('COPY raw_records FROM STDIN')));
    await client.query('COMMIT');
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}
