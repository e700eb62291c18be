import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

const PERSON = '110105198001010016';
const record = (ref: string) => ({
  source: 'bank.icbc', ref, type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general', subject: { kind: 'person', id: PERSON },
});
const NDJSON = { 'content-type': 'application/x-ndjson' };
const JSON_TYPE = { 'content-type': 'application/json' };

let f: HttpFixture;
let admin = '';
let relying = '';
let subjectId = '';
const refused = (r: LightMyRequestResponse, status: number, code: string | RegExp) => {
  expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
  expect(expectProblemShape(r).code).toMatch(code);
};

beforeAll(async () => {
  f = await httpFixture();
  admin = await f.key({ role: 'admin' });
  relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
  const r = await f.call('POST', '/v1/records', admin, [record('H-1')]);
  expect(JSON.parse(r.body)).toMatchObject({ accepted: 1 });
  subjectId = String(JSON.parse((await f.call('POST', '/v1/decisions', relying, { subject: PERSON, action: 'air_travel.purchase', purpose: 'ticket_sale' })).body).subject);
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('hostile input never gets a 5xx or a stack trace', () => {
  it('refuses wrong types and unknown fields with 400 XY_BAD_REQUEST', async () => {
    const decide = (body: unknown) => f.call('POST', '/v1/decisions', relying, body);
    refused(await decide({ subject: 123, action: 'air_travel.purchase', purpose: 'ticket_sale' }), 400, 'XY_BAD_REQUEST');
    refused(await decide({ subject: PERSON, action: ['air_travel.purchase'], purpose: 'ticket_sale' }), 400, 'XY_BAD_REQUEST');
    refused(await decide({ subject: PERSON, action: 'air_travel.purchase', purpose: 'ticket_sale', asOf: '2020-01-01' }), 400, 'XY_BAD_REQUEST');
    refused(await decide([]), 400, 'XY_BAD_REQUEST');
    refused(await f.call('POST', '/v1/decisions', relying, 'null', JSON_TYPE), 400, /XY_BAD_(REQUEST|JSON)/);
    refused(await f.call('POST', '/v1/decisions', relying, '"text"', JSON_TYPE), 400, 'XY_BAD_REQUEST');
    refused(await f.call('POST', '/v1/records', admin, { records: [] }), 400, 'XY_BAD_REQUEST');
    refused(await f.call('GET', '/v1/audit/events?limit=100000', admin), 400, 'XY_BAD_REQUEST');
    refused(await f.call('GET', '/v1/audit/events?from=-1', admin), 400, 'XY_BAD_REQUEST');
    for (const seq of ['abc', '-1', '1e400', '99999999999999999999']) refused(await f.call('GET', `/v1/audit/proof/${seq}`, admin), 400, /XY_BAD_(REQUEST|ARGUMENT)/);
  });

  it('refuses malformed JSON (400 XY_BAD_JSON), other media types (415) and oversized bodies (413)', async () => {
    refused(await f.call('POST', '/v1/decisions', relying, '{"subject":', JSON_TYPE), 400, 'XY_BAD_JSON');
    refused(await f.call('POST', '/v1/decisions', relying, '', JSON_TYPE), 400, 'XY_BAD_JSON');
    refused(await f.call('POST', '/v1/decisions', relying, '{"__proto__":{"admin":true},"subject":"x","action":"y"}', JSON_TYPE), 400, 'XY_BAD_JSON');
    refused(await f.call('POST', '/v1/decisions', relying, 'subject=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'XY_UNSUPPORTED_MEDIA_TYPE');
    const big = JSON.stringify({ subject: 'x'.repeat(2 * 1024 * 1024), action: 'a', purpose: 'p' });
    refused(await f.call('POST', '/v1/decisions', relying, big, JSON_TYPE), 413, 'XY_BODY_TOO_LARGE');
    const huge = '[' + Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ ...record(`X-${i}`), attributes: { pad: 'p'.repeat(120) } })).join(',') + ']';
    expect(huge.length).toBeGreaterThan(10 * 1024 * 1024);
    refused(await f.call('POST', '/v1/records', admin, huge, JSON_TYPE), 413, 'XY_BODY_TOO_LARGE');
    refused(await f.call('POST', '/v1/records', admin, Array.from({ length: 10_001 }, (_, i) => record(`T-${i}`))), 413, 'XY_TOO_MANY_RECORDS');
  });

  it('reads a huge JSON Lines body line by line: bad lines are per-record errors, too many lines a 413', async () => {
    const garbage = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? '{"broken": ' : i % 3 === 1 ? '[1,2]' : JSON.stringify({ ...record(`G-${i}`), surprise: true }))).join('\n');
    const r = await f.call('POST', '/v1/records', admin, garbage, NDJSON);
    expect(r.statusCode).toBe(200);
    const summary = JSON.parse(r.body) as { rejected: number; errors: Array<{ line: number; code: string }> };
    expect(summary.rejected).toBe(10_000);
    expect(summary.errors.slice(0, 3)).toEqual([
      expect.objectContaining({ line: 1, code: 'XY_RECORD_JSON' }),
      expect.objectContaining({ line: 2, code: 'XY_RECORD_NOT_OBJECT' }),
      expect.objectContaining({ line: 3, code: 'XY_RECORD_FIELD' }),
    ]);
    const encoding = Buffer.concat([Buffer.from(JSON.stringify(record('E-1')) + '\n'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
    expect(JSON.parse((await f.call('POST', '/v1/records', admin, encoding, NDJSON)).body)).toMatchObject({ accepted: 1, errors: [{ line: 2, code: 'XY_RECORD_ENCODING' }] });
    const tooMany = Array.from({ length: 10_001 }, (_, i) => JSON.stringify(record(`M-${i}`))).join('\n');
    refused(await f.call('POST', '/v1/records', admin, tooMany, NDJSON), 413, 'XY_TOO_MANY_RECORDS');
    refused(await f.call('POST', '/v1/records', admin, 'x'.repeat(11 * 1024 * 1024), NDJSON), 413, 'XY_BODY_TOO_LARGE');
  });

  it('treats injection strings in ids and purposes as data: 400 or 404, never 500', async () => {
    for (const id of ["' OR 1=1--", '../../etc/passwd', '%00', '1;DROP TABLE subjects', 'x'.repeat(5000), '0199b3a0-0000-7000-8000-00000000000g', `${subjectId}' OR '1'='1`]) {
      const r = await f.call('GET', `/v1/subjects/${encodeURIComponent(id)}/report?purpose=supervision`, admin);
      // A path parameter past Fastify's length limit is 414 URI Too Long: still the caller's fault.
      expect([400, 404, 414], id.slice(0, 40)).toContain(r.statusCode);
      expectProblemShape(r);
    }
    refused(await f.call('GET', `/v1/subjects/${subjectId}?purpose=${encodeURIComponent("x'; DROP TABLE subjects;--")}`, admin), 403, 'XY_PURPOSE_NOT_ALLOWED');
    refused(await f.call('GET', `/v1/subjects/${subjectId}?purpose=a&purpose=b`, admin), 400, 'XY_BAD_REQUEST');
    for (const subject of ["' OR '1'='1", '<script>alert(1)</script>', '11010519800101001\u0000', '\u202e110105198001010016', '{"$gt":""}']) {
      const r = await f.call('POST', '/v1/decisions', relying, { subject, action: 'air_travel.purchase', purpose: 'ticket_sale' });
      expect([400, 404], subject).toContain(r.statusCode);
      expectProblemShape(r);
    }
    const action = await f.call('POST', '/v1/decisions', admin, { subject: PERSON, action: 'space.travel', purpose: 'supervision' });
    refused(action, 400, 'XY_UNKNOWN_ACTION');
    refused(await f.call('GET', '/v1/subjects/x', `Bearer ${'a'.repeat(10_000)}`), 401, 'XY_UNAUTHENTICATED');
  });

  it('refuses an invalid identity number in a decision with 400 XY_ID_*', async () => {
    const checksum = await f.call('POST', '/v1/decisions', relying, { subject: '110105198001010017', action: 'air_travel.purchase', purpose: 'ticket_sale' });
    refused(checksum, 400, /^XY_ID_/);
    expect(checksum.body).not.toContain('110105198001010017');
    refused(await f.call('POST', '/v1/decisions', relying, { subject: '110105198013010016', action: 'air_travel.purchase', purpose: 'ticket_sale' }), 400, /^XY_ID_/);
    refused(await f.call('POST', '/v1/decisions', relying, { subject: '12345', action: 'air_travel.purchase', purpose: 'ticket_sale' }), 400, /^XY_ID_/);
  });

  it('logged nothing at error level for any of it', () => {
    const errors = f.logs.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
  });
});
