import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiKey, type KeyRequest } from '../../src/app/api-keys.js';
import { initRegistry } from '../../src/app/init-registry.js';
import { RegistryService } from '../../src/app/registry-service.js';
import { activePolicy, openRegistry, type Registry } from '../../src/app/registry.js';
import { buildServer, type ServerOptions } from '../../src/http/build-server.js';

export interface HttpFixture {
  dir: string;
  registry: Registry;
  service: RegistryService;
  app: FastifyInstance;
  /** Every log line the server wrote (JSON, one per entry). */
  logs: string[];
  key(req: KeyRequest): Promise<string>;
  call(method: InjectOptions['method'], url: string, key?: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The bytes of every file of the store (database, WAL), for scanning after the fact. */
  storeBytes(): Buffer;
  close(): Promise<void>;
}

/** A fresh SQLite registry with the default policy behind a server driven by `inject` (no ports). */
export async function httpFixture(options: Omit<ServerOptions, 'service' | 'logger'> & { clock?: string } = {}): Promise<HttpFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-http-'));
  const registry = await openRegistry({
    dbPath: join(dir, 'registry.db'), masterKey: Buffer.alloc(32, 9).toString('base64'), clock: options.clock ?? '2026-06-01T00:00:00Z',
  }, true);
  await initRegistry(registry);
  const { policy } = await activePolicy(registry);
  const service = new RegistryService(registry, registry.audit, registry.signer);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      done();
    },
  });
  const app = await buildServer({ rateLimit: false, ...options, service, logger: { level: 'info', stream } });
  let closed = false;
  return {
    dir, registry, service, app, logs,
    key: async (req) => (await createApiKey(registry, policy, req)).key,
    call: (method, url, key, body, headers = {}) => {
      const json = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
      return app.inject({
        method, url,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body === undefined ? {} : { payload: json ? JSON.stringify(body) : (body as string | Buffer) }),
      });
    },
    storeBytes: () => Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('registry.db')).map((f) => readFileSync(join(dir, f)))),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await registry.close();
    },
  };
}

/** Removes the fixture's directory once it is closed. */
export function removeFixture(f: HttpFixture): void {
  rmSync(f.dir, { recursive: true, force: true });
}

/** What every error response must look like: problem+json with a code, and nothing of a stack. */
export function expectProblemShape(r: LightMyRequestResponse): Record<string, unknown> {
  if (!String(r.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${String(r.headers['content-type'])} ${r.statusCode}: ${r.body.slice(0, 200)}`);
  }
  if (/\n\s+at |"stack"/.test(r.body)) throw new Error(`stack trace leaked: ${r.body.slice(0, 300)}`);
  const body = JSON.parse(r.body) as Record<string, unknown>;
  if (typeof body.code !== 'string' || body.status !== r.statusCode || body.instance !== r.headers['x-request-id']) {
    throw new Error(`malformed problem: ${r.body.slice(0, 300)}`);
  }
  return body;
}
