import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.js';
import { activePolicy, openRegistry } from '../../src/app/registry.js';
import { cliBuilt } from '../support/run-cli.js';
import { CLOCK, checkStore, crashRecords, crashStore, keyOf, MASTER, prng, sleep, spawnCli, type CrashStore, type Rec } from './crash-harness.js';
import { DATABASE_URL, SOAK } from './reliability-support.js';

/**
 * Issue 10, item 1, over HTTP: `xinyong serve` runs as a child process while two clients post
 * batches of records; the server is SIGKILLed at a random moment with requests in flight, started
 * again, and every batch without a 200 is sent again. A batch committed whose answer was lost
 * comes back as duplicates. Pass: nothing acknowledged lost, nothing duplicated, integrity ok,
 * audit chain intact, after every kill and at the end.
 */
const KILLS = SOAK ? 25 : 2;
const BATCHES = SOAK ? 150 : 24;
const BATCH = 25;
const SEED = Number(process.env.XY_CRASH_SEED ?? 20260602);
const stores = [undefined, ...(DATABASE_URL ? [DATABASE_URL] : [])];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function furnisherKey(store: CrashStore): Promise<string> {
  const registry = await openRegistry({ dbPath: store.env.XINYONG_DB!, databaseUrl: store.url, masterKey: MASTER, clock: CLOCK });
  try {
    return (await createApiKey(registry, (await activePolicy(registry)).policy, { role: 'furnisher', source: 'court.enforcement' })).key;
  } finally {
    await registry.close();
  }
}

/** Start `xinyong serve` and wait until it answers /readyz. */
async function serve(store: CrashStore) {
  const port = await freePort();
  const proc = spawnCli(['serve', '--port', String(port)], store.env);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.child.exitCode !== null) throw new Error(`serve exited: ${(await proc.done).stderr}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { ...proc, base };
    await sleep(50);
  }
  throw new Error('serve did not become ready');
}

for (const url of stores) {
  describe.skipIf(!cliBuilt)(`crash safety of HTTP ingest on ${url ? 'PostgreSQL' : 'SQLite'}`, () => {
    it(`loses and duplicates nothing across ${KILLS} SIGKILLs of the server (seed ${SEED})`, async () => {
      const store = await crashStore(url);
      const rand = prng(SEED);
      // Each server life gets its share of fresh batches besides the unanswered ones, so every planned kill lands mid-stream.
      const perLife = Math.ceil(BATCHES / (KILLS + 1));
      const all = crashRecords((BATCHES + perLife) * BATCH, 'http');
      const batches: Rec[][] = [];
      for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
      const acked = new Set<string>();
      const pending = new Set<number>();
      const problems: string[] = [];
      let kills = 0;
      let lostAnswers = 0;
      let next = 0;
      try {
        const key = await furnisherKey(store);
        while (pending.size > 0 || kills < KILLS || next < BATCHES) {
          for (let i = 0; i < perLife && next < batches.length; i++) pending.add(next++);
          const server = await serve(store);
          let down = false;
          const killing = kills < KILLS;
          const kill = () => {
            down = true;
            server.child.kill('SIGKILL');
          };
          // A random point: after 0 to perLife - 1 answered batches and a few ms more, with requests in flight.
          const killAfter = Math.floor(rand() * perLife);
          let answered = 0;
          if (killing && killAfter === 0) void sleep(rand() * 300).then(kill);
          const queue = [...pending];
          const worker = async () => {
            for (let b = queue.shift(); b !== undefined && !down; b = queue.shift()) {
              const r = await fetch(`${server.base}/v1/records`, {
                method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(batches[b]),
              }).then(async (res) => ({ status: res.status, body: await res.text() }), () => undefined);
              if (!r) {
                lostAnswers++;
                continue;
              }
              if (r.status !== 200) {
                problems.push(`batch ${b}: ${r.status} ${r.body.slice(0, 200)}`);
                continue;
              }
              const summary = JSON.parse(r.body) as { rejected: number };
              if (summary.rejected !== 0) problems.push(`batch ${b}: ${r.body.slice(0, 200)}`);
              for (const rec of batches[b]!) acked.add(keyOf(rec));
              pending.delete(b);
              if (killing && ++answered === killAfter) void sleep(rand() * 20).then(kill);
            }
          };
          await Promise.all([worker(), worker()]);
          if (killing) {
            if (!down) kill();
            await server.done;
            kills++;
            const check = await checkStore(store, acked);
            if (check.missing.length) problems.push(`after kill ${kills}: ${check.missing.length} acknowledged revisions missing`);
            if (check.integrity !== 'ok') problems.push(`after kill ${kills}: integrity ${check.integrity}`);
            if (!check.auditOk) problems.push(`after kill ${kills}: audit ${check.auditProblems.join('; ')}`);
          } else {
            server.child.kill('SIGTERM');
            await server.done;
          }
        }
        const sent = batches.slice(0, next).flat();
        const end = await checkStore(store, acked);
        const refs = new Set(sent.map((r) => `${r.source}|${r.ref}`));
        console.log(`[reliability] HTTP crash on ${store.name}: ${kills} kills survived; ${lostAnswers} requests cut off and resent; ${acked.size} revisions acknowledged, ${end.missing.length} lost, ${end.revisions - sent.length} duplicates; integrity ${end.integrity}; audit ${end.auditOk ? 'ok' : 'BROKEN'}`);
        expect(problems).toEqual([]);
        expect(kills).toBe(KILLS);
        expect(end).toMatchObject({ missing: [], records: refs.size, revisions: sent.length, integrity: 'ok', auditOk: true });
      } finally {
        await store.dispose();
      }
    }, SOAK ? 900_000 : 120_000);
  });
}
