import type { Principal } from '../../core/access/authorize.js';
import { Errors } from '../../core/errors.js';
import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { auditEventOf, auditWrite } from '../operator.js';
import type { Registry } from '../registry.js';
import type { SubjectEvaluator } from '../subject-evaluator.js';
import { subjectView, type SubjectView } from '../subject-report.js';
import { XyFailure } from '../xy-failure.js';
import { reviewView, type ReviewView } from './linkage-view.js';
import { linkRoot } from './link-root.js';
import { rehomeCases } from './rehome-cases.js';

export interface LinkDeskDeps {
  registry: Registry;
  evaluator: () => Promise<SubjectEvaluator>;
  /** Called after links change whose records count for whom (caches of decision states must go). */
  changed?: () => void;
}

/** How a review ended: the provisional subject joined the candidate, or stays apart. */
export type ReviewOutcome = 'link' | 'reject';

const adminOnly = (p: Principal, what: string) => {
  if (p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`only the registry (an admin key) ${what}`));
};

/**
 * Identity links after ingest: the review queue, and linking or unlinking by hand. A link makes a
 * provisional subject's records count as its target's; unlinking gives them back. Each step commits
 * the link, the refreshed derived state of everyone whose records moved and its audit event together.
 */
export class LinkDesk {
  constructor(private readonly deps: LinkDeskDeps) {}

  /**
   * Open reviews, oldest first, each with both subjects as the reviewer sees them (numbers masked).
   * Showing a subject to a reviewer is a read of its file: it goes in that subject's access log.
   */
  async queue(p: Principal, limit: number, afterId?: string): Promise<Array<{ review: ReviewView; subject: SubjectView | null; candidate: SubjectView | null }>> {
    adminOnly(p, 'reviews identity links');
    const { store } = this.deps.registry;
    const reviews = await store.openReviews(limit, afterId);
    const ids = [...new Set(reviews.flatMap((r) => [r.subjectId, r.candidateId]))];
    const subjects = new Map((await Promise.all(ids.map((id) => store.subjectById(id)))).flatMap((s) => (s ? [[s.id, subjectView(s)] as const] : [])));
    if (ids.length > 0) {
      await store.transaction(async (tx) => {
        const log = this.deps.registry.audit.within(tx);
        for (const id of ids) await log.append(auditEventOf(this.deps.registry, p, 'subject.read', {}, id, 'link_review'));
      });
    }
    return reviews.map((r) => ({ review: reviewView(r), subject: subjects.get(r.subjectId) ?? null, candidate: subjects.get(r.candidateId) ?? null }));
  }

  async review(p: Principal, id: string): Promise<LinkReview> {
    adminOnly(p, 'reviews identity links');
    const review = await this.deps.registry.store.reviewById(id);
    if (!review) throw new XyFailure(Errors.LINK_REVIEW_NOT_FOUND(id));
    return review;
  }

  async decideReview(p: Principal, id: string, input: { outcome: ReviewOutcome; note?: string }): Promise<LinkReview> {
    const review = await this.review(p, id);
    if (review.status !== 'open') throw new XyFailure(Errors.LINK_REVIEW_DECIDED(id, review.status));
    const decided: LinkReview = {
      ...review, status: input.outcome === 'link' ? 'linked' : 'rejected', decidedAt: this.now(), decidedBy: p.id, note: input.note ?? null,
    };
    if (input.outcome === 'reject') {
      await this.commit(p, 'link.review', [], { reviewId: id, outcome: 'reject', provisionalId: review.subjectId }, review.candidateId, async (tx) => tx.saveReview(decided));
      return decided;
    }
    await this.linkWith(p, review.subjectId, review.candidateId, {
      basis: review.basis, weight: review.weight, detail: { ...review.detail, note: input.note ?? `review ${id}` },
    }, { reviewId: id, outcome: 'link' }, async (tx) => tx.saveReview(decided));
    return decided;
  }

  /** Link a provisional subject into another (a person decided it, outside the queue). */
  async link(p: Principal, subjectId: string, targetId: string, note?: string): Promise<SubjectLink> {
    adminOnly(p, 'links subjects');
    return this.linkWith(p, subjectId, targetId, {
      basis: 'reviewer', weight: null, detail: { reason: 'linked by a reviewer', probability: Number.NaN, comparisons: [], ...(note ? { note } : {}) },
    }, {});
  }

  /** End the standing link out of `subjectId`: its records count as its own again. */
  async unlink(p: Principal, subjectId: string, reason: string): Promise<SubjectLink> {
    adminOnly(p, 'unlinks subjects');
    const { store } = this.deps.registry;
    const link = (await store.activeLinksOf([subjectId])).get(subjectId);
    if (!link) throw new XyFailure(Errors.LINK_NOT_FOUND(subjectId));
    const root = await this.rootOf(store, link.targetId);
    const ended: SubjectLink = { ...link, unlinkedAt: this.now(), unlinkedBy: p.id, unlinkReason: reason };
    await this.commit(p, 'subject.unlink', [subjectId, root], { linkId: link.id, provisionalId: subjectId, targetId: link.targetId, reason }, root, async (tx) => tx.saveLink(ended));
    return ended;
  }

  private async linkWith(
    p: Principal, subjectId: string, targetId: string, why: Pick<SubjectLink, 'basis' | 'weight' | 'detail'>,
    auditDetail: Record<string, unknown>, also?: (tx: RegistryStore) => Promise<void>,
  ): Promise<SubjectLink> {
    const { store } = this.deps.registry;
    const [subject, target] = await Promise.all([store.subjectById(subjectId), store.subjectById(targetId)]);
    if (!subject) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with id ${subjectId}`));
    if (!target) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with id ${targetId}`));
    // Two subjects that each have a full number are two people: only a provisional subject is linked.
    if (subject.idKind !== null) throw new XyFailure(Errors.LINK_NOT_ALLOWED(`${subjectId} has a full identity number; only a provisional subject is linked into another`));
    if (subject.kind !== target.kind) throw new XyFailure(Errors.LINK_NOT_ALLOWED('a person and an organisation'));
    if ((await store.activeLinksOf([subjectId])).has(subjectId)) throw new XyFailure(Errors.LINK_NOT_ALLOWED(`${subjectId} is already linked; unlink it first`));
    const root = await this.rootOf(store, targetId);
    if (root === subjectId) throw new XyFailure(Errors.LINK_NOT_ALLOWED(`${targetId} is linked into ${subjectId}: the link would be a cycle`));
    const link: SubjectLink = {
      id: this.deps.registry.newId(), subjectId, targetId: root, linkedAt: this.now(), linkedBy: p.id, ...why,
      unlinkedAt: null, unlinkedBy: null, unlinkReason: null,
    };
    await this.commit(p, 'subject.link', [subjectId, root], { ...auditDetail, linkId: link.id, provisionalId: subjectId, targetId: root, basis: link.basis, weight: link.weight }, root, async (tx) => {
      await also?.(tx);
      await tx.saveLink(link);
    });
    return link;
  }

  private async rootOf(store: RegistryStore, id: string): Promise<string> {
    return linkRoot(id, async (at) => (await store.activeLinksOf([at])).get(at)?.targetId);
  }

  private async commit(
    // The audit event goes in the file of the subject whose records changed standing (the link's target).
    p: Principal, action: string, refresh: readonly string[], detail: Record<string, unknown>, subjectId: string,
    write: (tx: RegistryStore) => Promise<void>,
  ): Promise<void> {
    const { registry } = this.deps;
    const evaluator = await this.deps.evaluator();
    await registry.store.transaction(async (tx) => {
      await write(tx);
      if (refresh.length > 0) {
        await rehomeCases(tx, refresh);
        await evaluator.on(tx).refresh(refresh, this.now());
      }
      await auditWrite(registry, p, action, detail, subjectId, tx);
    });
    this.deps.changed?.();
  }

  private now(): string {
    return this.deps.registry.clock.now();
  }
}
