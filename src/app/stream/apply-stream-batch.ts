import { createHash } from 'node:crypto';
import type { Principal } from '../../core/access/authorize.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { DeadLetter, StreamBatch } from '../../ports/record-stream.js';
import { deriveWith } from '../derive-hook.js';
import { activeLists, listChanges, type ListChange } from '../list-change-feed.js';
import { emptySummary, ingestRecords, type IngestSummary } from '../ingest/ingest-records.js';
import { auditWrite, OPERATOR } from '../operator.js';
import { activePolicy, type Registry } from '../registry.js';

/** The stream worker, audited as such (an admin acting for the furnishers who published). */
export const WORKER: Principal = { ...OPERATOR, id: 'stream:worker', label: 'stream worker' };

/** What one applied batch did; `skipped` were already applied (at or below the partition's applied seq). */
export interface StreamBatchSummary extends IngestSummary {
  partition: number;
  firstSeq: number;
  lastSeq: number;
  skipped: number;
  /** Records refused for good, set aside with the reason before the batch committed. */
  deadLetters: DeadLetter[];
  /** Subjects entering or leaving lists through this batch (when asked for), to announce once it committed. */
  listChanges: Array<Omit<ListChange, 'seq'>>;
}

export interface ApplyStreamOptions {
  /** Where refused records go; called inside the batch's transaction, so it must be idempotent (it is retried with the batch). */
  deadLetter?: (letters: readonly DeadLetter[]) => Promise<void>;
  /** Compute the list changes the batch causes (a before-and-after read of each touched subject). */
  announce?: boolean;
}

/** How far each partition of a stream has been applied, as recorded in the audit log. */
export type AppliedSeqs = Map<number, number>;

/**
 * Apply a batch of streamed records in one transaction, with the derived state and an audit event
 * that names the stream positions it covers (`detail.stream`), committed together. Records at or
 * below the partition's applied position are skipped; anything else already stored comes back a
 * duplicate (ingest is idempotent on source, ref and revision), so a redelivery adds nothing.
 */
export async function applyStreamBatch(
  registry: Registry, stream: string, batch: StreamBatch, applied: AppliedSeqs, options: ApplyStreamOptions = {},
): Promise<StreamBatchSummary> {
  const floor = applied.get(batch.partition) ?? 0;
  const fresh = batch.records.filter((r) => r.seq > floor);
  const summary: StreamBatchSummary = {
    ...emptySummary(), partition: batch.partition,
    firstSeq: batch.records[0]?.seq ?? 0, lastSeq: batch.records.at(-1)?.seq ?? 0, skipped: batch.records.length - fresh.length,
    deadLetters: [], listChanges: [],
  };
  // A batch delivered again may have been committed by a worker that died before announcing it:
  // announce again what the batches covering these positions announced (the bus drops duplicates).
  if (options.announce && batch.attempt > 1 && batch.records.length > 0) {
    summary.listChanges.push(...await announcementsFor(registry.audit, stream, batch.partition, summary.firstSeq, summary.lastSeq));
  }
  if (fresh.length === 0) return summary;
  const { policy, version } = await activePolicy(registry);
  const position = { name: stream, partition: batch.partition, firstSeq: fresh[0]!.seq, lastSeq: fresh.at(-1)!.seq };
  async function* items() {
    for (const r of fresh) yield { line: r.seq, raw: r.raw };
  }
  const derive = deriveWith(policy, version, registry.newId);
  const at = registry.clock.now();
  const bySeq = new Map(fresh.map((r) => [r.seq, r.raw]));
  const letter = (seq: number, code: string, message: string): DeadLetter => {
    const raw = bySeq.get(seq);
    const { source, ref } = typeof raw === 'object' && raw !== null ? (raw as { source?: unknown; ref?: unknown }) : {};
    return {
      stream, partition: batch.partition, seq, code, message, at,
      ...(typeof source === 'string' ? { source: source.slice(0, 200) } : {}), ...(typeof ref === 'string' ? { ref: ref.slice(0, 200) } : {}),
    };
  };
  await ingestRecords(items(), {
    ...registry, policy,
    derive: async (tx, ids, asOf) => {
      const before = options.announce ? await activeLists(tx, ids, asOf) : undefined;
      await derive(tx, ids, asOf);
      if (before) summary.listChanges.push(...listChanges(policy, before, await activeLists(tx, ids, asOf), asOf));
    },
    auditBatch: async (tx, facts) => {
      // Lines refused while reading are in the summary already; the store's refusals come with the facts.
      summary.deadLetters = [
        ...summary.errors.map((e) => letter(e.line, e.code, e.message)),
        ...facts.refusals.map((r) => letter(r.line, r.error.code, r.error.message)),
      ].sort((a, b) => a.seq - b.seq);
      // Set aside before the commit: a crash after it cannot lose a letter, and one sent twice is kept once.
      if (options.deadLetter) await options.deadLetter(summary.deadLetters);
      await auditWrite(registry, WORKER, 'records.ingest', {
        added: facts.added, updated: facts.updated, duplicates: facts.duplicates, refused: facts.refused,
        revisions: facts.revisionIds.length,
        revisionsDigest: createHash('sha256').update(facts.revisionIds.join('\n')).digest('hex'),
        ...(facts.links.length > 0 ? { links: facts.links } : {}),
        stream: { ...position, deadLetters: summary.deadLetters.length },
        // The outbox of this batch's announcements: committed with it, published after the commit, and
        // published again by a worker that restarts (see lastAnnouncements), so a crash between the
        // commit and the publication loses none (the bus drops the duplicates by message id).
        ...(options.announce ? { announced: summary.listChanges } : {}),
      }, null, tx);
    },
  }, summary, { batchSize: Number.MAX_SAFE_INTEGER });
  // Every record of the batch is either stored or rejected for good: the batch is applied.
  applied.set(batch.partition, Math.max(floor, position.lastSeq));
  return summary;
}

/**
 * What a worker starting on `stream` needs from the audit log, in one read backwards from its end
 * (at most `maxEvents`; older positions only save duplicates): the applied position of each
 * partition, and the announcements of each partition's last applied batch, which a worker killed
 * after its commit may not have published (the new one publishes them again).
 */
export async function streamRecovery(audit: AuditLog, stream: string, maxEvents = 20_000): Promise<{ applied: AppliedSeqs; lastAnnouncements: Array<Omit<ListChange, 'seq'>> }> {
  const applied: AppliedSeqs = new Map();
  const last = new Map<number, WorkerBatch>();
  for (const b of await workerBatches(audit, stream, maxEvents)) {
    applied.set(b.partition, Math.max(applied.get(b.partition) ?? 0, b.lastSeq));
    const seen = last.get(b.partition);
    if (!seen || b.lastSeq > seen.lastSeq) last.set(b.partition, b);
  }
  return { applied, lastAnnouncements: [...last.values()].flatMap((b) => b.announced) };
}

/** The applied position of each partition of `stream` (see streamRecovery). */
export async function appliedSeqs(audit: AuditLog, stream: string, maxEvents = 20_000): Promise<AppliedSeqs> {
  return (await streamRecovery(audit, stream, maxEvents)).applied;
}

/** The announcements of each partition's last applied batch (see streamRecovery). */
export async function lastAnnouncements(audit: AuditLog, stream: string, maxEvents = 20_000): Promise<Array<Omit<ListChange, 'seq'>>> {
  return (await streamRecovery(audit, stream, maxEvents)).lastAnnouncements;
}

/** What the worker's batches of `partition` that overlap stream positions `from`..`to` announced. */
export async function announcementsFor(audit: AuditLog, stream: string, partition: number, from: number, to: number, maxEvents = 5000): Promise<Array<Omit<ListChange, 'seq'>>> {
  return (await workerBatches(audit, stream, maxEvents))
    .filter((b) => b.partition === partition && b.firstSeq <= to && b.lastSeq >= from)
    .flatMap((b) => b.announced);
}

interface WorkerBatch {
  partition: number;
  firstSeq: number;
  lastSeq: number;
  announced: Array<Omit<ListChange, 'seq'>>;
}

/** The worker's batches of `stream` found in the last `maxEvents` events of the audit log. */
async function workerBatches(audit: AuditLog, stream: string, maxEvents: number): Promise<WorkerBatch[]> {
  const out: WorkerBatch[] = [];
  const size = await audit.size();
  const page = 1000;
  for (let end = size; end > 0 && size - end < maxEvents; end -= page) {
    const from = Math.max(0, end - page);
    for (const e of await audit.events(from, end - from)) {
      if (e.action !== 'records.ingest' || e.actor !== WORKER.id) continue;
      const s = e.detail.stream as { name?: unknown; partition?: unknown; firstSeq?: unknown; lastSeq?: unknown } | undefined;
      if (s?.name !== stream || typeof s.partition !== 'number' || typeof s.lastSeq !== 'number') continue;
      const announced = Array.isArray(e.detail.announced) ? (e.detail.announced as Array<Omit<ListChange, 'seq'>>) : [];
      out.push({ partition: s.partition, firstSeq: typeof s.firstSeq === 'number' ? s.firstSeq : s.lastSeq, lastSeq: s.lastSeq, announced });
    }
  }
  return out;
}
