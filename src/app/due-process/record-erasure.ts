import { erasureDueAt } from '../../core/due-process/erasure-due-at.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import { recordStates } from '../../core/records/record-state.js';
import type { RegistryStore } from '../../ports/registry-store.js';

/**
 * When the record a case is about is erased: judged on the record's latest revision (as ingest and
 * the tick's erasure judge it), not the revision the case was filed against, which a correction may
 * have replaced with another date. Null when the record is kept for good; undefined when it is gone.
 */
export async function recordErasureDue(store: RegistryStore, policy: Policy, recordId: string, now: string): Promise<string | null | undefined> {
  const revision = await store.revisionById(recordId);
  if (!revision) return undefined;
  const revisions = (await store.revisionsOfSubjects([revision.subjectId])).get(revision.subjectId) ?? [];
  const head = recordStates(revisions, now).find((s) => s.head.source === revision.source && s.head.ref === revision.ref)?.head ?? revision;
  return erasureDueAt(policy, head);
}
