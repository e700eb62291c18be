import { afterAll, describe, expect, it } from 'vitest';
import { NatsRecordStream } from '../../src/adapters/stream-nats/nats-record-stream.js';
import { applyStreamBatch, type AppliedSeqs } from '../../src/app/stream/apply-stream-batch.js';
import { httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

const NATS_URL = process.env.NATS_URL;
const title = NATS_URL ? 'POST /v1/records through the record stream'
  : 'POST /v1/records through the record stream (skipped: set NATS_URL, e.g. nats://127.0.0.1:4222)';

const record = (ref: string, over: Record<string, unknown> = {}) => ({
  source: 'court.enforcement', ref, type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious',
  subject: { kind: 'person', id: '11010519491231002X', name: '张三' }, attributes: { court: '北京市朝阳区人民法院' }, ...over,
});

describe.skipIf(!NATS_URL)(title, () => {
  const tag = `XY_HTTP_${process.pid}_${Date.now()}`;
  let stream: NatsRecordStream | undefined;
  let f: HttpFixture | undefined;
  afterAll(async () => {
    await f?.close();
    if (f) removeFixture(f);
    await stream?.destroy();
    await stream?.close();
  });

  it('answers refused lines at once, queues the rest (202), and a worker stores them', async () => {
    stream = await NatsRecordStream.open(NATS_URL!, { stream: tag, subjectPrefix: `xinyong_test.${tag}`, deadLetterSubject: `xinyong_test.${tag}-dead` });
    f = await httpFixture({ recordStream: stream });
    const key = await f.key({ role: 'furnisher', source: 'court.enforcement' });
    const res = await f.call('POST', '/v1/records', key, [record('Q-1'), record('Q-2', { occurredAt: '2099-01-01' }), record('Q-3'), { ...record('Q-4'), source: 'bank.other' }]);
    expect(res.statusCode).toBe(202);
    const body = res.json<{ queued: number; rejected: number; errors: Array<{ line: number; code: string }> }>();
    expect(body).toMatchObject({ queued: 2, rejected: 2 });
    expect(body.errors.map((e) => [e.line, e.code])).toEqual([[2, 'XY_RECORD_FUTURE'], [4, 'XY_FORBIDDEN']]);
    expect((await f.registry.store.stats()).records).toBe(0); // nothing stored by the request itself

    // A worker (here in process) takes them from the stream into the store.
    const applied: AppliedSeqs = new Map();
    const stop = new AbortController();
    let stored = 0;
    const consuming = stream.consume(async (batch) => {
      stored += (await applyStreamBatch(f!.registry, stream!.stream, batch, applied)).accepted;
      if (stored >= 2) stop.abort();
    }, { signal: stop.signal, batchSize: 50 });
    const timer = setTimeout(() => stop.abort(), 15_000);
    await consuming;
    clearTimeout(timer);
    expect(stored).toBe(2);
    expect((await f.registry.store.stats()).records).toBe(2);
  });
});
