import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsRecordStream } from '../src/adapters/stream-nats/nats-record-stream.js';
import { packageRoot } from '../src/app/package-root.js';
import type { BenchFigure } from './ingest-bench.js';
import { withSchema } from './postgres-bench.js';

const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const MASTER_KEY = Buffer.alloc(32, 5).toString('base64');

/**
 * End-to-end stream ingest: records already in a JetStream stream, `xinyong worker` processes (1,
 * then 2) applying them into PostgreSQL with scores, lists and list-change announcements, timed from
 * the workers' start to the last revision committed. Beside the same records ingested from a file
 * in one process in real-time mode (`baselineRate`, measured by the caller in the same run).
 */
export async function streamBench(databaseUrl: string, natsUrl: string, rows: Record<string, unknown>[], dir: string,
  baseline: { name: string; value: number }): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  let one = 0;
  for (const workers of [1, 2]) {
    const rate = await withSchema(databaseUrl, `stream${workers}`, (url) => runWorkers(url, natsUrl, rows, dir, workers));
    if (workers === 1) one = rate;
    figures.push({
      name: `stream ingest ${rows.length.toLocaleString('en')} records, NATS JetStream -> ${workers} xinyong worker${workers > 1 ? 's' : ''} -> PostgreSQL (scores, lists, announcements)`,
      value: rate, unit: 'records/s', baseline, ratio: rate / baseline.value,
      ...(workers > 1 ? { also: { name: '1 worker, same run', value: one } } : {}),
    });
  }
  return figures;
}

async function runWorkers(schemaUrl: string, natsUrl: string, rows: Record<string, unknown>[], dir: string, workers: number): Promise<number> {
  const tag = `BENCH_${process.pid}_${workers}`;
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: schemaUrl, XINYONG_DB: join(dir, `stream-${workers}`, 'unused.db'), XINYONG_MASTER_KEY: MASTER_KEY };
  const init = spawnSync(process.execPath, [CLI, 'init'], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  const prefix = `xinyong_bench.${tag}`;
  const stream = await NatsRecordStream.open(natsUrl, { stream: tag, subjectPrefix: prefix, deadLetterSubject: `${prefix}-dead` });
  const children: ChildProcess[] = [];
  const db = new pg.Client({ connectionString: schemaUrl });
  await db.connect();
  try {
    await stream.publish(rows);
    const started = performance.now();
    for (let i = 0; i < workers; i++) {
      const child = spawn(process.execPath, [CLI, 'worker', '--nats-url', natsUrl, '--stream', tag, '--subject-prefix', prefix,
        '--dead-letter-subject', `${prefix}-dead`, '--events-stream', `${tag}_EVENTS`, '--events-prefix', `${prefix}-events`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
      child.once('exit', (code) => { if (code !== 0 && code !== null) process.stderr.write(`bench worker exited ${code}: ${stderr}\n`); });
      children.push(child);
    }
    for (;;) {
      const { rows: [r] } = await db.query<{ n: string }>('SELECT count(*) AS n FROM record_revisions');
      if (Number(r!.n) >= rows.length) break;
      if (children.every((c) => c.exitCode !== null)) throw new Error('every bench worker exited before the stream was applied');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(children.map(async (c) => {
      if (c.exitCode !== null) return;
      c.kill('SIGTERM');
      await once(c, 'exit');
    }));
    await db.end();
    await (await jetstreamManager(stream.connection)).streams.delete(`${tag}_EVENTS`).catch(() => undefined);
    await stream.destroy();
    await stream.close();
  }
}
