import type { FastifyInstance } from 'fastify';
import { RegistryService } from '../app/registry-service.js';
import { openRegistry, type RegistryOptions } from '../app/registry.js';
import { streamUnreachable } from '../app/stream/stream-unreachable.js';
import type { ListChangePublisher } from '../ports/list-change-publisher.js';
import type { NatsRecordStream } from '../adapters/stream-nats/nats-record-stream.js';
import { buildServer, type ServerOptions } from './build-server.js';

export interface StartServerOptions extends RegistryOptions, Omit<ServerOptions, 'service'> {
  /** Default 8080; 0 picks a free port (see the returned url). */
  port?: number;
  /** Default 127.0.0.1: exposing the registry is a deliberate choice (`--host 0.0.0.0`). */
  host?: string;
  /** Sign a checkpoint over new audit events this often, in ms (default 60 s). */
  checkpointEveryMs?: number;
  /** Run the due-process scheduler (`xinyong tick`) this often, in ms (default 60 s; 0 = never). */
  tickEveryMs?: number;
  /** Close gracefully on SIGTERM and SIGINT (default true). */
  handleSignals?: boolean;
  /** Also publish list changes to this NATS server (subjects `xinyong.events.list.*`), besides `GET /v1/events`. */
  eventsNatsUrl?: string;
  /** Ingest POST /v1/records through the record stream on this NATS server (202; `xinyong worker` stores them). */
  ingestStreamUrl?: string;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** Stop accepting, finish in-flight requests, sign a final checkpoint, close the store. Idempotent. */
  close(): Promise<void>;
}

/** `xinyong serve`: open the registry, listen, checkpoint on a timer, and shut down cleanly. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const registry = await openRegistry(options);
  const service = new RegistryService(registry, registry.audit, registry.signer);
  let app: FastifyInstance;
  let url: string;
  let events: ListChangePublisher | undefined;
  let stream: NatsRecordStream | undefined;
  try {
    if (options.ingestStreamUrl) {
      const { NatsRecordStream } = await import('../adapters/stream-nats/nats-record-stream.js');
      stream = await NatsRecordStream.open(options.ingestStreamUrl).catch(streamUnreachable(options.ingestStreamUrl));
    }
    app = await buildServer({ ...options, service, logger: options.logger ?? true, ...(stream ? { recordStream: stream } : {}) });
    if (options.eventsNatsUrl) {
      const { NatsListChanges } = await import('../adapters/stream-nats/nats-list-changes.js');
      const publisher = await NatsListChanges.open(options.eventsNatsUrl).catch(streamUnreachable(options.eventsNatsUrl));
      events = publisher;
      service.feed.subscribe((change) => {
        publisher.publish([change]).catch((err: unknown) => app.log.error({ err, change: change.seq }, 'publishing a list change to NATS failed'));
      });
    }
    url = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
  } catch (e) {
    await events?.close();
    await stream?.close();
    await registry.close();
    throw e;
  }
  // Reads and decisions are audited as they happen; the timer makes sure they are signed within a minute.
  const timer = setInterval(() => {
    service.maybeCheckpoint(true).catch((err: unknown) => app.log.error({ err }, 'periodic checkpoint failed'));
  }, options.checkpointEveryMs ?? 60_000);
  timer.unref();
  // Deadlines, expiries and escalations fall due with time alone: the scheduler runs at start and every minute.
  let ticking: Promise<unknown> = Promise.resolve();
  const tick = () => {
    ticking = ticking.then(() => service.tick()).then(
      (s) => { if (s.lapsed + s.repairsDecided + s.erased + s.notices > 0) app.log.info({ tick: s }, 'scheduler tick'); },
      (err: unknown) => app.log.error({ err }, 'scheduler tick failed'),
    );
  };
  const tickEvery = options.tickEveryMs ?? 60_000;
  const scheduler = tickEvery > 0 ? setInterval(tick, tickEvery) : undefined;
  scheduler?.unref();
  if (tickEvery > 0) tick();

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    clearInterval(timer);
    if (scheduler) clearInterval(scheduler);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    try {
      await app.close();
      await ticking;
      await service.maybeCheckpoint(true);
    } finally {
      await events?.close();
      await stream?.close();
      await registry.close();
    }
  })());
  function onSignal(signal: NodeJS.Signals) {
    app.log.info({ signal }, 'shutting down');
    // If something still holds the event loop after a clean close, do not hang forever.
    close().then(
      () => setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref(),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  }
  if (options.handleSignals ?? true) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url, app, close };
}
