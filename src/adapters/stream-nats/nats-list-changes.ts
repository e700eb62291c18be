import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { ListChange, ListChangePublisher } from '../../ports/list-change-publisher.js';

export interface NatsListChangesConfig {
  /** JetStream stream keeping the events for consumers that catch up (default `XINYONG_EVENTS`). */
  stream?: string;
  /** Events go to `<prefix>.list.<entered|exited>.<list>` (default `xinyong.events`). */
  subjectPrefix?: string;
  /** How long the stream keeps events (default 30 days). */
  maxAgeMs?: number;
}

/**
 * List changes published on NATS JetStream: subject `xinyong.events.list.entered.<list>` (or
 * `exited`), JSON body `{type, subjectId, list, listKind, at, actions}`, kept in a stream so that a
 * consumer (a gateway for relying parties, say) can resume where it stopped. The message id is the
 * change itself, so a change announced twice (a worker retrying) is stored once.
 */
export class NatsListChanges implements ListChangePublisher {
  private constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient,
    private readonly subjectPrefix: string, private readonly owned: boolean) {}

  /** On an open connection (the worker's), or on one of its own (`url`). */
  static async open(connection: NatsConnection | string, config: NatsListChangesConfig = {}): Promise<NatsListChanges> {
    const owned = typeof connection === 'string';
    const nc = typeof connection === 'string' ? await connect({ servers: connection, name: 'xinyong-events' }) : connection;
    try {
      const stream = config.stream ?? 'XINYONG_EVENTS';
      const subjectPrefix = config.subjectPrefix ?? 'xinyong.events';
      const jsm = await jetstreamManager(nc);
      const exists = await jsm.streams.info(stream).then(() => true, () => false);
      if (!exists) {
        await jsm.streams.add({
          name: stream, description: 'xinyong list changes', subjects: [`${subjectPrefix}.>`],
          max_age: nanos(config.maxAgeMs ?? 30 * 86_400_000), duplicate_window: nanos(10 * 60_000),
        }).catch(async (e: unknown) => {
          await jsm.streams.info(stream).catch(() => { throw e; }); // created meanwhile by another process
        });
      }
      return new NatsListChanges(nc, jetstream(nc), subjectPrefix, owned);
    } catch (e) {
      if (owned) await nc.close();
      throw e;
    }
  }

  async publish(changes: ReadonlyArray<Omit<ListChange, 'seq'>>): Promise<void> {
    await Promise.all(changes.map((c) => {
      const body = { type: c.type, subjectId: c.subjectId, list: c.list, listKind: c.listKind, at: c.at, actions: c.actions };
      const subject = `${this.subjectPrefix}.list.${c.type === 'list.entered' ? 'entered' : 'exited'}.${c.list}`;
      return this.js.publish(subject, JSON.stringify(body), { msgID: `${c.type}/${c.subjectId}/${c.list}/${c.at}` });
    }));
  }

  async close(): Promise<void> {
    if (this.owned) await this.nc.drain().catch(() => this.nc.close());
  }
}
