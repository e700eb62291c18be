import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createApiKey } from '../src/app/api-keys.js';
import { initRegistry } from '../src/app/init-registry.js';
import { RegistryService } from '../src/app/registry-service.js';
import { activePolicy, openRegistry } from '../src/app/registry.js';
import type { Principal } from '../src/core/access/authorize.js';
import { buildServer } from '../src/http/build-server.js';
import { syntheticRecords } from './synthetic-records.js';

/**
 * The child process of the HTTP bench (so the load generator does not share its event loop):
 * a registry with a few thousand synthetic records behind the real server, and a bare Fastify
 * server with one constant route beside it. Reports its ports over IPC; exits when the parent goes.
 */
export interface BenchServerReady {
  url: string;
  bareUrl: string;
  key: string;
  subjects: string[];
  actions: string[];
}

const RECORDS = Number(process.env.BENCH_HTTP_RECORDS ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'xinyong-http-bench-'));
// XY_BENCH_DATABASE_URL: serve from PostgreSQL (a fresh schema the parent made) instead of SQLite.
const databaseUrl = process.env.XY_BENCH_DATABASE_URL;
const registry = await openRegistry({ dbPath: join(dir, 'registry.db'), databaseUrl, masterKey: Buffer.alloc(32, 3).toString('base64') }, true);
await initRegistry(registry);
const service = new RegistryService(registry, registry.audit, registry.signer);
const operator: Principal = { id: 'bench', role: 'admin', source: null, subjectId: null, actions: [], purposes: [], label: null };
const records = [...syntheticRecords(RECORDS, 17)];
const loaded = await service.ingest(operator, records);
if (loaded.accepted !== RECORDS) throw new Error(`bench ingest accepted ${loaded.accepted} of ${RECORDS}: ${JSON.stringify(loaded.errors.slice(0, 2))}`);
const subjects = [...new Set(records.flatMap((r) => {
  const s = r.subject as { kind: string; id: string };
  return s.kind === 'person' ? [s.id] : [];
}))].slice(0, 500);
const actions = ['air_travel.purchase', 'rail.high_speed_purchase'];
const { policy } = await activePolicy(registry);
const { key } = await createApiKey(registry, policy, { role: 'relying_party', actions, purposes: ['ticket_sale'] });

const app = await buildServer({ service, rateLimit: false, logger: false });
const bare = Fastify();
bare.post('/bare', async () => ({ effect: 'allow' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([app.close(), bare.close()]);
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.send?.({ url, bareUrl, key, subjects, actions } satisfies BenchServerReady);
