import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFixture, type HttpFixture } from './http-fixture.js';

const ORG = '91110000600037341L';
const REP = '11010519491231002X';
const debt = (revision: number, status: string) => ({
  source: 'court.enforcement', ref: '(2026)京0105执7号', revision, status, type: 'judicial.dishonest_debtor', occurredAt: '2026-05-01',
  subject: { kind: 'org', id: ORG, name: '北京华信科技有限公司' }, attributes: { court: '北京市朝阳区人民法院' },
});

/** Read server-sent events from a real socket until `count` events have arrived. */
function readEvents(url: string, key: string, count: number): { events: Promise<Array<{ event: string; data: Record<string, unknown> }>>; close: () => void; ready: Promise<IncomingMessage> } {
  let res: IncomingMessage | undefined;
  const req = httpRequest(url, { headers: { authorization: `Bearer ${key}` } });
  const ready = new Promise<IncomingMessage>((resolve) => req.on('response', (r) => resolve((res = r))));
  const events = ready.then((r) => new Promise<Array<{ event: string; data: Record<string, unknown> }>>((resolve) => {
    const got: Array<{ event: string; data: Record<string, unknown> }> = [];
    let buffer = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n\n'); i !== -1; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) got.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        if (got.length >= count) resolve(got);
      }
    });
  }));
  req.end();
  return { events, ready, close: () => { res?.destroy(); req.destroy(); } };
}

describe('GET /v1/events', () => {
  let f: HttpFixture;
  let base: string;
  beforeAll(async () => {
    f = await httpFixture();
    base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => f.close());

  it('streams a listing and its end to a relying party whose actions it touches, and logs each delivery', async () => {
    const admin = await f.key({ role: 'admin' });
    const airline = await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
    const lender = await f.key({ role: 'relying_party', actions: ['rental.deposit'], purposes: ['tenancy'] });
    const missing = await f.call('GET', '/v1/events', airline);
    expect([missing.statusCode, missing.json().code]).toEqual([403, 'XY_PURPOSE_REQUIRED']);
    const stream = readEvents(`${base}/v1/events?purpose=ticket_sale`, airline, 2);
    const other = readEvents(`${base}/v1/events?purpose=tenancy`, lender, 1);
    expect((await stream.ready).headers['content-type']).toBe('text/event-stream');
    await other.ready;
    await f.call('POST', '/v1/records', admin, [debt(1, 'active'), {
      source: 'market.registration', ref: 'LR-1', type: 'relation.legal_representative', occurredAt: '2020-01-01',
      subject: { kind: 'org', id: ORG }, related: { kind: 'person', id: REP, name: '张三' },
    }]);
    await f.call('POST', '/v1/records', admin, [debt(2, 'resolved')]);
    const events = await stream.events;
    expect(events.map((e) => [e.event, e.data.list])).toEqual([
      ['list.entered', 'dishonest_judgment_debtors'], ['list.exited', 'dishonest_judgment_debtors'],
    ]);
    expect(events[0]!.data.actions).toContain('air_travel.purchase');
    const orgId = String(events[0]!.data.subjectId);
    const report = (await f.call('GET', `/v1/subjects/${orgId}/report?purpose=audit_check`, admin)).json() as { accessLog: Array<{ action: string; purpose: string }> };
    expect(report.accessLog.filter((a) => a.action === 'events.delivered').map((a) => a.purpose)).toEqual(['ticket_sale', 'ticket_sale']);
    // The lender's actions hang on no list that changed, so nothing reached it.
    const nothing = await Promise.race([other.events.then(() => 'got'), new Promise((r) => setTimeout(() => r('none'), 300))]);
    expect(nothing).toBe('none');
    stream.close();
    other.close();
  });
});
