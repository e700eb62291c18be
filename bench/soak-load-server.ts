import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '../src/app/api-keys.js';
import { initRegistry } from '../src/app/init-registry.js';
import { OPERATOR } from '../src/app/operator.js';
import { RegistryService } from '../src/app/registry-service.js';
import { activePolicy, openRegistry } from '../src/app/registry.js';
import { startServer } from '../src/http/start-server.js';
import { syntheticRecords } from './synthetic-records.js';

/**
 * The child process of `npm run soak`'s load test: the real server (startServer: checkpoint timer
 * and due-process scheduler included, rate limits off so the load is not refused) over a store
 * with a few thousand records; reports its url, keys and subjects over IPC, exits with its parent.
 */
export interface SoakServerReady {
  url: string;
  pid: number;
  keys: { admin: string; relying: string; furnisher: string };
  /** Identity numbers (for decisions) and registry ids (for reports) of the same subjects. */
  numbers: string[];
  ids: string[];
}

const dir = mkdtempSync(join(tmpdir(), 'xinyong-soak-'));
const databaseUrl = process.env.XY_SOAK_DATABASE_URL;
const options = { dbPath: join(dir, 'registry.db'), databaseUrl, masterKey: Buffer.alloc(32, 4).toString('base64') };
const registry = await openRegistry(options, true);
await initRegistry(registry);
const service = new RegistryService(registry, registry.audit, registry.signer);
const records = [...syntheticRecords(Number(process.env.XY_SOAK_RECORDS ?? 3000), 23)];
const loaded = await service.ingest(OPERATOR, records);
if (loaded.rejected > 0) throw new Error(`soak ingest rejected ${loaded.rejected}: ${JSON.stringify(loaded.errors.slice(0, 2))}`);
const numbers = [...new Set(records.flatMap((r) => {
  const s = r.subject as { kind: string; id: string };
  return s.kind === 'person' ? [s.id] : [];
}))].slice(0, 200);
const ids: string[] = [];
for (const subject of numbers) ids.push((await service.decide(OPERATOR, { subject, action: 'air_travel.purchase', purpose: 'soak_setup' })).subject);
const { policy } = await activePolicy(registry);
const keys = {
  admin: (await createApiKey(registry, policy, { role: 'admin' })).key,
  relying: (await createApiKey(registry, policy, { role: 'relying_party', actions: ['air_travel.purchase', 'rail.high_speed_purchase'], purposes: ['ticket_sale'] })).key,
  furnisher: (await createApiKey(registry, policy, { role: 'furnisher', source: 'court.enforcement' })).key,
};
await registry.close();

const server = await startServer({ ...options, port: 0, host: '127.0.0.1', rateLimit: false, logger: false, handleSignals: false, checkpointEveryMs: 5_000 });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.send?.({ url: server.url, pid: process.pid, keys, numbers, ids } satisfies SoakServerReady);
