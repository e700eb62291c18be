import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../src/core/access/api-key.js';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

const PERSON = '110105198001010016';
const ask = { subject: PERSON, action: 'air_travel.purchase', purpose: 'ticket_sale' };
const grant = { role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] };

let f: HttpFixture;

beforeAll(async () => {
  f = await httpFixture({ rateLimit: { max: 3, timeWindowMs: 60_000 }, keyCacheMs: 0 });
  const admin = await f.key({ role: 'admin' });
  const r = await f.call('POST', '/v1/records', admin, [{
    source: 'bank.icbc', ref: 'R-1', type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', subject: { kind: 'person', id: PERSON },
  }]);
  expect(r.statusCode).toBe(200);
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('rate limits and key revocation', () => {
  // First: once refused, a revoked key counts against the address, whose budget a later test spends.
  it('refuses a revoked key', async () => {
    const key = await f.key(grant);
    expect((await f.call('POST', '/v1/decisions', key, ask)).statusCode).toBe(200);
    expect(await f.registry.store.revokeApiKey(parseApiKey(key)!.id, '2026-06-01T00:00:00Z')).toBe(true);
    const r = await f.call('POST', '/v1/decisions', key, ask);
    expect(r.statusCode).toBe(401);
    expect(expectProblemShape(r).code).toBe('XY_UNAUTHENTICATED');
  });

  it('limits each key on its own: the request past the limit gets 429 with Retry-After', async () => {
    const first = await f.key(grant);
    const second = await f.key(grant);
    for (let i = 0; i < 3; i++) expect((await f.call('POST', '/v1/decisions', first, ask)).statusCode).toBe(200);
    const limited = await f.call('POST', '/v1/decisions', first, ask);
    expect(limited.statusCode).toBe(429);
    expect(expectProblemShape(limited).code).toBe('XY_RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await f.call('POST', '/v1/decisions', second, ask)).statusCode).toBe(200);
    // A guessed key id with a wrong secret counts against the caller's address, not the key's budget.
    const forged = `xyk_${parseApiKey(second)!.id}_${'A'.repeat(43)}`;
    expect((await f.call('POST', '/v1/decisions', forged, ask)).statusCode).toBe(401);
  });

  it('limits callers without a valid key by address, and never limits health probes', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await f.call('GET', '/v1/audit/checkpoint')).statusCode);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    for (let i = 0; i < 10; i++) expect((await f.call('GET', '/healthz')).statusCode).toBe(200);
    const unknown = await f.call('GET', '/v1/nowhere');
    expect(expectProblemShape(unknown).code).toBe('XY_RATE_LIMITED');
  });
});
