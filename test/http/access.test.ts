import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, verifyInclusion } from '../../src/core/audit/merkle-tree.js';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

const ORG = '91110000600037341L';
const REP = '11010519491231002X';
const OTHER = '110105198001010016';
const ORG_NAME = '北京华信科技有限公司';
const debt = {
  source: 'court.enforcement', ref: '(2025)京0105执123号', type: 'judicial.dishonest_debtor', occurredAt: '2025-06-01',
  severity: 'serious', amount: 800000, subject: { kind: 'org', id: ORG, name: ORG_NAME }, attributes: { court: '北京市朝阳区人民法院' },
};
const representative = {
  source: 'market.samr', ref: 'LR-1', type: 'relation.legal_representative', occurredAt: '2020-01-01',
  subject: { kind: 'org', id: ORG, name: ORG_NAME }, related: { kind: 'person', id: REP, name: '张三' },
};
const breach = (ref: string, source = 'arbitration.bjac') => ({
  source, ref, type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', subject: { kind: 'person', id: OTHER, name: '李四' },
});

let f: HttpFixture;
const keys = { admin: '', auditor: '', furnisher: '', relying: '', subject: '' };
const ids = { rep: '', other: '' };
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

beforeAll(async () => {
  f = await httpFixture();
  keys.admin = await f.key({ role: 'admin' });
  keys.auditor = await f.key({ role: 'auditor' });
  keys.furnisher = await f.key({ role: 'furnisher', source: 'arbitration.bjac' });
  keys.relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase', 'rail.high_speed_purchase'], purposes: ['ticket_sale'] });
  const loaded = await f.call('POST', '/v1/records', keys.admin, [debt, representative]);
  expect(loaded.statusCode, loaded.body).toBe(200);
  expect(json(loaded.body)).toMatchObject({ accepted: 2, rejected: 0 });
  keys.subject = await f.key({ role: 'subject', subject: REP });
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('HTTP access', () => {
  it('refuses requests without a key or with a bad one (401 problem, WWW-Authenticate)', async () => {
    const url = '/v1/subjects/0199b3a0-0000-7000-8000-000000000000';
    const none = await f.call('GET', url);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(expectProblemShape(none)).toMatchObject({ code: 'XY_UNAUTHENTICATED', type: 'https://xinyong.dev/problems/XY_UNAUTHENTICATED' });
    const forged = `${keys.admin.slice(0, -4)}AAAA`;
    for (const bad of ['nonsense', 'xyk_0123456789abcdef_' + 'a'.repeat(43), forged]) {
      const r = await f.call('GET', url, bad);
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      expectProblemShape(r);
    }
    const basic = await f.call('GET', url, undefined, undefined, { authorization: `Basic ${keys.admin}` });
    expect(basic.statusCode).toBe(401);
  });

  it('lets a furnisher write only its own source: a record for another source is refused on its line, the rest stored', async () => {
    const outsideGrant = { ...breach('C-5'), type: 'financial.loan_repaid' };
    const r = await f.call('POST', '/v1/records', keys.furnisher, [breach('C-1'), breach('C-2', 'court.enforcement'), breach('C-3'), outsideGrant]);
    expect(r.statusCode).toBe(200);
    const summary = json(r.body);
    expect(summary).toMatchObject({ accepted: 2, rejected: 2, errors: [{ line: 2, code: 'XY_FORBIDDEN' }, { line: 4, code: 'XY_FORBIDDEN' }] });
    const ndjson = [JSON.stringify(breach('C-4')), '', '{"source": "arbitration.bjac", ', JSON.stringify(breach('C-1')), '\r'].join('\n');
    const lines = await f.call('POST', '/v1/records', keys.furnisher, ndjson, { 'content-type': 'application/x-ndjson' });
    expect(lines.statusCode).toBe(200);
    expect(json(lines.body)).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1, errors: [{ line: 3, code: 'XY_RECORD_JSON' }] });
    const asRelying = await f.call('POST', '/v1/records', keys.relying, [breach('C-9')]);
    expect(asRelying.statusCode).toBe(403);
    expect(expectProblemShape(asRelying).code).toBe('XY_FORBIDDEN');
  });

  it('answers a relying party within its actions and purposes, and refuses outside them', async () => {
    const allowed = await f.call('POST', '/v1/decisions', keys.relying, { subject: REP, action: 'air_travel.purchase', purpose: 'ticket_sale' });
    expect(allowed.statusCode, allowed.body).toBe(200);
    const decision = json(allowed.body) as { subject: string; effect: string; measures: Array<{ legalBasis: string; remedy: string }> };
    expect(decision.effect).toBe('deny');
    expect(decision.measures[0]?.legalBasis).toMatch(/\S/);
    expect(allowed.body).not.toContain(REP);
    ids.rep = decision.subject;
    const other = await f.call('POST', '/v1/decisions', keys.relying, { subject: OTHER, action: 'rail.high_speed_purchase', purpose: 'ticket_sale' });
    expect(json(other.body)).toMatchObject({ effect: 'allow' });
    ids.other = String(json(other.body).subject);

    const noPurpose = await f.call('POST', '/v1/decisions', keys.relying, { subject: REP, action: 'air_travel.purchase' });
    expect(noPurpose.statusCode).toBe(403);
    expect(expectProblemShape(noPurpose).code).toBe('XY_PURPOSE_REQUIRED');
    const otherPurpose = await f.call('POST', '/v1/decisions', keys.relying, { subject: REP, action: 'air_travel.purchase', purpose: 'marketing' });
    expect(expectProblemShape(otherPurpose)).toMatchObject({ status: 403, code: 'XY_PURPOSE_NOT_ALLOWED' });
    const otherAction = await f.call('POST', '/v1/decisions', keys.relying, { subject: REP, action: 'procurement.bid', purpose: 'ticket_sale' });
    expect(expectProblemShape(otherAction)).toMatchObject({ status: 403, code: 'XY_FORBIDDEN' });
    const report = await f.call('GET', `/v1/subjects/${ids.rep}/report?purpose=ticket_sale`, keys.relying);
    expect(expectProblemShape(report)).toMatchObject({ status: 403, code: 'XY_FORBIDDEN' });
  });

  it('shows a subject its own report unmasked, with who asked about it and why; another file is not found', async () => {
    const own = await f.call('GET', `/v1/subjects/${ids.rep}/report`, keys.subject);
    expect(own.statusCode, own.body).toBe(200);
    const report = json(own.body) as { subject: { identity: string }; accessLog: Array<Record<string, unknown>>; relations: unknown[] };
    expect(report.subject.identity).toBe(REP);
    expect(report.relations).toHaveLength(1);
    expect(report.accessLog).toContainEqual(expect.objectContaining({ role: 'relying_party', action: 'decision', purpose: 'ticket_sale' }));
    const view = await f.call('GET', `/v1/subjects/${ids.rep.toUpperCase()}`, keys.subject);
    expect(json(view.body)).toMatchObject({ id: ids.rep, identity: REP });
    const score = await f.call('GET', `/v1/subjects/${ids.rep}/score`, keys.subject);
    expect(json(score.body)).toMatchObject({ subject: ids.rep, grade: expect.any(String) });
    const theirs = await f.call('GET', `/v1/subjects/${ids.other}/report`, keys.subject);
    expect(expectProblemShape(theirs)).toMatchObject({ status: 404, code: 'XY_SUBJECT_NOT_FOUND' });
  });

  it('shows an admin the report with the identity masked, and only for a named purpose', async () => {
    const r = await f.call('GET', `/v1/subjects/${ids.rep}/report?purpose=supervision`, keys.admin);
    expect(r.statusCode).toBe(200);
    expect((json(r.body).subject as { identity: string }).identity).toBe('1101**********002X');
    expect(r.body).not.toContain(REP);
    const unnamed = await f.call('GET', `/v1/subjects/${ids.rep}/report`, keys.admin);
    expect(expectProblemShape(unnamed)).toMatchObject({ status: 403, code: 'XY_PURPOSE_REQUIRED' });
    const missing = await f.call('GET', '/v1/subjects/0199b3a0-0000-7000-8000-000000000000?purpose=supervision', keys.admin);
    expect(expectProblemShape(missing)).toMatchObject({ status: 404, code: 'XY_SUBJECT_NOT_FOUND' });
  });

  it('gives an auditor the latest checkpoint, events and an inclusion proof that verifies', async () => {
    const none = await f.call('GET', '/v1/audit/checkpoint', keys.auditor);
    expect(expectProblemShape(none)).toMatchObject({ status: 404, code: 'XY_CHECKPOINT_NOT_FOUND' });
    await f.service.maybeCheckpoint(true);
    const cp = await f.call('GET', '/v1/audit/checkpoint', keys.auditor);
    expect(cp.statusCode).toBe(200);
    const checkpoint = json(cp.body) as { treeSize: number; rootHash: string; signature: string };
    expect(checkpoint.treeSize).toBeGreaterThan(3);
    const events = await f.call('GET', '/v1/audit/events?from=1&limit=2', keys.auditor);
    const page = json(events.body) as { events: Array<{ seq: number; hash: string }>; next: number };
    expect(page.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(page.next).toBe(3);
    const proof = await f.call('GET', '/v1/audit/proof/2', keys.auditor);
    const p = json(proof.body) as { treeSize: number; rootHash: string; proof: string[] };
    const leaf = leafHash(Buffer.from(page.events[1]!.hash, 'hex'));
    expect(verifyInclusion(leaf, 2, p.treeSize, p.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(p.rootHash, 'hex'))).toBe(true);
    const uncovered = await f.call('GET', `/v1/audit/proof/${checkpoint.treeSize + 5}`, keys.auditor);
    expect(expectProblemShape(uncovered)).toMatchObject({ status: 400, code: 'XY_BAD_ARGUMENT' });
    const relying = await f.call('GET', '/v1/audit/checkpoint', keys.relying);
    expect(expectProblemShape(relying)).toMatchObject({ status: 403, code: 'XY_FORBIDDEN' });
  });

  it('publishes an OpenAPI 3 document of the routes, the UI from local assets, health and metrics', async () => {
    const doc = json((await f.call('GET', '/docs/json')).body) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/v1/records', '/v1/decisions', '/v1/subjects/{id}', '/v1/subjects/{id}/report', '/v1/subjects/{id}/score', '/v1/audit/checkpoint', '/v1/audit/events', '/v1/audit/proof/{seq}', '/healthz', '/readyz', '/metrics']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths['/v1/records']!.post as object)).toContain('requestBody');
    const ui = await f.call('GET', '/docs');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
    expect(ui.body).not.toMatch(/https?:\/\/(?!xinyong)[a-z]/);
    expect((await f.call('GET', '/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
    expect(json((await f.call('GET', '/healthz')).body)).toEqual({ status: 'ok' });
    expect((await f.call('GET', '/readyz')).statusCode).toBe(200);
    const forbidden = await f.call('GET', '/metrics', keys.relying);
    expect(expectProblemShape(forbidden).code).toBe('XY_FORBIDDEN');
    const metrics = await f.call('GET', '/metrics', keys.auditor);
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('xinyong_decisions_total{action="air_travel.purchase",effect="deny"} 1');
    expect(metrics.body).toMatch(/xinyong_ingested_records_total\{outcome="accepted"\} \d+/);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket{le="0.001",route="/v1/decisions",method="POST",status="200"}');
  });

  it('echoes a fresh request id and answers unknown routes with a 404 problem', async () => {
    for (const [method, url] of [['DELETE', '/v1/objections'], ['PUT', '/v1/repairs'], ['DELETE', '/v1/decisions'], ['GET', '/v1/appeals']] as const) {
      const r = await f.call(method, url, keys.admin);
      expect(expectProblemShape(r)).toMatchObject({ status: 404, code: 'XY_NOT_FOUND' });
    }
    const r = await f.call('GET', '/healthz', undefined, undefined, { 'x-request-id': 'forged' });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await f.call('GET', '/v1/audit/events', keys.auditor)).headers['cache-control']).toBe('no-store');
  });

  it('keeps identity numbers and keys out of the store file and the logs', async () => {
    // A caller who puts an identity number in a URL gets a 400, and the log masks it.
    const inUrl = await f.call('GET', `/v1/subjects/${REP}/report?purpose=supervision`, keys.admin);
    expect(expectProblemShape(inUrl).code).toBe('XY_BAD_REQUEST');
    await f.close();
    const bytes = f.storeBytes();
    expect(bytes.length).toBeGreaterThan(10_000);
    for (const id of [REP, OTHER, ORG]) {
      expect(bytes.includes(Buffer.from(id)), `${id} in the store`).toBe(false);
      expect(f.logs.filter((l) => l.includes(id)), `${id} in the logs`).toEqual([]);
    }
    expect(f.logs.length).toBeGreaterThan(20);
    expect(f.logs.filter((l) => l.includes('xyk_') || /authorization/i.test(l))).toEqual([]);
    for (const line of f.logs) expect(() => JSON.parse(line)).not.toThrow();
  });
});
