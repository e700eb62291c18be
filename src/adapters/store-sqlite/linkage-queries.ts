import type Database from 'better-sqlite3';
import { MAX_LINK_DEPTH } from '../../core/linkage/link-keys.js';
import type { LinkageStore, LinkReview, SubjectLink } from '../../ports/linkage-store.js';

type Body = { body: string };


/** Linkage on SQLite: links and reviews kept whole as JSON, their lookup columns projected beside them. */
export interface LinkageQueries extends Omit<LinkageStore, 'linkKeysCursor' | 'addLinkKeys' | 'subjectsByLinkKeys' | 'hasProvisionalSubjects'> {
  keysCursor(): string | null;
  addKeys(rows: ReadonlyArray<{ key: string; subjectId: string }>, through?: string): void;
  subjectsByKeys(keys: readonly string[], maxPerKey: number): string[];
  /** The subject a subject's records are read under: itself, or the end of its standing links. */
  rootOf(subjectId: string): string;
  /** Subjects linked into this one, directly or through others. */
  membersOf(subjectId: string): string[];
}

export function createLinkageQueries(db: Database.Database): LinkageQueries {
  const cursor = db.prepare<[], { through: string }>('SELECT through FROM subject_link_keys_cursor WHERE one = 1');
  const moveCursor = db.prepare(
    'INSERT INTO subject_link_keys_cursor (one, through) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET through = max(through, excluded.through)',
  );
  const addKey = db.prepare('INSERT OR IGNORE INTO subject_link_keys (key, subject_id) VALUES (?, ?)');
  const byKey = db.prepare<[string, number], { subject_id: string }>('SELECT subject_id FROM subject_link_keys WHERE key = ? LIMIT ?');
  const upsertLink = db.prepare(
    `INSERT INTO subject_links (id, subject_id, target_id, linked_at, unlinked_at, body) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET subject_id = excluded.subject_id, target_id = excluded.target_id, linked_at = excluded.linked_at,
       unlinked_at = excluded.unlinked_at, body = excluded.body`,
  );
  const outOf = db.prepare<[string], Body>('SELECT body FROM subject_links WHERE subject_id = ? AND unlinked_at IS NULL');
  const targetOf = db.prepare<[string], { target_id: string }>('SELECT target_id FROM subject_links WHERE subject_id = ? AND unlinked_at IS NULL');
  const into = db.prepare<[string], Body>('SELECT body FROM subject_links WHERE target_id = ? AND unlinked_at IS NULL ORDER BY linked_at, id');
  const intoIds = db.prepare<[string], { subject_id: string }>('SELECT subject_id FROM subject_links WHERE target_id = ? AND unlinked_at IS NULL');
  const history = db.prepare<[string, string], Body>(
    'SELECT body FROM subject_links WHERE subject_id = ? UNION SELECT body FROM subject_links WHERE target_id = ?',
  );
  const upsertReview = db.prepare(
    `INSERT INTO link_reviews (id, subject_id, candidate_id, status, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET subject_id = excluded.subject_id, candidate_id = excluded.candidate_id, status = excluded.status, body = excluded.body`,
  );
  const reviewById = db.prepare<[string], Body>('SELECT body FROM link_reviews WHERE id = ?');
  const openReviews = db.prepare<[string, number], Body>("SELECT body FROM link_reviews WHERE status = 'open' AND id > ? ORDER BY id LIMIT ?");
  const reviewsOf = db.prepare<[string, string], Body>(
    'SELECT body FROM link_reviews WHERE subject_id = ? UNION SELECT body FROM link_reviews WHERE candidate_id = ?',
  );

  const addKeys = db.transaction((rows: ReadonlyArray<{ key: string; subjectId: string }>, through?: string) => {
    for (const r of rows) addKey.run(r.key, r.subjectId);
    if (through !== undefined) moveCursor.run(through);
  });
  const links = (rows: Body[]) => rows.map((r) => JSON.parse(r.body) as SubjectLink).sort(byLinkedAt);
  const reviews = (rows: Body[]) => rows.map((r) => JSON.parse(r.body) as LinkReview).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    keysCursor: () => cursor.get()?.through ?? null,
    addKeys: (rows, through) => addKeys(rows, through),
    subjectsByKeys(keys, maxPerKey) {
      const found = new Set<string>();
      for (const key of new Set(keys)) {
        const rows = byKey.all(key, maxPerKey + 1);
        if (rows.length <= maxPerKey) for (const r of rows) found.add(r.subject_id);
      }
      return [...found];
    },
    async saveLink(l) {
      upsertLink.run(l.id, l.subjectId, l.targetId, l.linkedAt, l.unlinkedAt, JSON.stringify(l));
    },
    async activeLinksOf(ids) {
      const out = new Map<string, SubjectLink>();
      for (const id of new Set(ids)) {
        const row = outOf.get(id);
        if (row) out.set(id, JSON.parse(row.body) as SubjectLink);
      }
      return out;
    },
    async linksInto(ids) {
      const out = new Map<string, SubjectLink[]>();
      for (const id of new Set(ids)) {
        const rows = into.all(id);
        if (rows.length > 0) out.set(id, links(rows));
      }
      return out;
    },
    linkHistory: async (id) => links(history.all(id, id)),
    async saveReview(r) {
      upsertReview.run(r.id, r.subjectId, r.candidateId, r.status, JSON.stringify(r));
    },
    async reviewById(id) {
      const row = reviewById.get(id);
      return row && (JSON.parse(row.body) as LinkReview);
    },
    openReviews: async (limit, afterId) => reviews(openReviews.all(afterId ?? '', limit)),
    reviewsOfSubjects: async (ids) => {
      const seen = new Map<string, Body>();
      for (const id of new Set(ids)) for (const row of reviewsOf.all(id, id)) seen.set(row.body, row);
      return reviews([...seen.values()]);
    },
    rootOf(subjectId) {
      let at = subjectId;
      for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
        const next = targetOf.get(at);
        if (!next) return at;
        at = next.target_id;
      }
      return at;
    },
    membersOf(subjectId) {
      const out: string[] = [];
      let frontier = [subjectId];
      for (let depth = 0; depth < MAX_LINK_DEPTH && frontier.length > 0; depth++) {
        frontier = frontier.flatMap((id) => intoIds.all(id).map((r) => r.subject_id));
        out.push(...frontier);
      }
      return out;
    },
  };
}

const byLinkedAt = (a: SubjectLink, b: SubjectLink) => (a.linkedAt < b.linkedAt ? -1 : a.linkedAt > b.linkedAt ? 1 : a.id < b.id ? -1 : 1);
