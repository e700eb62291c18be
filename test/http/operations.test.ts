import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { initRegistry } from '../../src/app/init-registry.js';
import type { RegistryService } from '../../src/app/registry-service.js';
import { activePolicy, openRegistry } from '../../src/app/registry.js';
import { createApiKey } from '../../src/app/api-keys.js';
import type { Principal } from '../../src/core/access/authorize.js';
import { buildServer } from '../../src/http/build-server.js';
import { startServer } from '../../src/http/start-server.js';
import { expectProblemShape } from './http-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-http-ops-'));
const masterKey = Buffer.alloc(32, 5).toString('base64');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('operations', () => {
  it('is not ready (503 problem) while the store has no active policy', async () => {
    const registry = await openRegistry({ dbPath: join(dir, 'empty.db'), masterKey }, true);
    await registry.store.migrate();
    const app = await buildServer({ service: { registry } as unknown as RegistryService });
    const r = await app.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(expectProblemShape(r).code).toBe('XY_STORE_NO_POLICY');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
    await registry.close();
    const closed = await buildServer({ service: { registry } as unknown as RegistryService });
    expect(expectProblemShape(await closed.inject({ method: 'GET', url: '/readyz' })).code).toBe('XY_STORE_UNAVAILABLE');
    await closed.close();
  });

  it('answers an unexpected error with a bare 500 XY_INTERNAL, the cause only in the server log', async () => {
    const registry = await openRegistry({ dbPath: join(dir, 'boom.db'), masterKey }, true);
    await initRegistry(registry);
    const principal: Principal = { id: 'k', role: 'admin', source: null, subjectId: null, actions: [], purposes: [], label: null };
    const logs: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, done) => { logs.push(c.toString()); done(); } });
    const service = {
      registry,
      decide: async () => { throw new TypeError('secret internals at /srv/xinyong/db.ts:42'); },
    } as unknown as RegistryService;
    const app = await buildServer({ service, logger: { stream } });
    app.addHook('onRequest', async (request) => { request.principal = principal; });
    const r = await app.inject({ method: 'POST', url: '/v1/decisions', payload: { subject: 'x', action: 'y', purpose: 'z' } });
    expect(r.statusCode).toBe(500);
    expect(expectProblemShape(r)).toMatchObject({ code: 'XY_INTERNAL' });
    expect(r.body).not.toContain('secret internals');
    expect(logs.join('')).toContain('secret internals');
    await app.close();
    await registry.close();
  });

  it('starts a server that checkpoints the audit log when it closes', async () => {
    const dbPath = join(dir, 'serve.db');
    const setup = await openRegistry({ dbPath, masterKey }, true);
    await initRegistry(setup);
    const { key } = await createApiKey(setup, (await activePolicy(setup)).policy, { role: 'admin' });
    await setup.close();
    const server = await startServer({ dbPath, masterKey, port: 0, host: '127.0.0.1', logger: false, handleSignals: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const record = { source: 'bank.icbc', ref: 'S-1', type: 'commercial.contract_breach', occurredAt: '2025-01-10', severity: 'general', subject: { kind: 'person', id: '110105198001010016' } };
    const ingest = await server.app.inject({ method: 'POST', url: '/v1/records', headers: { authorization: `Bearer ${key}` }, payload: [record] });
    expect(JSON.parse(ingest.body)).toMatchObject({ accepted: 1 });
    await server.close();
    await server.close();
    const after = await openRegistry({ dbPath, masterKey });
    const [size, checkpoint] = [await after.audit.size(), await after.audit.latestCheckpoint()];
    await after.close();
    expect(size).toBeGreaterThan(0);
    expect(checkpoint?.treeSize).toBe(size);
  });
});
