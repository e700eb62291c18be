import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { withoutCredentials } from '../src/app/stream/stream-unreachable.js';
import { httpBench } from './http-bench.js';
import type { BenchFigure } from './ingest-bench.js';
import { postgresIngestBench, withSchema } from './postgres-bench.js';
import { syntheticRecordsFile } from './records-file.js';
import { streamBench } from './stream-bench.js';

/**
 * The figures of the path past one machine: PostgreSQL ingest beside raw COPY, stream ingest with 1
 * and 2 workers, decisions over HTTP served from PostgreSQL. DATABASE_URL and NATS_URL default to
 * the local servers; a part whose server is unreachable is skipped with the reason.
 */
export async function postgresSuite(print: (f: BenchFigure) => void, parts: { postgres: boolean; stream: boolean }): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const pgDown = await unreachable(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.end();
  }, databaseUrl);
  if (pgDown) {
    process.stdout.write(`PostgreSQL benchmarks skipped: ${pgDown}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-pg-bench-'));
  try {
    const { file, rows } = await syntheticRecordsFile(dir, Number(process.env.BENCH_PG_RECORDS ?? 200_000));
    const [bulk, live] = await postgresIngestBench(databaseUrl, file, rows, dir);
    if (parts.postgres) [bulk!, live!].forEach(print);
    if (parts.stream) {
      const natsDown = await unreachable(() => connect({ servers: natsUrl, timeout: 2000 }).then((nc) => nc.close()), natsUrl);
      if (natsDown) process.stdout.write(`stream benchmarks skipped: ${natsDown}\n`);
      else {
        const slice = rows.slice(0, Number(process.env.BENCH_STREAM_RECORDS ?? 30_000));
        const baseline = { name: `real-time file ingest of ${rows.length.toLocaleString('en')} such records in one process, same run`, value: live!.value };
        (await streamBench(databaseUrl, natsUrl, slice, dir, baseline)).forEach(print);
      }
    }
    if (parts.postgres) (await withSchema(databaseUrl, 'http', (url) => httpBench({ databaseUrl: url }))).forEach(print);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function unreachable(probe: () => Promise<unknown>, url: string): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (e) {
    return `${withoutCredentials(url)} is unreachable (${e instanceof Error ? e.message : String(e)})`;
  }
}
