import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import type { RegistryStore, RevisionRow } from '../../ports/registry-store.js';
import { subjectView, type SubjectView } from '../subject-view.js';

/** How a record reached this subject when a provisional subject linked into it holds it. */
export interface RecordLinkage {
  heldBy: string;
  linkId: string;
  basis: string;
  weight: number | null;
  probability: number | null;
  priorWeight: number | null;
  reason: string;
  comparisons: SubjectLink['detail']['comparisons'];
  linkedAt: string;
  linkedBy: string;
}

const linkView = (l: SubjectLink) => ({
  id: l.id, subjectId: l.subjectId, targetId: l.targetId, basis: l.basis, weight: l.weight,
  probability: Number.isFinite(l.detail.probability) ? l.detail.probability : null, reason: l.detail.reason,
  priorWeight: l.detail.priorWeight ?? null, comparisons: l.detail.comparisons, source: l.detail.source ?? null, ref: l.detail.ref ?? null, note: l.detail.note ?? null,
  linkedAt: l.linkedAt, linkedBy: l.linkedBy, unlinkedAt: l.unlinkedAt, unlinkedBy: l.unlinkedBy, unlinkReason: l.unlinkReason,
});

const reviewView = (r: LinkReview) => ({
  id: r.id, subjectId: r.subjectId, candidateId: r.candidateId, status: r.status, basis: r.basis, weight: r.weight,
  probability: Number.isFinite(r.detail.probability) ? r.detail.probability : null, priorWeight: r.detail.priorWeight ?? null,
  reason: r.detail.reason, comparisons: r.detail.comparisons, source: r.detail.source ?? null, ref: r.detail.ref ?? null,
  createdAt: r.createdAt, decidedAt: r.decidedAt, decidedBy: r.decidedBy, note: r.note,
});

export type LinkView = ReturnType<typeof linkView>;
export type ReviewView = ReturnType<typeof reviewView>;
export { linkView, reviewView };

/**
 * A subject's identity links for its report: where it is linked (then its records count there),
 * every link ever made into or out of it with each comparison's weight, and reviews about it; and,
 * for each record a linked subject holds, the link that brought it here.
 */
export async function linkageOf(store: RegistryStore, subjectId: string, revisions: readonly RevisionRow[]) {
  const holders = [...new Set(revisions.flatMap((r) => (r.linkedFrom ? [r.linkedFrom] : [])))];
  const [standing, history, reviews] = await Promise.all([
    store.activeLinksOf([subjectId, ...holders]), store.linkHistory(subjectId), store.reviewsOfSubjects([subjectId]),
  ]);
  const byHolder = new Map<string, RecordLinkage>();
  for (const holder of holders) {
    const l = standing.get(holder);
    if (!l) continue;
    byHolder.set(holder, {
      heldBy: holder, linkId: l.id, basis: l.basis, weight: l.weight, probability: Number.isFinite(l.detail.probability) ? l.detail.probability : null,
      priorWeight: l.detail.priorWeight ?? null,
      reason: l.detail.reason, comparisons: l.detail.comparisons, linkedAt: l.linkedAt, linkedBy: l.linkedBy,
    });
  }
  const out = standing.get(subjectId);
  // Both sides of each link as a reader of this report may see them: name and masked number.
  const sides = new Map<string, SubjectView | null>();
  for (const l of [...history, ...(out ? [out] : [])]) {
    for (const id of [l.subjectId, l.targetId]) if (!sides.has(id)) sides.set(id, null);
  }
  for (const id of sides.keys()) {
    const row = await store.subjectById(id);
    sides.set(id, row ? subjectView(row) : null);
  }
  const withSides = (l: SubjectLink) => ({ ...linkView(l), subject: sides.get(l.subjectId) ?? null, target: sides.get(l.targetId) ?? null });
  return {
    recordLinkage: (r: Pick<RevisionRow, 'linkedFrom'>) => (r.linkedFrom ? byHolder.get(r.linkedFrom) ?? null : null),
    section: {
      linkedInto: out ? withSides(out) : null,
      history: history.map(withSides),
      reviews: reviews.map(reviewView),
    },
  };
}
