import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/app/demo/generate-population.js';
import { runDemo } from '../../src/app/demo/run-demo.js';
import { activePolicy } from '../../src/app/registry.js';
import { httpFixture, removeFixture, type HttpFixture } from '../http/http-fixture.js';
import { residentIdsIn } from './reliability-support.js';

/**
 * Issue 10, item 5: after a demo population and HTTP traffic that sends identity numbers in every
 * place it may (records, decisions, searches), no resident identity number is found in plain text
 * in the SQLite file, its WAL, the server's log lines, the server-sent events or any response,
 * except in the responses to the subject itself. Candidates are found by shape and confirmed with
 * the registry's own check-digit validator; every number the demo generated is also looked for
 * byte for byte.
 */
const DEMO = { people: 25, orgs: 5, seed: 77 };
const FRESH = '11010519491231002X';
let f: HttpFixture;
let base = '';
const known = new Set<string>([FRESH]);
const seen = { responses: [] as string[], own: [] as string[], sse: '' };

/** Every identity number found in `text`: by validator, and byte for byte among the known ones. */
function plaintextIds(text: string): string[] {
  const hits = new Set(residentIdsIn(text));
  for (const id of known) if (text.includes(id)) hits.add(id);
  return [...hits];
}

async function collectEvents(key: string, until: Promise<unknown>): Promise<string> {
  const abort = new AbortController();
  const r = await fetch(`${base}/v1/events?purpose=ticket_sale`, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal });
  expect(r.status).toBe(200);
  const reader = r.body!.getReader();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += Buffer.from(value!).toString('utf8');
    }
  })();
  await until;
  await new Promise((resolve) => setTimeout(resolve, 300));
  abort.abort();
  await reading;
  return text;
}

beforeAll(async () => {
  f = await httpFixture();
  const { policy } = await activePolicy(f.registry);
  const population = generatePopulation(policy, { ...DEMO, now: f.registry.clock.now() });
  for (const raw of population.records as Array<{ subject?: { kind?: string; id?: string }; related?: { kind?: string; id?: string } }>) {
    for (const party of [raw.subject, raw.related]) if (party?.kind === 'person' && party.id) known.add(party.id);
  }
  expect(known.size).toBeGreaterThan(15);
  await runDemo(f.registry, { ...DEMO, ifEmpty: false });
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });

  const admin = await f.key({ role: 'admin' });
  const relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
  const furnisher = await f.key({ role: 'furnisher', source: 'court.enforcement' });
  const call = async (...args: Parameters<HttpFixture['call']>) => {
    const r = await f.call(...args);
    expect(r.statusCode, `${args[0]} ${args[1]}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
    seen.responses.push(JSON.stringify(r.headers) + r.body);
    return r;
  };
  const people = [...known].filter((id) => id !== FRESH).slice(0, 12);
  for (const id of people) {
    const decision = JSON.parse((await call('POST', '/v1/decisions', relying, { subject: id, action: 'air_travel.purchase', purpose: 'ticket_sale' })).body) as { subject: string };
    await call('GET', `/v1/subjects/${decision.subject}/report?purpose=ticket_sale`, admin);
    await call('GET', `/v1/subjects/${decision.subject}/score?purpose=ticket_sale`, admin);
    await call('POST', '/v1/subjects/search', admin, { query: id, purpose: 'ticket_sale' });
  }
  await call('GET', '/v1/lists/dishonest_judgment_debtors/entries?purpose=ticket_sale', admin);
  await call('GET', '/v1/audit/events?limit=1000', admin);
  // A new dishonest debtor while a relying party listens: the list change goes out as an event.
  const debt = { source: 'court.enforcement', ref: '(2026)京0105执1号', type: 'judicial.dishonest_debtor', occurredAt: '2026-05-01', severity: 'serious', subject: { kind: 'person', id: FRESH, name: '张三' } };
  seen.sse = await collectEvents(relying, new Promise((resolve) => setTimeout(resolve, 200)).then(() => call('POST', '/v1/records', furnisher, [debt])));
  await call('POST', '/v1/records', furnisher, 'not json at all ' + FRESH, { 'content-type': 'application/json' });
  await call('POST', '/v1/decisions', relying, { subject: FRESH.slice(0, 17) + '0', action: 'air_travel.purchase', purpose: 'ticket_sale' });
  // The subject's own view is the one place the number may appear.
  const own = await f.key({ role: 'subject', subject: FRESH });
  const me = JSON.parse((await f.call('GET', '/v1/me', own)).body) as { subjectId: string };
  seen.own.push((await f.call('GET', `/v1/subjects/${me.subjectId}/report`, own)).body);
}, 60_000);
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('no identity number in plain text outside the subject\'s own view', () => {
  it('finds the number where it is allowed: the subject\'s own report (the scanner works)', () => {
    expect(plaintextIds(seen.own.join('\n'))).toEqual([FRESH]);
  });

  it('delivered the list change as a server-sent event, without the number', () => {
    expect(seen.sse).toMatch(/event: /);
    expect(plaintextIds(seen.sse)).toEqual([]);
  });

  it('finds none in any response to anyone else', () => {
    expect(seen.responses.length).toBeGreaterThan(40);
    expect(plaintextIds(seen.responses.join('\n'))).toEqual([]);
  });

  it('finds none in the server log lines', () => {
    expect(f.logs.length).toBeGreaterThan(40);
    expect(plaintextIds(f.logs.join('\n'))).toEqual([]);
  });

  it('finds none in the bytes of the SQLite file and its WAL (UTF-8 and UTF-16)', () => {
    const bytes = f.storeBytes();
    expect(bytes.length).toBeGreaterThan(100_000);
    const hits = plaintextIds(bytes.toString('latin1'));
    for (const id of known) if (bytes.includes(Buffer.from(id, 'utf16le'))) hits.push(`${id} (UTF-16)`);
    console.log(`[reliability] personal-data scan: ${bytes.length} store bytes, ${f.logs.length} log lines, ${seen.responses.length} responses, ${known.size} known numbers; plaintext found: ${hits.length}`);
    expect(hits).toEqual([]);
  });
});
