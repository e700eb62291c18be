import { createHash } from 'node:crypto';
import type { Principal } from '../../core/access/authorize.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { StreamBatch } from '../../ports/record-stream.js';
import { deriveWith } from '../derive-hook.js';
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
  registry: Registry, stream: string, batch: StreamBatch, applied: AppliedSeqs,
): Promise<StreamBatchSummary> {
  const floor = applied.get(batch.partition) ?? 0;
  const fresh = batch.records.filter((r) => r.seq > floor);
  const summary: StreamBatchSummary = {
    ...emptySummary(), partition: batch.partition,
    firstSeq: batch.records[0]?.seq ?? 0, lastSeq: batch.records.at(-1)?.seq ?? 0, skipped: batch.records.length - fresh.length,
  };
  if (fresh.length === 0) return summary;
  const { policy, version } = await activePolicy(registry);
  const position = { name: stream, partition: batch.partition, firstSeq: fresh[0]!.seq, lastSeq: fresh.at(-1)!.seq };
  async function* items() {
    for (const r of fresh) yield { line: r.seq, raw: r.raw };
  }
  await ingestRecords(items(), {
    ...registry, policy,
    derive: deriveWith(policy, version, registry.newId),
    auditBatch: (tx, facts) => auditWrite(registry, WORKER, 'records.ingest', {
      added: facts.added, updated: facts.updated, duplicates: facts.duplicates, refused: facts.refused,
      revisions: facts.revisionIds.length,
      revisionsDigest: createHash('sha256').update(facts.revisionIds.join('\n')).digest('hex'),
      stream: position,
    }, null, tx),
  }, summary, { batchSize: Number.MAX_SAFE_INTEGER });
  // Every record of the batch is either stored or rejected for good: the batch is applied.
  applied.set(batch.partition, Math.max(floor, position.lastSeq));
  return summary;
}

/**
 * The applied position of each partition of `stream`, from the latest worker audit events: read
 * backwards from the end of the log, at most `maxEvents` (older positions only save duplicates).
 */
export async function appliedSeqs(audit: AuditLog, stream: string, maxEvents = 20_000): Promise<AppliedSeqs> {
  const applied: AppliedSeqs = new Map();
  const size = await audit.size();
  const page = 1000;
  for (let end = size; end > 0 && size - end < maxEvents; end -= page) {
    const from = Math.max(0, end - page);
    const events = await audit.events(from, end - from);
    for (const e of events) {
      if (e.action !== 'records.ingest' || e.actor !== WORKER.id) continue;
      const s = e.detail.stream as { name?: unknown; partition?: unknown; lastSeq?: unknown } | undefined;
      if (s?.name !== stream || typeof s.partition !== 'number' || typeof s.lastSeq !== 'number') continue;
      applied.set(s.partition, Math.max(applied.get(s.partition) ?? 0, s.lastSeq));
    }
  }
  return applied;
}
