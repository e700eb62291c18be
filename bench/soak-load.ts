import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { stopChild } from './http-bench.js';
import { withSchema } from './postgres-bench.js';
import type { SoakServerReady } from './soak-load-server.js';

/** The part of autocannon's programmatic API used here (it ships no types). */
interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: { url: string; connections: number; duration: number; requests: CannonRequest[] }) => Promise<CannonResult>;

const SECONDS = Number(process.env.XY_SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.XY_SOAK_CONNECTIONS ?? 8);
/** The last third's mean RSS may exceed the first third's by this factor before it counts as growth. */
const FLAT = 1.25;

/**
 * Issue 10, item 7 (`npm run soak`): 60 s of mixed load — ingest, decisions and reports in turn
 * on every connection — against the real server over SQLite, and over PostgreSQL when
 * DATABASE_URL is set (a schema of its own). Pass: zero errors and non-2xx answers; p99 reported;
 * the server's RSS sampled each second and flat (mean of the last third within 25% of the first).
 */
async function soak(label: string, databaseUrl?: string): Promise<boolean> {
  const env = { ...process.env, ...(databaseUrl ? { XY_SOAK_DATABASE_URL: databaseUrl } : {}) };
  const child = fork(fileURLToPath(new URL('./soak-load-server.js', import.meta.url)), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => { throw new Error('soak server exited early'); })])) as [SoakServerReady];
    let n = 0;
    const json = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
    const pick = <T>(list: T[]) => list[n++ % list.length] as T;
    const requests: CannonRequest[] = [
      {
        method: 'POST', path: '/v1/records', headers: json(ready.keys.furnisher),
        setupRequest: (req) => ({ ...req, body: JSON.stringify([{ source: 'court.enforcement', ref: `SOAK-${process.pid}-${n++}`, type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', subject: { kind: 'person', id: pick(ready.numbers) } }]) }),
      },
      {
        method: 'POST', path: '/v1/decisions', headers: json(ready.keys.relying),
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ subject: pick(ready.numbers), action: n % 2 ? 'air_travel.purchase' : 'rail.high_speed_purchase', purpose: 'ticket_sale' }) }),
      },
      { method: 'GET', path: '/v1/subjects/x/report', headers: { authorization: `Bearer ${ready.keys.admin}` }, setupRequest: (req) => ({ ...req, path: `/v1/subjects/${pick(ready.ids)}/report?purpose=supervision` }) },
    ];
    // Warm-up (JIT, caches, pools), not measured: the RSS of a cold server rises before it settles.
    await autocannon({ url: ready.url, connections: CONNECTIONS, duration: 5, requests });
    const rss: number[] = [];
    const sampler = setInterval(() => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${ready.pid}/status`, 'utf8'));
      if (m) rss.push(Number(m[1]) / 1024);
    }, 1000);
    const r = await autocannon({ url: ready.url, connections: CONNECTIONS, duration: SECONDS, requests });
    clearInterval(sampler);
    const third = Math.max(1, Math.floor(rss.length / 3));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    const [first, last] = [mean(rss.slice(0, third)), mean(rss.slice(-third))];
    const flat = last <= first * FLAT;
    const ok = r.errors === 0 && r.non2xx === 0 && r.timeouts === 0 && flat;
    console.log(`[soak] load on ${label}: ${SECONDS} s, ${CONNECTIONS} connections, ${r.requests.total} requests (${r.requests.average.toFixed(0)}/s) ingest+decision+report; errors ${r.errors}, non-2xx ${r.non2xx}, timeouts ${r.timeouts}; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
    console.log(`[soak] server RSS on ${label}: ${rss.length} samples, first third ${first.toFixed(1)} MiB, last third ${last.toFixed(1)} MiB (x${(last / first).toFixed(2)}; flat means <= x${FLAT}): ${flat ? 'flat' : 'GROWING'}; min ${Math.min(...rss).toFixed(1)}, max ${Math.max(...rss).toFixed(1)} MiB`);
    console.log(`[soak] server RSS on ${label} every 10 s (MiB): ${rss.filter((_, i) => i % 10 === 0).map((v) => v.toFixed(0)).join(' ')}`);
    return ok;
  } finally {
    await stopChild(child, 10_000);
  }
}


const results = [await soak('SQLite')];
if (process.env.DATABASE_URL) results.push(await withSchema(process.env.DATABASE_URL, 'soak', (url) => soak('PostgreSQL', url)));
else console.log('[soak] load on PostgreSQL skipped: DATABASE_URL is not set');
process.exitCode = results.every(Boolean) ? 0 : 1;
