import { maskNumbersIn } from '../../core/linkage/mask-comparison.js';
import type { LinkDetail } from '../../ports/linkage-store.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import type { LinkPlan } from './claim-linker.js';

/** What a batch's linkage did, for its audit event: registry ids and weights, nothing personal. */
export interface LinkFact {
  subjectId: string;
  decision: 'link' | 'review' | 'provisional';
  /** The subject linked into, or the candidate to review. */
  candidateId: string | null;
  basis: string;
  weight: number | null;
}

/**
 * Store what linkage decided for the new provisional subjects the batch created, in the batch's
 * transaction: their blocking keys, the links made and the reviews queued. A plan about a subject the
 * store did not create (every line of it refused), or pointing at one, is dropped. Returns the facts
 * and the subjects whose derived state the links changed.
 */
export async function saveLinkPlans(
  tx: RegistryStore, plans: readonly LinkPlan[], exists: (subjectId: string) => boolean, at: string, newId: () => string,
): Promise<{ facts: LinkFact[]; linkedInto: string[] }> {
  const facts: LinkFact[] = [];
  const linkedInto = new Set<string>();
  const kept = plans.filter((p) => exists(p.subjectId));
  const keys = kept.flatMap((p) => p.keys.map((key) => ({ key, subjectId: p.subjectId })));
  if (keys.length > 0) await tx.addLinkKeys(keys);
  for (const { subjectId, decision: d, source, ref } of kept) {
    const candidateId = d.subjectId !== undefined && exists(d.subjectId) ? d.subjectId : null;
    const decision = candidateId === null ? 'provisional' : d.decision;
    const weight = Number.isFinite(d.weight) ? d.weight : null;
    // The candidate's full number may be in a comparison's text: kept and shown only masked.
    const comparisons = d.comparisons.map((c) => ({ ...c, text: maskNumbersIn(c.text) }));
    const detail: LinkDetail = {
      reason: d.reason, probability: d.probability, comparisons, source, ref, ...(d.priorWeight !== undefined ? { priorWeight: d.priorWeight } : {}),
    };
    facts.push({ subjectId, decision, candidateId, basis: d.basis, weight });
    if (decision === 'link' && candidateId) {
      await tx.saveLink({
        id: newId(), subjectId, targetId: candidateId, linkedAt: at, linkedBy: 'ingest', basis: d.basis, weight, detail,
        unlinkedAt: null, unlinkedBy: null, unlinkReason: null,
      });
      linkedInto.add(candidateId);
      // A subject linked after its records arrived (a number came later) loses them to the target.
      linkedInto.add(subjectId);
    } else if (decision === 'review' && candidateId) {
      await tx.saveReview({
        id: newId(), subjectId, candidateId, createdAt: at, status: 'open', basis: d.basis, weight, detail,
        decidedAt: null, decidedBy: null, note: null,
      });
    }
  }
  return { facts, linkedInto: [...linkedInto] };
}
