import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../src/app/package-root.js';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

const ORG = '91110000600037341L';
const PERSON = '11010519491231002X';
const records = [
  {
    source: 'court.enforcement', ref: 'E-1', type: 'judicial.dishonest_debtor', occurredAt: '2025-06-01', severity: 'serious', amount: 800000,
    subject: { kind: 'org', id: ORG, name: '北京华信科技有限公司' }, attributes: { court: '北京市朝阳区人民法院' },
  },
  { source: 'market.samr', ref: 'LR-1', type: 'relation.legal_representative', occurredAt: '2020-01-01', subject: { kind: 'org', id: ORG, name: '北京华信科技有限公司' }, related: { kind: 'person', id: PERSON, name: '张三' } },
  { source: 'arbitration.bjac', ref: 'B-1', type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', subject: { kind: 'person', id: '110105198001010016', name: '张三丰' } },
];

let f: HttpFixture;
const web = mkdtempSync(join(tmpdir(), 'xinyong-web-'));
const keys = { admin: '', auditor: '', relying: '', subject: '' };
const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

beforeAll(async () => {
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>xinyong</title>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'xinyong-secret.txt'), 'secret');
  f = await httpFixture({ webDir: web });
  keys.admin = await f.key({ role: 'admin' });
  keys.auditor = await f.key({ role: 'auditor' });
  keys.relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
  expect(body(await f.call('POST', '/v1/records', keys.admin, records))).toMatchObject({ accepted: 3 });
  keys.subject = await f.key({ role: 'subject', subject: PERSON });
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
  rmSync(web, { recursive: true, force: true });
});

describe('dashboard API', () => {
  it('tells a key its own grant', async () => {
    expect(body(await f.call('GET', '/v1/me', keys.relying))).toMatchObject({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
    expect(body(await f.call('GET', '/v1/me', keys.subject))).toMatchObject({ role: 'subject', subjectId: expect.any(String) });
    expect((await f.call('GET', '/v1/me')).statusCode).toBe(401);
  });

  it('finds subjects by hanzi and pinyin prefix, pages them, and logs each one read', async () => {
    const first = await f.call('POST', '/v1/subjects/search', keys.admin, { query: '张三', purpose: 'review', limit: 1 });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = body(first) as { items: Array<{ id: string; name: string; identity: string }>; next: string };
    expect(page1.items.map((s) => s.name)).toEqual(['张三']);
    expect(page1.items[0]!.identity).not.toContain('19491231');
    const page2 = body(await f.call('POST', '/v1/subjects/search', keys.admin, { query: '张三', purpose: 'review', limit: 1, after: page1.next })) as typeof page1;
    expect(page2.items.map((s) => s.name)).toEqual(['张三丰']);
    const spoken = body(await f.call('POST', '/v1/subjects/search', keys.admin, { query: 'Zhang San', purpose: 'review' })) as typeof page1;
    expect(spoken.items.map((s) => s.name).sort()).toEqual(['张三', '张三丰']);
    const report = body(await f.call('GET', `/v1/subjects/${page1.items[0]!.id}/report`, keys.subject)) as { accessLog: Array<{ action: string; purpose: string }> };
    expect(report.accessLog).toContainEqual(expect.objectContaining({ action: 'subject.read', purpose: 'review' }));
    expect((await f.call('POST', '/v1/subjects/search', keys.admin, { query: 'li', purpose: 'review' })).body).toBe('{"items":[],"next":null}');
  });

  it('finds a subject by identity number (in the body) and by registry id', async () => {
    const byNumber = body(await f.call('POST', '/v1/subjects/search', keys.admin, { query: ORG, purpose: 'review' })) as { items: Array<{ id: string; name: string }> };
    expect(byNumber.items.map((s) => s.name)).toEqual(['北京华信科技有限公司']);
    const byId = body(await f.call('POST', '/v1/subjects/search', keys.admin, { query: byNumber.items[0]!.id, purpose: 'review' })) as typeof byNumber;
    expect(byId.items).toHaveLength(1);
    const bad = await f.call('POST', '/v1/subjects/search', keys.admin, { query: '110105194912310021', purpose: 'review' });
    expect(bad.statusCode).toBe(400);
    expect(expectProblemShape(bad)).toMatchObject({ code: 'XY_ID_CHECKSUM' });
  });

  it('refuses search to every key but an admin, and an admin without a purpose', async () => {
    for (const key of [keys.auditor, keys.relying, keys.subject]) {
      const r = await f.call('POST', '/v1/subjects/search', key, { query: '张', purpose: 'ticket_sale' });
      expect(r.statusCode).toBe(403);
      expectProblemShape(r);
    }
    expect(expectProblemShape(await f.call('POST', '/v1/subjects/search', keys.admin, { query: '张' }))).toMatchObject({ code: 'XY_PURPOSE_REQUIRED' });
  });

  it('pages a list, counts the population for admins and auditors, and shows the policy', async () => {
    const list = body(await f.call('GET', '/v1/lists/dishonest_judgment_debtors/entries?purpose=review', keys.admin)) as { items: Array<{ subject: { name: string } }> };
    expect(list.items.map((e) => e.subject.name)).toEqual(['北京华信科技有限公司']);
    expect((await f.call('GET', '/v1/lists/no_such_list/entries?purpose=review', keys.admin)).statusCode).toBe(404);
    expect((await f.call('GET', '/v1/lists/dishonest_judgment_debtors/entries?purpose=ticket_sale', keys.relying)).statusCode).toBe(403);
    const overview = body(await f.call('GET', '/v1/overview', keys.auditor)) as { subjects: number; lists: Array<{ list: string; count: number }>; recordsBySource: Array<{ source: string }> };
    expect(overview.subjects).toBe(3);
    expect(overview.lists.find((l) => l.list === 'dishonest_judgment_debtors')?.count).toBe(1);
    expect(overview.recordsBySource.map((r) => r.source).sort()).toEqual(['arbitration.bjac', 'court.enforcement']);
    expect((await f.call('GET', '/v1/overview', keys.relying)).statusCode).toBe(403);
    const policy = body(await f.call('GET', '/v1/policy', keys.auditor));
    expect(policy).toMatchObject({ name: 'xinyong-default', version: expect.stringMatching(/^sha256:/) });
  });

  it('simulates a candidate policy for an admin and explains an invalid one', async () => {
    const text = readFileSync(defaultPolicyPath(), 'utf8').replace(/^name: xinyong-default$/m, 'name: xinyong-candidate');
    const sim = await f.call('POST', '/v1/policy/simulations', keys.admin, { yaml: text });
    expect(sim.statusCode, sim.body).toBe(200);
    expect(body(sim)).toMatchObject({ subjects: 3, grades: { changed: 0 } });
    const bad = await f.call('POST', '/v1/policy/simulations', keys.admin, { yaml: 'name: [' });
    expect(bad.statusCode).toBe(400);
    expect(expectProblemShape(bad).detail).toMatch(/not valid/);
    expect((await f.call('POST', '/v1/policy/simulations', keys.auditor, { yaml: text })).statusCode).toBe(403);
  });
});

describe('dashboard files', () => {
  it('serves index.html revalidated and hashed assets cached, with a strict content security policy', async () => {
    const index = await f.call('GET', '/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    const asset = await f.call('GET', '/assets/app-abc123.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.body).toBe('console.log(1)');
  });

  it('serves nothing outside its folder', async () => {
    for (const url of ['/assets/..%2F..%2Fxinyong-secret.txt', '/assets/../index.html', '/assets/%2e%2e', '/assets/missing.js', '/../xinyong-secret.txt']) {
      const r = await f.call('GET', url);
      // The router may resolve a dot segment to "/" (the index); it never reaches outside the folder.
      if (r.statusCode !== 404) expect(r.body, url).toBe('<!doctype html><title>xinyong</title>');
      expect(r.body).not.toContain('secret');
    }
  });
});
