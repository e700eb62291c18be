import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import { MAX_LINK_DEPTH } from '../../core/linkage/link-keys.js';
import { rows, run, type PgDb } from './postgres-schema.js';

type LinkBody = { body: SubjectLink };
type ReviewBody = { body: LinkReview };

/** Which subjects' records an asked subject is read with (see `linkedReadPlan`). */
export interface LinkedReadPlan {
  /** Asked subjects with a standing link out of them: they lend their records to their target. */
  linkedOut: Set<string>;
  /** Subjects linked into an asked one, directly or through others. */
  members: Map<string, Set<string>>;
}

/** Linkage on PostgreSQL: links and reviews kept whole as JSON, their lookup columns projected beside them. */
export const linkageQueries = {
  async keysCursor(db: PgDb): Promise<string | null> {
    const [row] = await rows<{ through: string }>(db, 'SELECT through FROM subject_link_keys_cursor WHERE one = 1');
    return row?.through ?? null;
  },

  /**
   * Keys and cursor in one statement, so they move together; the cursor only forward. The keys go in
   * sorted and once each: two processes indexing overlapping keys claim them in one order, never deadlocking.
   */
  async addKeys(db: PgDb, given: ReadonlyArray<{ key: string; subjectId: string }>, through?: string): Promise<void> {
    const unique = new Map(given.map((r) => [`${r.key}\u0000${r.subjectId}`, r]));
    const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    const keys = [sorted.map((r) => r.key), sorted.map((r) => r.subjectId)];
    const add = 'INSERT INTO subject_link_keys (key, subject_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING';
    if (through === undefined) {
      if (sorted.length > 0) await run(db, add, keys);
      return;
    }
    await run(
      db,
      `WITH added AS (${add})
       INSERT INTO subject_link_keys_cursor (one, through) VALUES (1, $3)
       ON CONFLICT (one) DO UPDATE SET through = GREATEST(subject_link_keys_cursor.through, excluded.through)`,
      [...keys, through],
    );
  },

  /** One statement: per key at most maxPerKey + 1 subjects (on the primary key), a key with more left out. */
  async subjectsByKeys(db: PgDb, keys: readonly string[], maxPerKey: number): Promise<string[]> {
    if (keys.length === 0 || maxPerKey < 1) return [];
    const found = await rows<{ subject_id: string }>(
      db,
      `SELECT DISTINCT unnest(s.ids) AS subject_id
         FROM unnest($1::text[]) AS k (key)
         CROSS JOIN LATERAL (
           SELECT array_agg(x.subject_id) AS ids FROM (SELECT subject_id FROM subject_link_keys WHERE key = k.key LIMIT $2::int + 1) x
         ) s
        WHERE cardinality(s.ids) <= $2::int
        ORDER BY subject_id`,
      [[...new Set(keys)], maxPerKey],
    );
    return found.map((r) => r.subject_id);
  },

  /** Insert or replace by id. The key is (id, subject_id), so a link moved to another subject leaves its old row first. */
  async saveLink(db: PgDb, l: SubjectLink): Promise<void> {
    await run(
      db,
      `WITH moved AS (DELETE FROM subject_links WHERE id = $1 AND subject_id <> $2)
       INSERT INTO subject_links (id, subject_id, target_id, linked_at, unlinked_at, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id, subject_id) DO UPDATE SET target_id = excluded.target_id, linked_at = excluded.linked_at,
         unlinked_at = excluded.unlinked_at, body = excluded.body`,
      [l.id, l.subjectId, l.targetId, l.linkedAt, l.unlinkedAt, JSON.stringify(l)],
    );
  },

  async activeLinksOf(db: PgDb, ids: readonly string[]): Promise<Map<string, SubjectLink>> {
    const out = new Map<string, SubjectLink>();
    if (ids.length === 0) return out;
    const asked = [...new Set(ids)];
    const found = await rows<LinkBody & { subject_id: string }>(
      db,
      'SELECT subject_id, body FROM subject_links WHERE subject_id = ANY($1::text[]) AND unlinked_at IS NULL',
      [asked],
    );
    const bySubject = new Map(found.map((r) => [r.subject_id, r.body]));
    // In the order asked, as the SQLite adapter answers.
    for (const id of asked) {
      const link = bySubject.get(id);
      if (link) out.set(id, link);
    }
    return out;
  },

  async linksInto(db: PgDb, ids: readonly string[]): Promise<Map<string, SubjectLink[]>> {
    const out = new Map<string, SubjectLink[]>();
    if (ids.length === 0) return out;
    const asked = [...new Set(ids)];
    const found = await rows<LinkBody & { target_id: string }>(
      db,
      'SELECT target_id, body FROM subject_links WHERE target_id = ANY($1::text[]) AND unlinked_at IS NULL ORDER BY linked_at, id',
      [asked],
    );
    const byTarget = new Map<string, SubjectLink[]>();
    for (const r of found) {
      const of = byTarget.get(r.target_id);
      if (of) of.push(r.body);
      else byTarget.set(r.target_id, [r.body]);
    }
    for (const id of asked) {
      const of = byTarget.get(id);
      if (of) out.set(id, of);
    }
    return out;
  },

  async linkHistory(db: PgDb, id: string): Promise<SubjectLink[]> {
    // DISTINCT ON: a link of a subject to itself, were one stored, is listed once (json has no equality for UNION).
    const found = await rows<LinkBody>(
      db,
      `SELECT DISTINCT ON (linked_at, id) body FROM (
         SELECT id, linked_at, body FROM subject_links WHERE subject_id = $1
         UNION ALL SELECT id, linked_at, body FROM subject_links WHERE target_id = $1
       ) l ORDER BY linked_at, id`,
      [id],
    );
    return found.map((r) => r.body);
  },

  async saveReview(db: PgDb, r: LinkReview): Promise<void> {
    await run(
      db,
      `WITH moved AS (DELETE FROM link_reviews WHERE id = $1 AND subject_id <> $2)
       INSERT INTO link_reviews (id, subject_id, candidate_id, status, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id, subject_id) DO UPDATE SET candidate_id = excluded.candidate_id, status = excluded.status, body = excluded.body`,
      [r.id, r.subjectId, r.candidateId, r.status, JSON.stringify(r)],
    );
  },

  async reviewById(db: PgDb, id: string): Promise<LinkReview | undefined> {
    return (await rows<ReviewBody>(db, 'SELECT body FROM link_reviews WHERE id = $1', [id]))[0]?.body;
  },

  /** Through the partial index link_reviews_open, in id (so arrival) order. */
  async openReviews(db: PgDb, limit: number, afterId?: string): Promise<LinkReview[]> {
    const found = afterId === undefined
      ? await rows<ReviewBody>(db, "SELECT body FROM link_reviews WHERE status = 'open' ORDER BY id LIMIT $1", [limit])
      : await rows<ReviewBody>(db, "SELECT body FROM link_reviews WHERE status = 'open' AND id > $1 ORDER BY id LIMIT $2", [afterId, limit]);
    return found.map((r) => r.body);
  },

  async reviewsOfSubjects(db: PgDb, ids: readonly string[]): Promise<LinkReview[]> {
    if (ids.length === 0) return [];
    const found = await rows<ReviewBody>(
      db,
      `SELECT DISTINCT ON (id) body FROM (
         SELECT id, body FROM link_reviews WHERE subject_id = ANY($1::text[])
         UNION ALL SELECT id, body FROM link_reviews WHERE candidate_id = ANY($1::text[])
       ) r ORDER BY id`,
      [[...new Set(ids)]],
    );
    return found.map((r) => r.body);
  },

  /**
   * For `revisionsOfSubjects`: which asked subjects are linked out, and which subjects are linked into
   * each of the others, in one statement. With no link touching them both come back empty.
   */
  async readPlan(db: PgDb, asked: readonly string[]): Promise<LinkedReadPlan> {
    const found = await rows<{ asked: string; member: string | null }>(
      db,
      `WITH RECURSIVE members (asked, id, depth) AS (
         SELECT target_id, subject_id, 1 FROM subject_links WHERE target_id = ANY($1::text[]) AND unlinked_at IS NULL
         UNION ALL
         SELECT m.asked, l.subject_id, m.depth + 1 FROM members m JOIN subject_links l ON l.target_id = m.id AND l.unlinked_at IS NULL
          WHERE m.depth < ${MAX_LINK_DEPTH}
       )
       SELECT asked, id AS member FROM members
       UNION ALL
       SELECT subject_id, NULL FROM subject_links WHERE subject_id = ANY($1::text[]) AND unlinked_at IS NULL`,
      [asked],
    );
    const plan: LinkedReadPlan = { linkedOut: new Set(), members: new Map() };
    for (const r of found) {
      if (r.member === null) plan.linkedOut.add(r.asked);
      else if (r.member !== r.asked) {
        const of = plan.members.get(r.asked);
        if (of) of.add(r.member);
        else plan.members.set(r.asked, new Set([r.member]));
      }
    }
    return plan;
  },
};
