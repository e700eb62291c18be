import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdentity, isMaskedIdentity } from '../../src/core/identity/index.js';
import { activePolicy } from '../../src/app/registry.js';
import { httpFixture, removeFixture, type HttpFixture } from '../http/http-fixture.js';
import { SOAK } from './reliability-support.js';
import { fromSchema, HOSTILE_STRINGS, wild, type JsonSchema } from './schema-arbitrary.js';

/**
 * Issue 10, item 3 (extends test/http/hostile-input.test.ts, which holds the hand-written cases):
 * requests generated from the running server's own OpenAPI schemas — path parameters, query,
 * headers and bodies, well-formed and not — against every route, as callers of every role.
 * Pass: no 5xx, no stack frame or file path in any response, every error a problem+json, and no
 * record accepted that breaks the record contract (design.md section 3, checked by an oracle
 * written here, independent of src/core/records/parse-record.ts).
 */
const RUNS = SOAK ? 20_000 : 500;
const RECORD_RUNS = SOAK ? 10_000 : 300;
const NOW = '2026-06-01T00:00:00Z';
const VALID = { source: 'court.enforcement', ref: 'F-1', type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious', amount: 1000, subject: { kind: 'person', id: '11010519491231002X', name: '张三' } };

let f: HttpFixture;
const keys: string[] = [];
let subjectId = '';
let recordTypes = new Set<string>();
const tally = { requests: 0, fiveXX: 0, accepted: 0, violations: [] as string[], statuses: {} as Record<number, number> };

interface Operation { method: 'GET' | 'POST'; path: string; params: Record<string, JsonSchema>; query: Record<string, JsonSchema>; body?: JsonSchema }

beforeAll(async () => {
  f = await httpFixture();
  recordTypes = new Set(Object.keys((await activePolicy(f.registry)).policy.recordTypes));
  keys.push(await f.key({ role: 'admin' }), await f.key({ role: 'auditor' }), await f.key({ role: 'furnisher', source: 'court.enforcement' }),
    await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] }));
  const loaded = JSON.parse((await f.call('POST', '/v1/records', keys[0], [VALID])).body) as { accepted: number };
  expect(loaded.accepted).toBe(1);
  keys.push(await f.key({ role: 'subject', subject: VALID.subject.id }));
  subjectId = (JSON.parse((await f.call('GET', '/v1/me', keys[4])).body) as { subjectId: string }).subjectId;
  await f.service.maybeCheckpoint(true);
});
afterAll(async () => {
  console.log(`[reliability] HTTP fuzz: ${tally.requests} requests, ${tally.fiveXX} 5xx, ${tally.accepted} records accepted, ${tally.violations.length} accepted in breach of the contract; statuses ${JSON.stringify(tally.statuses)}`);
  await f.close();
  removeFixture(f);
});

/** What no response may hold, whatever was sent. */
function checkResponse(r: LightMyRequestResponse, what: string): void {
  tally.requests++;
  tally.statuses[r.statusCode] = (tally.statuses[r.statusCode] ?? 0) + 1;
  if (r.statusCode >= 500) tally.fiveXX++;
  expect(r.statusCode, `${what} -> ${r.body.slice(0, 300)}`).toBeLessThan(500);
  expect(r.body, what).not.toMatch(/\n\s+at |"stack"|node_modules|\/work\/|\.ts:\d|\.js:\d/);
  if (r.statusCode >= 400 && !what.includes('/healthz')) {
    expect(String(r.headers['content-type']), what).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(r.body) as { code?: string }).code, what).toMatch(/^XY_[A-Z_]+$/);
  }
}

function operations(doc: { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema: JsonSchema }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => {
    const of = (where: string) => Object.fromEntries((op.parameters ?? []).filter((p) => p.in === where).map((p) => [p.name, p.schema]));
    const body = op.requestBody?.content['application/json']?.schema;
    return { method: method.toUpperCase() as Operation['method'], path, params: of('path'), query: of('query'), ...(body ? { body } : {}) };
  }));
}

const CONTENT_TYPES = ['application/json', 'application/x-ndjson', 'application/json; charset=utf-16', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', '', 'application/json;;;'];

/** One request for an operation: schema-shaped or hostile parameters, query, body and headers. */
function requestFor(op: Operation): fc.Arbitrary<{ url: string; key: number; body: string | undefined; headers: Record<string, string> }> {
  const param = (name: string, schema: JsonSchema) => fc.oneof(
    { weight: 2, arbitrary: fc.constant(name === 'id' ? subjectId : name === 'seq' ? '0' : 'dishonest_judgment_debtors') },
    { weight: 3, arbitrary: fromSchema(schema).map(text) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
  const params = fc.record(Object.fromEntries(Object.entries(op.params).map(([n, s]) => [n, param(n, s)])));
  const query = fc.record(Object.fromEntries(Object.entries(op.query).map(([n, s]) => [n, fromSchema(s)])), { requiredKeys: [] });
  const extraQuery = fc.option(fc.tuple(fc.constantFrom('purpose', 'asOf', '__proto__', 'limit', 'x'), wild), { nil: undefined });
  const body = op.body
    ? fc.oneof({ weight: 8, arbitrary: fromSchema(op.body).map((b) => JSON.stringify(b) ?? 'null') }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }) }, { weight: 1, arbitrary: fc.constantFrom('{"a":', '[', '\u0000', '{"__proto__":{"x":1}}') })
    : fc.option(fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)), { nil: undefined, freq: 4 });
  const headers = fc.record({
    'content-type': fc.constantFrom(...CONTENT_TYPES),
    'x-request-id': fc.constantFrom(...HOSTILE_STRINGS.slice(0, 8)),
    accept: fc.constantFrom('*/*', 'text/event-stream', 'application/xml', '\u0000'),
  }, { requiredKeys: ['content-type'] });
  return fc.record({ params, query, extraQuery, body, headers, key: fc.nat(keys.length) }).map(({ params, query, extraQuery, body, headers, key }) => {
    let path = op.path;
    for (const [name, value] of Object.entries(params)) path = path.replace(`{${name}}`, encoded(String(value)));
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, text(value));
    if (extraQuery) search.append(extraQuery[0], text(extraQuery[1]));
    const qs = search.toString();
    return { url: qs ? `${path}?${qs}` : path, key, body: op.method === 'GET' ? undefined : body, headers };
  });
}

/** Any generated value as the text a client would put in a URL (JSON for what is not a string). */
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined');

/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) goes as the bytes a client would send. */
const encoded = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

/** The record contract of design.md section 3, written out independently of the parser. */
function contractBreaches(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  const fields = ['source', 'ref', 'revision', 'type', 'subject', 'related', 'occurredAt', 'severity', 'amount', 'status', 'attributes'];
  for (const k of Object.keys(raw)) if (!fields.includes(k)) out.push(`unknown field ${k}`);
  if (typeof raw.source !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(raw.source)) out.push('source');
  if (typeof raw.ref !== 'string' || raw.ref.trim() === '') out.push('ref');
  // An optional field left blank ("", as a CSV cell must be) counts as absent, as the contract's CSV form implies.
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (given(raw.revision) && !(Number.isSafeInteger(raw.revision) && (raw.revision as number) >= 1)) out.push('revision');
  if (typeof raw.type !== 'string' || !recordTypes.has(raw.type)) out.push('type');
  if (given(raw.severity) && !['minor', 'general', 'serious'].includes(raw.severity as string)) out.push('severity');
  if (given(raw.status) && !['active', 'resolved', 'retracted'].includes(raw.status as string)) out.push('status');
  if (given(raw.amount) && !(typeof raw.amount === 'number' && Number.isFinite(raw.amount))) out.push('amount');
  if (given(raw.attributes) && (typeof raw.attributes !== 'object' || Array.isArray(raw.attributes))) out.push('attributes');
  const date = typeof raw.occurredAt === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.occurredAt) : null;
  const real = date && new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!)).toISOString().startsWith(date[0]);
  if (!real || String(raw.occurredAt).slice(0, 10) > NOW.slice(0, 10)) out.push('occurredAt');
  const subject = raw.subject as { kind?: unknown; id?: unknown } | undefined;
  if (typeof subject !== 'object' || subject === null || !['person', 'org'].includes(subject.kind as string)) out.push('subject.kind');
  else if (typeof subject.id === 'string' && subject.id !== '' && !isMaskedIdentity(subject.id)) {
    const check = checkIdentity(subject.id, NOW.slice(0, 10));
    if (!check.valid) out.push('subject.id');
    else if ((subject.kind === 'person') !== (check.kind === 'resident_id')) out.push('subject.id kind');
  }
  return out;
}

/** A valid record with a few of its fields replaced by hostile or mistyped values. */
const mutatedRecord = fc.record({
  ref: fc.string({ minLength: 1, maxLength: 12 }),
  changes: fc.array(fc.tuple(
    fc.constantFrom('source', 'ref', 'revision', 'type', 'occurredAt', 'severity', 'amount', 'status', 'attributes', 'subject', 'subject.kind', 'subject.id', 'subject.name', 'extra'),
    fc.oneof(wild, fc.constantFrom('91110000600037341L', '110105491231002', '11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ', ' 11010519491231002X ', 'org', 'person', 'resolved', '2026-06-02', '2026-05-31T23:59:59+08:00', 'judicial.dishonest_debtor', 'relation.legal_representative')),
  ), { minLength: 1, maxLength: 3 }),
}).map(({ ref, changes }) => {
  const record: Record<string, unknown> = { ...VALID, ref: `M-${ref}`, subject: { ...VALID.subject } };
  for (const [field, value] of changes) {
    const subject = record.subject;
    if (field.startsWith('subject.')) {
      if (typeof subject === 'object' && subject !== null) (subject as Record<string, unknown>)[field.slice(8)] = value;
    }
    else record[field] = value;
  }
  return record;
});

describe('schema-driven fuzzing of every HTTP route', () => {
  it(`answers ${RUNS} generated requests without a 5xx or a stack trace`, async () => {
    const doc = JSON.parse((await f.call('GET', '/docs/json')).body) as Parameters<typeof operations>[0];
    // The event stream stays open for a caller entitled to it: fuzz it as a caller who is refused.
    const ops = operations(doc);
    const arbitraries = ops.map((op) => requestFor(op).map((req) => ({ op, req })));
    await fc.assert(fc.asyncProperty(fc.oneof(...arbitraries), async ({ op, req }) => {
      const key = op.path === '/v1/events' ? keys[1] : keys[req.key];
      const r = await f.call(op.method, req.url, key, req.body, req.headers);
      checkResponse(r, `${op.method} ${req.url.slice(0, 120)} ${String(req.body).slice(0, 120)}`);
    }), { numRuns: RUNS, seed: SOAK ? undefined : 20260601 });
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
  }, 60_000);

  it(`accepts none of ${RECORD_RUNS} mutated records that break the record contract`, async () => {
    await fc.assert(fc.asyncProperty(mutatedRecord, fc.boolean(), async (record, lines) => {
      const r = lines
        ? await f.call('POST', '/v1/records', keys[0], JSON.stringify(record) + '\n', { 'content-type': 'application/x-ndjson' })
        : await f.call('POST', '/v1/records', keys[0], [record]);
      checkResponse(r, `POST /v1/records ${JSON.stringify(record).slice(0, 200)}`);
      const summary = JSON.parse(r.body) as { accepted: number; updated: number };
      if (summary.accepted + summary.updated > 0) {
        tally.accepted++;
        const breaches = contractBreaches(record);
        if (breaches.length) tally.violations.push(`${breaches.join(',')}: ${JSON.stringify(record).slice(0, 400)}`);
      }
    }), { numRuns: RECORD_RUNS, seed: SOAK ? undefined : 20260602 });
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.violations).toEqual([]);
  }, 60_000);

  it('logged no error-level line for any of it', () => {
    const errors = f.logs.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors.map((e) => e.msg)).toEqual([]);
  });
});
