import { expect, it } from 'vitest';
import type { LinkReview, SubjectLink } from '../../src/ports/linkage-store.js';
import type { RegistryStore } from '../../src/ports/registry-store.js';

/** One stored record about a new subject. */
export interface StoredRecord {
  subjectId: string;
  revisionId: string;
}

export interface LinkageFixtures {
  store: () => RegistryStore;
  /**
   * Append one record (`ref`) about a new subject with blind index `index`: a full-number subject,
   * or a provisional one (no identity kind). `relatedIndex`: the record is an organisation's (`index`) naming
   * the subject with that blind index (stored or new) as its related party.
   */
  stored: (index: string, ref: string, options?: { provisional?: boolean; relatedIndex?: string }) => Promise<StoredRecord>;
}

let serial = 0;
const next = (prefix: string) => `${prefix}-${String(++serial).padStart(8, '0')}`;
const day = (d: number) => `2025-05-${String(d).padStart(2, '0')}T00:00:00.000Z`;

function link(subjectId: string, targetId: string, over: Partial<SubjectLink> = {}): SubjectLink {
  return {
    id: next('l'), subjectId, targetId, linkedAt: day(1), linkedBy: 'ingest', basis: 'match-weight', weight: 17.25,
    detail: {
      reason: 'match weight 17.25 bits is above the link threshold', probability: 0.9999,
      comparisons: [{ field: 'name', level: 'exact', weight: 9.5, text: 'names agree' }], source: 'court.enforcement', ref: 'case-1',
    },
    unlinkedAt: null, unlinkedBy: null, unlinkReason: null, ...over,
  };
}

function review(subjectId: string, candidateId: string, over: Partial<LinkReview> = {}): LinkReview {
  return {
    id: next('v'), subjectId, candidateId, createdAt: day(1), status: 'open', basis: 'match-weight', weight: 8.5,
    detail: { reason: 'between the thresholds', probability: 0.7, comparisons: [] }, decidedAt: null, decidedBy: null, note: null, ...over,
  };
}

const ended = (l: SubjectLink, at: string): SubjectLink => ({ ...l, unlinkedAt: at, unlinkedBy: 'op-1', unlinkReason: 'not the same person' });
const sorted = (ids: readonly string[]) => [...ids].sort();

/**
 * Identity linkage (src/ports/linkage-store.ts), run inside the RegistryStore contract's describe for
 * every adapter: blocking keys, links and their history, reviews, and the reads that follow links.
 */
export function linkageStoreContract({ store, stored }: LinkageFixtures): void {
  it('indexes blocking keys idempotently, moves the key cursor only forward, and ignores too common keys', async () => {
    const s = store();
    const [a, b, c] = sorted([(await stored('lk-a', 'k-1')).subjectId, (await stored('lk-b', 'k-2')).subjectId, (await stored('lk-c', 'k-3')).subjectId]);
    expect(await s.linkKeysCursor()).toBeNull();
    await s.addLinkKeys([{ key: 'k1', subjectId: a! }, { key: 'k1', subjectId: b! }, { key: 'k2', subjectId: a! }], b);
    expect(await s.linkKeysCursor()).toBe(b);
    // The same keys again (and one twice in a call): still one row each; a cursor behind stays where it was.
    await s.addLinkKeys([{ key: 'k1', subjectId: b! }, { key: 'k1', subjectId: a! }, { key: 'k1', subjectId: a! }], a);
    expect(await s.linkKeysCursor()).toBe(b);
    await s.addLinkKeys([{ key: 'k3', subjectId: c! }]);
    expect(await s.linkKeysCursor()).toBe(b);
    await s.addLinkKeys([], c);
    expect(await s.linkKeysCursor()).toBe(c);

    expect(sorted(await s.subjectsByLinkKeys(['k1'], 2))).toEqual([a, b]);
    expect(sorted(await s.subjectsByLinkKeys(['k1', 'k2', 'k3', 'k-none'], 5))).toEqual([a, b, c]);
    // k1 is held by two subjects: with at most one allowed it is too common and left out.
    expect(await s.subjectsByLinkKeys(['k1'], 1)).toEqual([]);
    expect(sorted(await s.subjectsByLinkKeys(['k1', 'k2', 'k3'], 1))).toEqual([a, c]);
    expect(await s.subjectsByLinkKeys(['k-none'], 3)).toEqual([]);
    expect(await s.subjectsByLinkKeys([], 3)).toEqual([]);
    // Keys and cursor are written in a transaction and rolled back with it.
    await expect(s.transaction(async (tx) => {
      await tx.addLinkKeys([{ key: 'k4', subjectId: c! }], 'z');
      expect(await tx.linkKeysCursor()).toBe('z');
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await s.linkKeysCursor()).toBe(c);
    expect(await s.subjectsByLinkKeys(['k4'], 3)).toEqual([]);
  });

  it('keeps links with their history: standing links out of and into subjects, ended by saving them again', async () => {
    const s = store();
    const a = (await stored('ln-a', 'n-1')).subjectId;
    const p = (await stored('ln-p', 'n-2', { provisional: true })).subjectId;
    const q = (await stored('ln-q', 'n-3', { provisional: true })).subjectId;
    const pa = link(p, a, { linkedAt: day(2) });
    const qa = link(q, a, { linkedAt: day(1), linkedBy: 'op-1', basis: 'manual', weight: null, detail: { reason: 'same person', probability: 1, comparisons: [], note: 'seen the papers' } });
    await s.transaction(async (tx) => {
      await tx.saveLink(pa);
      await tx.saveLink(qa);
      expect(await tx.activeLinksOf([p])).toEqual(new Map([[p, pa]]));
    });
    expect(await s.activeLinksOf([a, p, 'no-such-subject', q, p])).toEqual(new Map([[p, pa], [q, qa]]));
    expect(await s.linksInto([p, a])).toEqual(new Map([[a, [qa, pa]]])); // oldest first
    expect(await s.linkHistory(a)).toEqual([qa, pa]);
    expect(await s.linkHistory(p)).toEqual([pa]);
    expect(await s.activeLinksOf([])).toEqual(new Map());
    expect(await s.linksInto([])).toEqual(new Map());

    // Ended: no longer standing, still in the history of both ends.
    const paEnded = ended(pa, day(3));
    await s.transaction(async (tx) => tx.saveLink(paEnded));
    expect(await s.activeLinksOf([p, q])).toEqual(new Map([[q, qa]]));
    expect(await s.linksInto([a])).toEqual(new Map([[a, [qa]]]));
    expect(await s.linkHistory(a)).toEqual([qa, paEnded]);
    expect(await s.linkHistory(p)).toEqual([paEnded]);

    // Once its link ended, a subject may be linked again; a second standing link out of one subject is refused.
    const pq = link(p, q, { linkedAt: day(4) });
    await s.transaction(async (tx) => tx.saveLink(pq));
    expect(await s.linkHistory(p)).toEqual([paEnded, pq]);
    await expect(s.transaction(async (tx) => tx.saveLink(link(p, a, { linkedAt: day(5) })))).rejects.toThrow();
    expect(await s.activeLinksOf([p])).toEqual(new Map([[p, pq]]));
    // A link saved in a transaction that fails is not kept.
    await expect(s.transaction(async (tx) => {
      await tx.saveLink(ended(qa, day(6)));
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await s.activeLinksOf([q])).toEqual(new Map([[q, qa]]));
  });

  it('queues reviews: replaced by id, open ones paged oldest first, found from either subject', async () => {
    const s = store();
    const a = (await stored('rv-a', 'v-1')).subjectId;
    const b = (await stored('rv-b', 'v-2')).subjectId;
    const p = (await stored('rv-p', 'v-3', { provisional: true })).subjectId;
    const q = (await stored('rv-q', 'v-4', { provisional: true })).subjectId;
    const [pa, pb, qa] = [review(p, a), review(p, b, { weight: null }), review(q, a, { createdAt: day(2) })];
    await s.transaction(async (tx) => {
      for (const r of [qa, pb, pa]) await tx.saveReview(r);
    });
    expect(await s.reviewById(pb.id)).toEqual(pb);
    expect(await s.reviewById('no-such-review')).toBeUndefined();
    expect(await s.openReviews(10)).toEqual([pa, pb, qa]);
    expect(await s.openReviews(2)).toEqual([pa, pb]);
    expect(await s.openReviews(10, pa.id)).toEqual([pb, qa]);
    expect(await s.openReviews(10, qa.id)).toEqual([]);

    // Decided: replaced, off the queue, still found by id and by subject.
    const linked: LinkReview = { ...pb, status: 'linked', decidedAt: day(3), decidedBy: 'op-1', note: 'same person' };
    const rejected: LinkReview = { ...qa, status: 'rejected', decidedAt: day(3), decidedBy: 'op-2', note: null };
    await s.transaction(async (tx) => {
      await tx.saveReview(linked);
      await tx.saveReview(rejected);
    });
    expect(await s.reviewById(pb.id)).toEqual(linked);
    expect(await s.openReviews(10)).toEqual([pa]);
    expect(await s.openReviews(10, pa.id)).toEqual([]);
    expect(await s.reviewsOfSubjects([p])).toEqual([pa, linked]);
    expect(await s.reviewsOfSubjects([a])).toEqual([pa, rejected]); // as the candidate
    expect(await s.reviewsOfSubjects([a, p, b, p])).toEqual([pa, linked, rejected]); // each once
    expect(await s.reviewsOfSubjects(['no-such-subject'])).toEqual([]);
    expect(await s.reviewsOfSubjects([])).toEqual([]);
  });

  it('reads the records of a subject linked into another as the other\'s, through chains, until the link ends', async () => {
    const s = store();
    const a = await stored('rd-a', 'd-1');
    const p = await stored('rd-p', 'd-2', { provisional: true });
    const q = await stored('rd-q', 'd-3', { provisional: true });
    // An organisation's record naming P as its related party stays P's to read, linked or not.
    const o = await stored('rd-o', 'd-4', { relatedIndex: 'rd-p' });
    const read = async (...ids: string[]) => {
      const found = await s.revisionsOfSubjects(ids);
      return ids.map((id) => found.get(id)!.map((r) => [r.id, r.subjectId]).sort());
    };
    const own = (r: StoredRecord, as = r.subjectId) => [r.revisionId, as];
    expect(await read(a.subjectId, p.subjectId)).toEqual([[own(a)], [own(p), own(o)].sort()]);

    const pa = link(p.subjectId, a.subjectId);
    await s.transaction(async (tx) => tx.saveLink(pa));
    expect(await read(a.subjectId, p.subjectId, q.subjectId)).toEqual([[own(a), own(p, a.subjectId)].sort(), [own(o)], [own(q)]]);
    expect(await read(p.subjectId)).toEqual([[own(o)]]);
    expect((await s.revisionById(p.revisionId))?.subjectId).toBe(a.subjectId);
    expect((await s.revisionById(a.revisionId))?.subjectId).toBe(a.subjectId);
    expect((await s.revisionById(o.revisionId))?.subjectId).toBe(o.subjectId);
    expect((await s.revisionsOfSubjects([o.subjectId])).get(o.subjectId)?.map((r) => r.relatedSubjectId)).toEqual([p.subjectId]);

    // Q -> P -> A: Q's records are read under A, the end of the chain.
    const qp = link(q.subjectId, p.subjectId, { linkedAt: day(2) });
    await s.transaction(async (tx) => tx.saveLink(qp));
    expect(await read(a.subjectId, p.subjectId, q.subjectId)).toEqual([
      [own(a), own(p, a.subjectId), own(q, a.subjectId)].sort(), [own(o)], [],
    ]);
    expect((await s.revisionById(q.revisionId))?.subjectId).toBe(a.subjectId);
    expect((await s.revisionById(q.revisionId))?.subjectKind).toBe('person');
    // Each lent record says which subject holds it (the report shows that subject's link).
    expect((await s.revisionById(q.revisionId))?.linkedFrom).toBe(q.subjectId);
    const lent = (await s.revisionsOfSubjects([a.subjectId])).get(a.subjectId)!;
    expect(Object.fromEntries(lent.map((r) => [r.id, r.linkedFrom ?? null]))).toEqual({
      [a.revisionId]: null, [p.revisionId]: p.subjectId, [q.revisionId]: q.subjectId,
    });

    // P -> A ended: P reads its own again, with Q's; A its own only.
    await s.transaction(async (tx) => tx.saveLink(ended(pa, day(3))));
    expect(await read(a.subjectId, p.subjectId, q.subjectId)).toEqual([[own(a)], [own(p), own(q, p.subjectId), own(o)].sort(), []]);
    expect((await s.revisionById(p.revisionId))?.subjectId).toBe(p.subjectId);
    expect((await s.revisionById(q.revisionId))?.subjectId).toBe(p.subjectId);

    await s.transaction(async (tx) => tx.saveLink(ended(qp, day(4))));
    expect(await read(a.subjectId, p.subjectId, q.subjectId)).toEqual([[own(a)], [own(p), own(o)].sort(), [own(q)]]);
    expect((await s.revisionById(q.revisionId))?.subjectId).toBe(q.subjectId);
  });
}
