import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { Errors } from '../../core/errors.js';
import type { NatsRecordStream, NatsStreamConfig } from '../../adapters/stream-nats/nats-record-stream.js';
import { readLines } from '../../app/ingest/read-lines.js';
import { activePolicy } from '../../app/registry.js';
import { applyStreamBatch, streamRecovery, type StreamBatchSummary } from '../../app/stream/apply-stream-batch.js';
import { streamUnreachable } from '../../app/stream/stream-unreachable.js';
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, fail, printJson, withService } from '../run-command.js';

interface StreamOptions {
  natsUrl: string;
  stream: string;
  subjectPrefix: string;
  partitionCount: number;
  deadLetterStream?: string;
  deadLetterSubject?: string;
}

interface WorkerOptions extends StreamOptions {
  partitions?: string;
  batch: number;
  ackWait: number;
  announce: boolean;
  eventsStream: string;
  eventsPrefix: string;
}

const int = (v: string) => Number.parseInt(v, 10);

function streamOptions(command: Command): Command {
  return command
    .option('--nats-url <url>', 'NATS server (env NATS_URL)', process.env.NATS_URL ?? 'nats://127.0.0.1:4222')
    .option('--stream <name>', 'JetStream stream (env XINYONG_STREAM)', process.env.XINYONG_STREAM ?? 'XINYONG_RECORDS')
    .option('--subject-prefix <prefix>', 'subjects are PREFIX.<partition> (env XINYONG_STREAM_SUBJECTS)', process.env.XINYONG_STREAM_SUBJECTS ?? 'xinyong.records')
    .option('--partition-count <n>', 'partitions of the stream (fixed when it is created)', int, 8);
}

/** Loaded on use: the NATS client is most of what every other command would otherwise load at start. */
async function openStream(o: StreamOptions, ackWaitMs?: number): Promise<NatsRecordStream> {
  const { NatsRecordStream } = await import('../../adapters/stream-nats/nats-record-stream.js');
  return NatsRecordStream.open(o.natsUrl, config(o, ackWaitMs)).catch(streamUnreachable(o.natsUrl));
}

function config(o: StreamOptions, ackWaitMs?: number): NatsStreamConfig {
  if (!Number.isSafeInteger(o.partitionCount) || o.partitionCount < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--partition-count must be a positive whole number'));
  return {
    stream: o.stream, subjectPrefix: o.subjectPrefix, partitions: o.partitionCount, ...(ackWaitMs ? { ackWaitMs } : {}),
    ...(o.deadLetterStream ? { deadLetterStream: o.deadLetterStream } : {}), ...(o.deadLetterSubject ? { deadLetterSubject: o.deadLetterSubject } : {}),
  };
}

/** `xinyong worker` (consume the record stream into the store) and `xinyong publish FILE` (feed it). */
export function registerWorker(program: Command): void {
  streamOptions(program.command('worker'))
    .description('consume records from the NATS JetStream stream until SIGTERM or SIGINT')
    .option('--partitions <list>', 'partitions to take, e.g. 0,1,2 (default: all)')
    .option('--batch <n>', 'most records per batch (one transaction)', int, 500)
    .option('--ack-wait <seconds>', 'redeliver a batch not acknowledged within this time', int, 30)
    .option('--no-announce', 'do not publish list changes to the events stream')
    .option('--events-stream <name>', 'JetStream stream keeping list changes', 'XINYONG_EVENTS')
    .option('--events-prefix <prefix>', 'list changes go to PREFIX.list.<entered|exited>.<list>', 'xinyong.events')
    .option('--dead-letter-stream <name>', 'JetStream stream for refused records (default: <stream>_DEAD)')
    .option('--dead-letter-subject <subject>', 'subject of refused records', 'xinyong.deadletter')
    .action((opts: WorkerOptions, command: Command) =>
      withService(command, async (service, g) => {
        const { registry } = service;
        if (!Number.isSafeInteger(opts.batch) || opts.batch < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--batch must be a positive whole number'));
        if (!Number.isSafeInteger(opts.ackWait) || opts.ackWait < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--ack-wait must be a positive whole number of seconds'));
        const partitions = opts.partitions?.split(',').map((p) => Number(p.trim()));
        if (partitions?.some((p) => !Number.isSafeInteger(p) || p < 0 || p >= opts.partitionCount)) {
          throw new XyFailure(Errors.BAD_ARGUMENT(`--partitions must list numbers from 0 to ${opts.partitionCount - 1}`));
        }
        await activePolicy(registry); // fail now, not at the first batch, when the store has no policy
        const stream = await openStream(opts, opts.ackWait * 1000);
        const { NatsListChanges } = await import('../../adapters/stream-nats/nats-list-changes.js');
        const events = opts.announce ? await NatsListChanges.open(stream.connection, { stream: opts.eventsStream, subjectPrefix: opts.eventsPrefix }) : undefined;
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        let rejected = 0;
        let signedAt = Date.now();
        try {
          const { applied, lastAnnouncements } = await streamRecovery(registry.audit, stream.stream);
          // What the last batch of each partition changed may not have been announced before a crash.
          if (events) await events.publish(lastAnnouncements);
          await stream.consume(async (batch) => {
            const summary = await applyStreamBatch(registry, stream.stream, batch, applied, {
              deadLetter: (letters) => stream.deadLetter(letters), announce: Boolean(events),
            });
            // Announced once committed (the audit event keeps them, so a restarted worker announces them again).
            await events?.publish(summary.listChanges);
            rejected += summary.rejected;
            report(summary, Boolean(g.json));
            // A checkpoint every 1,000 events, and at least every minute while batches arrive.
            const force = Date.now() - signedAt > 60_000;
            await service.maybeCheckpoint(force);
            if (force) signedAt = Date.now();
          }, {
            ...(partitions ? { partitions } : {}), batchSize: opts.batch, signal: stop.signal,
            onError: (e, batch) => process.stderr.write(`xinyong: partition ${batch.partition} seq ${batch.records[0]?.seq}: ${(e as Error).message ?? String(e)} (will be redelivered)\n`),
          });
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          await events?.close();
          await stream.close();
        }
        return rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
      }));

  streamOptions(program.command('dead-letters'))
    .description('list the records the worker refused for good, with the reason (newest last)')
    .option('--dead-letter-stream <name>', 'JetStream stream for refused records (default: <stream>_DEAD)')
    .option('--limit <n>', 'most letters to show', int, 100)
    .action(async (opts: StreamOptions & { limit: number }, command: Command) => {
      const json = Boolean((command.optsWithGlobals() as { json?: boolean }).json);
      let stream: NatsRecordStream | undefined;
      try {
        stream = await openStream(opts);
        const letters = await stream.deadLetters(opts.limit);
        if (json) printJson(letters);
        else {
          if (letters.length === 0) process.stdout.write('no dead letters\n');
          for (const l of letters) {
            process.stdout.write(`${l.at} partition ${l.partition} seq ${l.seq}${l.source ? ` ${l.source} ${l.ref ?? ''}` : ''}: ${l.code}: ${l.message}\n`);
          }
        }
      } catch (e) {
        fail(e);
      } finally {
        await stream?.close();
      }
    });

  streamOptions(program.command('publish'))
    .description('publish the records of a JSON Lines file ("-" = stdin) to the NATS JetStream stream')
    .argument('<file>', 'JSON Lines file')
    .action(async (file: string, opts: StreamOptions, command: Command) => {
      const json = Boolean((command.optsWithGlobals() as { json?: boolean }).json);
      let stream: NatsRecordStream | undefined;
      try {
        const input = file === '-' ? process.stdin : createReadStream(file);
        const opened = new Promise<void>((resolve, reject) => {
          if (file === '-') resolve();
          input.once('open', () => resolve()).once('error', () => reject(new XyFailure(Errors.FILE_NOT_FOUND(file))));
        });
        await opened;
        stream = await openStream(opts);
        let published = 0;
        const errors: { line: number; code: string; message: string }[] = [];
        let chunk: unknown[] = [];
        // Lines are only decoded here: the worker validates each record against the policy it applies.
        for await (const item of readLines(input, { maxLineBytes: 1024 * 1024 })) {
          if ('error' in item) {
            errors.push({ line: item.line, code: item.error.code, message: item.error.message });
            continue;
          }
          if (item.text.trim() === '') continue;
          try {
            chunk.push(JSON.parse(item.text) as unknown);
          } catch (e) {
            const error = Errors.RECORD_JSON((e as Error).message.slice(0, 200));
            errors.push({ line: item.line, code: error.code, message: error.message });
          }
          if (chunk.length >= 1000) {
            await stream.publish(chunk);
            published += chunk.length;
            chunk = [];
          }
        }
        await stream.publish(chunk);
        published += chunk.length;
        if (json) printJson({ published, rejected: errors.length, errors });
        else {
          process.stdout.write(`published ${published}, rejected ${errors.length}\n`);
          for (const e of errors) process.stdout.write(`line ${e.line}: ${e.code}: ${e.message}\n`);
        }
        process.exitCode = errors.length > 0 ? ExitCode.someRejected : ExitCode.ok;
      } catch (e) {
        fail(e);
      } finally {
        await stream?.close();
      }
    });
}

function report(s: StreamBatchSummary, json: boolean): void {
  if (json) {
    printJson({
      partition: s.partition, firstSeq: s.firstSeq, lastSeq: s.lastSeq, accepted: s.accepted, updated: s.updated,
      duplicates: s.duplicates, rejected: s.rejected, skipped: s.skipped, deadLettered: s.deadLetters.length, listChanges: s.listChanges.length,
      errors: s.errors,
    });
    return;
  }
  process.stdout.write(`partition ${s.partition} seq ${s.firstSeq}-${s.lastSeq}: accepted ${s.accepted}, updated ${s.updated}, `
    + `duplicates ${s.duplicates}, rejected ${s.rejected} (dead-lettered ${s.deadLetters.length})${s.skipped ? `, skipped ${s.skipped} already applied` : ''}\n`);
  for (const e of s.errors) process.stdout.write(`seq ${e.line}: ${e.code}: ${e.message}\n`);
}
