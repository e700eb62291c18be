import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsRecordStream } from '../src/adapters/stream-nats/nats-record-stream.js';
import { demoResidentId } from '../src/app/demo/demo-identities.js';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { CLI, cliBuilt, runCli } from './support/run-cli.js';

const NATS_URL = process.env.NATS_URL;
const DATABASE_URL = process.env.DATABASE_URL;
const title = (store: string) => NATS_URL
  ? `xinyong worker over NATS JetStream into ${store} (compiled CLI)`
  : `xinyong worker over NATS JetStream into ${store} (skipped: set NATS_URL, e.g. nats://127.0.0.1:4222)`;

const SUBJECTS = 300;
const REFS = 1700;
/** Refs that get a second, resolving revision: 3 in every 17, so 300 of them. */
const revised = (i: number) => i % 17 < 3;
const REVISIONS = REFS + Array.from({ length: REFS }, (_, i) => i).filter(revised).length;

/** 2,000 records for 300 people; a revision 2 follows its revision 1 about 40 records later. */
function records(): unknown[] {
  const random = new SeededRandom(6);
  const people = Array.from({ length: SUBJECTS }, (_, k) => demoResidentId(random, `19${60 + (k % 40)}-0${1 + (k % 9)}-1${k % 10}`, '110105'));
  const record = (i: number, revision: number) => ({
    source: 'court.enforcement', ref: `(2025)京0105执${i}号`, revision, type: 'judicial.dishonest_debtor',
    subject: { kind: 'person', id: people[i % SUBJECTS]!, name: `被执行人${i % SUBJECTS}` },
    occurredAt: '2025-03-01', severity: 'serious', amount: 1000 + i, status: revision === 1 ? 'active' : 'resolved',
    attributes: { court: '北京市朝阳区人民法院' },
  });
  const out: unknown[] = [];
  for (let i = 0; i < REFS + 40; i++) {
    if (i < REFS) out.push(record(i, 1));
    const j = i - 40;
    if (j >= 0 && revised(j)) out.push(record(j, 2));
    // Among them, records no retry can make acceptable: a number failing its check digit, a type no policy has.
    if (i % 130 === 7) out.push({ ...record(i, 1), ref: `bad-id-${i}`, subject: { kind: 'person', id: flipCheck(people[i % SUBJECTS]!) } });
    if (i % 400 === 11) out.push({ ...record(i, 1), ref: `bad-type-${i}`, type: 'opinion.online_posts' });
  }
  return out;
}

/** The same number with a wrong check character. */
const flipCheck = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
/** The refused records among `records()`: 14 with a bad number, 5 of an unknown type. */
const BAD = 14 + 5;

interface Worker {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string;
  exited: Promise<number | null>;
}

/** Read-only SQL on the store under test: the checks look at the tables themselves. */
interface StoreProbe {
  env: Record<string, string>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/** SQLite always; PostgreSQL too when DATABASE_URL is set (a schema of its own, dropped after). */
const stores: { name: string; open: (dir: string) => Promise<StoreProbe> }[] = [
  {
    name: 'SQLite',
    open: (dir) => {
      const env = { XINYONG_DB: join(dir, 'registry.db') };
      let db: Database.Database | undefined;
      return Promise.resolve({
        env,
        rows: <T>(sql: string) => {
          db ??= new Database(env.XINYONG_DB, { readonly: true, fileMustExist: true });
          return Promise.resolve(db.prepare(sql).all() as T[]);
        },
        close: () => {
          db?.close();
          return Promise.resolve();
        },
      });
    },
  },
  ...(DATABASE_URL ? [{
    name: 'PostgreSQL',
    open: async (dir: string) => {
      const schema = `xy_worker_${process.pid}_${Date.now() % 1e6}`;
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path = ${schema}`);
      const url = `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      return {
        env: { XINYONG_DB: join(dir, 'registry.db'), DATABASE_URL: url },
        rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
        close: async () => {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  }] : []),
];

for (const store of stores) {
  describe.skipIf(!NATS_URL || !cliBuilt)(title(store.name), () => {
    let dir = '';
    const suffix = `${process.pid}_${Date.now()}`;
    const streamName = `XINYONG_TEST_${suffix}`;
    const prefix = `xinyong_test.${suffix}`;
    let env: Record<string, string> = {};
    let probe: StoreProbe | undefined;
    const workers: Worker[] = [];
    let stream: NatsRecordStream | undefined;

    const startWorker = (): Worker => {
      const child = spawn(process.execPath, [CLI, '--json', 'worker', '--nats-url', NATS_URL!, '--stream', streamName,
        '--subject-prefix', prefix, '--batch', '50', '--ack-wait', '2', '--dead-letter-subject', `${prefix}-dead`,
        '--events-stream', `${streamName}_EVENTS`, '--events-prefix', `${prefix}-events`], { env: { PATH: process.env.PATH ?? '', ...env } });
      const w: Worker = { child, lines: [], stderr: '', exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        for (const p of parts) if (p.trim()) w.lines.push(JSON.parse(p) as Record<string, unknown>);
      });
      child.stderr!.on('data', (chunk: Buffer) => { w.stderr += chunk.toString('utf8'); });
      workers.push(w);
      return w;
    };

    const until = async (what: string, done: () => boolean | Promise<boolean>, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!(await done())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stderr: ${workers.map((w) => w.stderr).join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'xinyong-worker-'));
      probe = await store.open(dir);
      env = { ...probe.env, XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
      const init = runCli(['init', '--json'], env);
      expect(init.code, init.stderr).toBe(0);
      stream = await NatsRecordStream.open(NATS_URL!, { stream: streamName, subjectPrefix: prefix, deadLetterSubject: `${prefix}-dead` });
    });

    afterAll(async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await stream?.destroy();
      if (stream) await (await jetstreamManager(stream.connection)).streams.delete(`${streamName}_EVENTS`).catch(() => undefined);
      await stream?.close();
      await probe?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('stores every record exactly once, in order per subject, across two workers and a killed one', async () => {
      const published = records();
      expect(published).toHaveLength(2000 + BAD);
      await stream!.publish(published);
      await stream!.publish(published.slice(0, 100)); // sent twice: the stream keeps one copy

      const a = startWorker();
      const b = startWorker();
      await until('a first batch from worker A', () => a.lines.length > 0);
      a.child.kill('SIGKILL'); // mid-way: its batch in hand is redelivered after the ack wait
      expect(await a.exited).toBeNull();
      const again = startWorker();

      const count = async () => Number((await probe!.rows<{ n: number | string }>('SELECT count(*) AS n FROM record_revisions'))[0]!.n);
      await until('every revision stored', async () => (await count()) >= REVISIONS);
      // Let any redelivery land before stopping: nothing may be left pending on any consumer.
      await until('consumers drained', async () => (await pendingOnConsumers(stream!)) === 0, 10_000);
      expect(await count()).toBe(REVISIONS);

      for (const w of [b, again]) w.child.kill('SIGTERM');
      // 3: the worker stopped cleanly and refused some records on the way (dead-lettered, below).
      expect([0, 3], b.stderr).toContain(await b.exited);
      expect([0, 3], again.stderr).toContain(await again.exited);
      expect(b.lines.length + again.lines.length).toBeGreaterThan(0);
      // Every refused record set aside once, with its reason, however often its batch was delivered.
      const letters = await stream!.deadLetters(1000);
      expect(new Set(letters.map((l) => `${l.partition}/${l.seq}`)).size).toBe(BAD);
      const badIds = letters.filter((l) => l.ref?.startsWith('bad-id-'));
      expect(badIds).toHaveLength(14);
      // Mostly XY_ID_CHECKSUM; a flipped check character can make a valid USCC instead (XY_ID_KIND_MISMATCH).
      expect(badIds.every((l) => /^XY_ID_/.test(l.code) && l.message.length > 0)).toBe(true);
      expect(letters.filter((l) => l.ref?.startsWith('bad-type-')).map((l) => l.code)).toEqual(Array<string>(5).fill('XY_UNKNOWN_RECORD_TYPE'));
      const listed = runCli(['--json', 'dead-letters', '--nats-url', NATS_URL!, '--stream', streamName, '--subject-prefix', prefix], env);
      expect(JSON.parse(listed.stdout)).toHaveLength(BAD);

      // Every subject entered the debtors list once, announced on NATS (a redelivered batch announces nothing twice).
      const events = await eventsIn(stream!, `${streamName}_EVENTS`);
      const entered = events.filter((e) => e.type === 'list.entered' && e.list === 'dishonest_judgment_debtors');
      expect(new Set(entered.map((e) => e.subjectId)).size).toBe(SUBJECTS);
      expect(new Set(events.map((e) => `${e.type}/${e.subjectId}/${e.list}/${e.at}`)).size).toBe(events.length);
      expect(JSON.stringify(events)).not.toMatch(/\d{17}[\dX]/); // registry ids only, never an identity number

      const stats = runCli(['stats', '--json'], env);
      expect(JSON.parse(stats.stdout)).toMatchObject({ subjects: SUBJECTS, records: REFS, revisions: REVISIONS });

      // Revision 2 is the live one, and it was applied after revision 1 (UUIDv7 ids carry the write time).
      const rows = await probe!.rows<{ ref: string; revision: number; status: string; id: string }>('SELECT ref, revision, status, id FROM record_revisions ORDER BY ref, revision');
      const byRef = new Map<string, typeof rows>();
      for (const r of rows) byRef.set(r.ref, [...(byRef.get(r.ref) ?? []), r]);
      let twice = 0;
      for (const revs of byRef.values()) {
        if (revs.length === 1) {
          expect(revs[0]!.status).toBe('active');
          continue;
        }
        twice++;
        expect(revs.map((r) => [Number(r.revision), r.status])).toEqual([[1, 'active'], [2, 'resolved']]);
        const ms = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
        expect(ms(revs[1]!.id)).toBeGreaterThanOrEqual(ms(revs[0]!.id));
      }
      expect(twice).toBe(REVISIONS - REFS);

      // Each partition's batches committed in stream order, without overlap: the audit event of every
      // batch names the stream positions it applied. The one exception is a batch committed but not
      // acknowledged when its worker was killed: it comes again (from its first unacknowledged
      // message, maybe with more after it), and what was already applied comes back as duplicates.
      const batches = (await probe!.rows<{ detail: string }>(`SELECT detail FROM audit_events WHERE action = 'records.ingest' ORDER BY seq`))
        .map((e) => JSON.parse(e.detail) as { added: number; updated: number; duplicates: number; stream: { partition: number; firstSeq: number; lastSeq: number } });
      const previous = new Map<number, { firstSeq: number; lastSeq: number }>();
      let redelivered = 0;
      for (const batch of batches) {
        const { partition, firstSeq, lastSeq } = batch.stream;
        const before = previous.get(partition);
        if (before && firstSeq <= before.lastSeq) {
          redelivered++;
          expect(firstSeq).toBeGreaterThanOrEqual(before.firstSeq);
          expect(batch.duplicates).toBeGreaterThan(0);
        }
        if (!before || lastSeq > before.lastSeq) previous.set(partition, { firstSeq, lastSeq });
      }
      expect(redelivered).toBeLessThanOrEqual(8); // only the killed worker's batches, one per partition at most
      expect(batches.reduce((n, batch) => n + batch.added + batch.updated, 0)).toBe(REVISIONS);

      process.stdout.write(`worker on ${store.name}: published ${published.length} (+100 sent twice), worker A SIGKILLed after ${a.lines.length} batch(es); `
        + `stored ${SUBJECTS} subjects, ${REFS} records, ${REVISIONS} revisions; ${redelivered} batch(es) redelivered; ${letters.length} dead letters; `
        + `${entered.length} list entries announced\n`);
      const verify = runCli(['audit', 'verify'], env);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    }, 90_000);
  });
}

/** Every event in the list-changes stream. */
async function eventsIn(stream: NatsRecordStream, name: string): Promise<Array<{ type: string; subjectId: string; list: string; at: string }>> {
  const jsm = await jetstreamManager(stream.connection);
  const info = await jsm.streams.info(name);
  const out: Array<{ type: string; subjectId: string; list: string; at: string }> = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (m) out.push(m.json());
  }
  return out;
}

/** Messages not yet delivered or not yet acknowledged, over every partition's consumer. */
async function pendingOnConsumers(stream: NatsRecordStream): Promise<number> {
  return (await stream.backlog()).reduce((n, p) => n + p.pending + p.unacknowledged, 0);
}
