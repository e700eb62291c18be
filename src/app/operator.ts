import { createHash } from 'node:crypto';
import type { Principal } from '../core/access/authorize.js';
import type { AuditEventInput } from '../core/audit/audit-event.js';
import type { BatchFacts } from './ingest/ingest-records.js';
import type { RegistryStore } from '../ports/registry-store.js';
import type { Registry } from './registry.js';

/** The operator at the command line: an admin, audited as `cli:operator`. */
export const OPERATOR: Principal = {
  id: 'cli:operator', role: 'admin', source: null, subjectId: null, actions: [], purposes: [], label: 'command line',
};

/** The purpose logged for an operator's read when none is given (`--purpose`). */
export const OPERATOR_PURPOSE = 'operator_review';

/** Append one audit event for something the principal wrote (in the caller's transaction, if any). */
export async function auditWrite(
  registry: Registry, p: Principal, action: string, detail: Record<string, unknown>, subjectId: string | null = null, tx?: RegistryStore,
) {
  await (tx ? registry.audit.within(tx) : registry.audit).append(auditEventOf(registry, p, action, detail, subjectId));
}

/** The audit event of something the principal did now (marked simulated under XINYONG_CLOCK). */
export function auditEventOf(
  registry: Registry, p: Principal, action: string, detail: Record<string, unknown>, subjectId: string | null, purpose: string | null = null,
): AuditEventInput {
  return { at: registry.clock.now(), actor: p.id, role: p.role, action, subjectId, purpose, detail, simulated: registry.clock.simulated };
}

/** The ingest hook that records each committed batch: its counts and a digest of the revisions it stored. */
export function auditIngestBatch(registry: Registry, p: Principal) {
  return (tx: RegistryStore, batch: BatchFacts) =>
    auditWrite(registry, p, 'records.ingest', {
      added: batch.added, updated: batch.updated, duplicates: batch.duplicates, refused: batch.refused,
      revisions: batch.revisionIds.length,
      revisionsDigest: createHash('sha256').update(batch.revisionIds.join('\n')).digest('hex'),
      ...(batch.links.length > 0 ? { links: batch.links } : {}),
    }, null, tx);
}
