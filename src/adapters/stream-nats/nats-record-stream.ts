import { createHash } from 'node:crypto';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JetStreamApiError,
  type Consumer, type JetStreamClient, type JetStreamManager, type JsMsg, type MsgRequest,
} from '@nats-io/jetstream';
import type { ConsumeOptions, DeadLetter, RecordStream, StreamBatch } from '../../ports/record-stream.js';
import { partitionOf, subjectKeyOf } from './partition.js';

export interface NatsStreamConfig {
  /** JetStream stream name (default `XINYONG_RECORDS`). */
  stream?: string;
  /** Subjects are `<prefix>.<partition>` (default `xinyong.records`). */
  subjectPrefix?: string;
  /** Durable consumers are `<prefix>-<partition>` (default `xinyong-worker`). */
  consumerPrefix?: string;
  /** Partition count, fixed for the life of a stream (default 8). */
  partitions?: number;
  /** How long a delivered batch may stay unacknowledged before it is delivered again (default 30 s). */
  ackWaitMs?: number;
  /** Where refused records are set aside: a stream of its own (default `<stream>_DEAD`), on this subject (default `xinyong.deadletter`). */
  deadLetterStream?: string;
  deadLetterSubject?: string;
}

const DEFAULT_BATCH = 500;
/** Messages in flight per publish call: the connection keeps their order, the window bounds memory. */
const PUBLISH_WINDOW = 256;
/** How long an idle fetch waits for messages, which is also how quickly a worker notices a stop. */
const FETCH_EXPIRES_MS = 1000;

/**
 * The record stream on NATS JetStream: one stream, one subject and one durable pull consumer per
 * partition. Several workers may pull from the same consumer; a batch is applied only from the
 * partition's first unacknowledged message and without gaps (see `applicable`), so one subject's
 * records are applied in stream order even with many workers.
 */
export class NatsRecordStream implements RecordStream {
  readonly stream: string;
  readonly subjectPrefix: string;
  readonly consumerPrefix: string;
  readonly partitions: number;
  readonly ackWaitMs: number;
  readonly deadLetterStream: string;
  readonly deadLetterSubject: string;
  private deadLetterReady: Promise<void> | undefined;

  private constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager, config: NatsStreamConfig) {
    this.stream = config.stream ?? 'XINYONG_RECORDS';
    this.subjectPrefix = config.subjectPrefix ?? 'xinyong.records';
    this.consumerPrefix = config.consumerPrefix ?? 'xinyong-worker';
    this.partitions = config.partitions ?? 8;
    this.ackWaitMs = config.ackWaitMs ?? 30_000;
    this.deadLetterStream = config.deadLetterStream ?? `${this.stream}_DEAD`;
    this.deadLetterSubject = config.deadLetterSubject ?? 'xinyong.deadletter';
    if (this.deadLetterSubject.startsWith(`${this.subjectPrefix}.`)) throw new Error('the dead-letter subject must not be one of the record stream\'s');
    if (!Number.isSafeInteger(this.partitions) || this.partitions < 1) throw new Error('partitions must be a positive whole number');
  }

  /** Connect and make sure the stream exists (created on first use). */
  static async open(url: string, config: NatsStreamConfig = {}): Promise<NatsRecordStream> {
    const nc = await connect({ servers: url, name: 'xinyong' });
    try {
      const s = new NatsRecordStream(nc, jetstream(nc), await jetstreamManager(nc), config);
      await s.ensureStream();
      return s;
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  private async ensureStream(): Promise<void> {
    const description = `xinyong records, ${this.partitions} partitions`;
    let info = await this.jsm.streams.info(this.stream).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (!info) {
      try {
        // Dedupe window: a record published twice (same content) within it is stored once.
        info = await this.jsm.streams.add({ name: this.stream, description, subjects: [`${this.subjectPrefix}.*`], duplicate_window: nanos(10 * 60_000) });
      } catch (e) {
        // Another process may have created it in between.
        info = await this.jsm.streams.info(this.stream).catch(() => { throw e; });
      }
    }
    // A record's partition depends on the count: a worker or furnisher counting otherwise would break the order.
    const created = /, (\d+) partitions$/.exec(info.config.description ?? '')?.[1];
    if (created !== undefined && Number(created) !== this.partitions) {
      throw new Error(`stream ${this.stream} has ${created} partitions, not ${this.partitions}`);
    }
    if (!info.config.subjects?.includes(`${this.subjectPrefix}.*`)) {
      throw new Error(`stream ${this.stream} does not take subjects ${this.subjectPrefix}.*`);
    }
  }

  async publish(records: readonly unknown[]): Promise<void> {
    for (let i = 0; i < records.length; i += PUBLISH_WINDOW) {
      await Promise.all(records.slice(i, i + PUBLISH_WINDOW).map((r) => {
        const p = partitionOf(subjectKeyOf(r), this.partitions);
        return this.js.publish(`${this.subjectPrefix}.${p}`, JSON.stringify(r), { msgID: recordKey(r) });
      }));
    }
  }

  async consume(handler: (batch: StreamBatch) => Promise<void>, options: ConsumeOptions): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const partitions = options.partitions ?? Array.from({ length: this.partitions }, (_, p) => p);
    for (const p of partitions) {
      if (!Number.isSafeInteger(p) || p < 0 || p >= this.partitions) throw new Error(`partition ${p} is not in 0..${this.partitions - 1}`);
    }
    const consumers = await Promise.all(partitions.map((p) => this.consumerFor(p, batchSize)));
    // One partition failing (the connection is gone) stops them all, each after the batch in hand.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) stop.abort();
    try {
      const done = await Promise.allSettled(consumers.map((c, i) => this.pull(c, partitions[i]!, batchSize, handler, { ...options, signal: stop.signal })
        .catch((e: unknown) => {
          stop.abort();
          throw e;
        })));
      const failed = done.find((d) => d.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      options.signal.removeEventListener('abort', onAbort);
    }
  }

  async deadLetter(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    this.deadLetterReady ??= this.ensureDeadLetterStream();
    await this.deadLetterReady;
    // The message id makes a letter sent again (a worker restarted before acknowledging) a no-op.
    await Promise.all(letters.map((l) =>
      this.js.publish(this.deadLetterSubject, JSON.stringify(l), { msgID: `${l.stream}/${l.partition}/${l.seq}` })));
  }

  /** The most recent dead letters, oldest first (for operators: `xinyong dead-letters`). */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const info = await this.jsm.streams.info(this.deadLetterStream).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (!info || info.state.messages === 0) return [];
    const out: DeadLetter[] = [];
    for (let seq = Math.max(info.state.first_seq, info.state.last_seq - limit + 1); seq <= info.state.last_seq; seq++) {
      const m = await this.jsm.streams.getMessage(this.deadLetterStream, { seq }).catch(() => null);
      if (m) out.push(m.json<DeadLetter>());
    }
    return out;
  }

  private async ensureDeadLetterStream(): Promise<void> {
    const exists = await this.jsm.streams.info(this.deadLetterStream).then(() => true, (e: unknown) => {
      if (isNotFound(e)) return false;
      throw e;
    });
    if (exists) return;
    await this.jsm.streams.add({
      name: this.deadLetterStream, description: `records refused from ${this.stream}, with the reason`,
      subjects: [this.deadLetterSubject], duplicate_window: nanos(60 * 60_000),
    }).catch(async (e: unknown) => {
      await this.jsm.streams.info(this.deadLetterStream).catch(() => { throw e; });
    });
  }

  /** The connection, for other publishers that share it (list changes). */
  get connection(): NatsConnection {
    return this.nc;
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }

  /** Per partition: messages not yet delivered, and delivered but not yet acknowledged (for monitoring). */
  async backlog(): Promise<{ partition: number; pending: number; unacknowledged: number }[]> {
    const out: { partition: number; pending: number; unacknowledged: number }[] = [];
    for (let p = 0; p < this.partitions; p++) {
      const info = await this.jsm.consumers.info(this.stream, `${this.consumerPrefix}-${p}`).catch((e: unknown) => {
        if (isNotFound(e)) return undefined;
        throw e;
      });
      if (info) out.push({ partition: p, pending: info.num_pending, unacknowledged: info.num_ack_pending });
    }
    return out;
  }

  /** Delete the stream and its consumers (tests, and operators starting over). */
  async destroy(): Promise<void> {
    for (const name of [this.stream, this.deadLetterStream]) {
      await this.jsm.streams.delete(name).catch((e: unknown) => {
        if (!isNotFound(e)) throw e;
      });
    }
  }

  private async consumerFor(partition: number, batchSize: number): Promise<Consumer> {
    const name = `${this.consumerPrefix}-${partition}`;
    try {
      await this.jsm.consumers.info(this.stream, name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        await this.jsm.consumers.add(this.stream, {
          durable_name: name,
          filter_subject: `${this.subjectPrefix}.${partition}`,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ack_wait: nanos(this.ackWaitMs),
          // Bounds what is in flight per partition across all workers: about one batch.
          max_ack_pending: batchSize,
          // One pull request at a time: the server would otherwise deal the messages out to the
          // waiting requests one by one, and no batch would be a contiguous run of the partition.
          max_waiting: 1,
        });
      } catch (again) {
        await this.jsm.consumers.info(this.stream, name).catch(() => { throw again; });
      }
    }
    return this.js.consumers.get(this.stream, name);
  }

  private async pull(consumer: Consumer, partition: number, batchSize: number,
    handler: (batch: StreamBatch) => Promise<void>, options: ConsumeOptions): Promise<void> {
    while (!options.signal.aborted) {
      const msgs = await this.fetch(consumer, batchSize);
      if (msgs.length === 0) continue;
      const keepAlive = setInterval(() => msgs.forEach((m) => m.working()), Math.max(100, this.ackWaitMs / 3));
      try {
        const applicable = await this.applicable(consumer, partition, msgs, options.signal);
        // What cannot be applied yet goes back, to be delivered again after what comes before it.
        msgs.slice(applicable).forEach((m) => m.nak());
        if (applicable === 0) continue;
        const mine = msgs.slice(0, applicable);
        const batch: StreamBatch = {
          partition,
          attempt: Math.max(...mine.map((m) => m.info.deliveryCount)),
          records: mine.map((m) => {
            const raw = decode(m);
            return { seq: m.seq, subjectKey: subjectKeyOf(raw), raw };
          }),
        };
        try {
          await handler(batch);
        } catch (e) {
          options.onError?.(e, batch);
          // A failure that is not the record's (the store is down): back off, 1 s doubling to a minute.
          const delay = Math.min(60_000, 1000 * 2 ** Math.min(6, batch.attempt - 1));
          mine.forEach((m) => m.nak(delay));
          continue;
        }
        // Acknowledged only now that the handler committed; a crash before this line means a
        // redelivery, which the handler must take as a no-op (ingest does: duplicates).
        mine.forEach((m) => m.ack());
        await this.nc.flush();
      } finally {
        clearInterval(keepAlive);
      }
    }
  }

  /** Up to `batchSize` messages in stream order; none when another worker's pull is waiting. */
  private async fetch(consumer: Consumer, batchSize: number): Promise<JsMsg[]> {
    const msgs: JsMsg[] = [];
    try {
      const fetched = await consumer.fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
      for await (const m of fetched) msgs.push(m);
    } catch {
      // 409 "exceeded max waiting": another worker is pulling this partition; try again shortly.
      if (msgs.length === 0) await sleep(100 + Math.random() * 200);
    }
    return msgs.sort((a, b) => a.seq - b.seq);
  }

  /**
   * How many of these messages (a prefix) may be applied now, keeping stream order: the batch must
   * start at the partition's first unacknowledged message (everything before it is applied and
   * acknowledged), and only its run without gaps counts (a message in a gap is held by another
   * worker or awaits redelivery). Waits up to half the ack wait for an earlier batch to be
   * acknowledged; 0 when it was not.
   */
  private async applicable(consumer: Consumer, partition: number, msgs: JsMsg[], signal: AbortSignal): Promise<number> {
    const subject = `${this.subjectPrefix}.${partition}`;
    const first = msgs[0]!.seq;
    const deadline = Date.now() + this.ackWaitMs / 2;
    for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
      const info = await consumer.info(false);
      const floor = info.ack_floor.stream_seq;
      if (floor >= first) return 0; // acknowledged meanwhile by a worker it was redelivered to
      if ((await this.nextOn(subject, floor + 1)) === first) {
        // Every message up to the last one here has been delivered; when none is outstanding
        // elsewhere, the batch has no gap. Otherwise look for the first gap.
        if (info.num_ack_pending <= msgs.length) return msgs.length;
        const next = await Promise.all(msgs.slice(0, -1).map((m) => this.nextOn(subject, m.seq + 1)));
        const gap = next.findIndex((seq, i) => seq !== msgs[i + 1]!.seq);
        return gap === -1 ? msgs.length : gap + 1;
      }
      if (Date.now() >= deadline || signal.aborted) return 0;
      await sleep(wait);
    }
  }

  /** The stream sequence of the first message on `subject` at or after `seq`. */
  private async nextOn(subject: string, seq: number): Promise<number | undefined> {
    // STREAM.MSG.GET takes next_by_subj (server 2.9+); the client's type lists it for direct gets only.
    const query = { seq, next_by_subj: subject } as unknown as MsgRequest;
    return (await this.jsm.streams.getMessage(this.stream, query).catch(() => null))?.seq;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function decode(m: JsMsg): unknown {
  const text = m.string();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The stream's deduplication id: a digest of the whole record, so a record sent twice is stored
 * once, while the same key with other content still reaches ingest (and is rejected as a conflict).
 */
function recordKey(r: unknown): string {
  return createHash('sha256').update(JSON.stringify(r) ?? '').digest('base64url');
}

function isNotFound(e: unknown): boolean {
  return e instanceof JetStreamApiError && (e.code === 10059 || e.code === 10014);
}
