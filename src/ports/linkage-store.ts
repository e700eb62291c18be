/**
 * What identity linkage needs from a store: an index from blinded blocking keys to subjects, the
 * links that join a provisional subject to another (reversible: a link is ended, never deleted) and
 * the queue of uncertain links waiting for a person. Revisions of a subject linked into another are
 * read as the other's (`revisionsOfSubjects`, `revisionById`) while the link stands.
 */

/** One comparison's contribution to a match weight, as the report and the reviewer see it. */
export interface LinkComparison {
  field: string;
  level: string;
  weight: number;
  text: string;
}

/** Why a subject was linked or queued: kept with the link, shown in the report and the audit. */
export interface LinkDetail {
  reason: string;
  probability: number;
  /** The prior's part of the weight (bits): the weight is the prior plus the comparisons. */
  priorWeight?: number;
  comparisons: LinkComparison[];
  /** The record whose arrival made the decision, when ingest made it. */
  source?: string;
  ref?: string;
  note?: string;
}

export interface SubjectLink {
  id: string;
  /** The provisional subject whose records are now read as the target's. */
  subjectId: string;
  targetId: string;
  linkedAt: string;
  /** `ingest` for automatic links, otherwise the principal id of the person who linked. */
  linkedBy: string;
  basis: string;
  /** Match weight in bits; null when a person linked without one. */
  weight: number | null;
  detail: LinkDetail;
  unlinkedAt: string | null;
  unlinkedBy: string | null;
  unlinkReason: string | null;
}

export type LinkReviewStatus = 'open' | 'linked' | 'rejected';

/** A record's provisional subject that may be `candidateId`: a person decides. */
export interface LinkReview {
  id: string;
  subjectId: string;
  candidateId: string;
  createdAt: string;
  status: LinkReviewStatus;
  basis: string;
  weight: number | null;
  detail: LinkDetail;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export interface LinkageStore {
  /** The id of the last subject whose blocking keys are indexed (subject ids grow with time). */
  linkKeysCursor(): Promise<string | null>;
  /** Index blinded blocking keys (idempotent); `through` moves the cursor. */
  addLinkKeys(rows: ReadonlyArray<{ key: string; subjectId: string }>, through?: string): Promise<void>;
  /** Subjects holding any of these keys; a key held by more than `maxPerKey` subjects is too common and ignored. */
  subjectsByLinkKeys(keys: readonly string[], maxPerKey: number): Promise<string[]>;

  /** Whether any person subject is provisional (held without a full number): then new numbered subjects are checked against them. */
  hasProvisionalSubjects(): Promise<boolean>;

  /** Insert or replace a link by id. */
  saveLink(link: SubjectLink): Promise<void>;
  /** The standing link out of each of these subjects, if any. */
  activeLinksOf(subjectIds: readonly string[]): Promise<Map<string, SubjectLink>>;
  /** Standing links into each of these subjects (direct ones only). */
  linksInto(targetIds: readonly string[]): Promise<Map<string, SubjectLink[]>>;
  /** Every link, standing or ended, out of or into this subject, oldest first. */
  linkHistory(subjectId: string): Promise<SubjectLink[]>;

  /** Insert or replace a review by id. */
  saveReview(review: LinkReview): Promise<void>;
  reviewById(id: string): Promise<LinkReview | undefined>;
  /** Open reviews, oldest first, after the review `afterId` (a page cursor). */
  openReviews(limit: number, afterId?: string): Promise<LinkReview[]>;
  /** Reviews about these subjects (as the provisional subject or the candidate), oldest first. */
  reviewsOfSubjects(subjectIds: readonly string[]): Promise<LinkReview[]>;
}
