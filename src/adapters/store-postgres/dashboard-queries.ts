import type { ListEntryCursor, PopulationCounts, SubjectTerm } from '../../ports/dashboard-store.js';
import type { StoredListEntry } from '../../ports/registry-store.js';
import { rows, run, type PgDb, type PostgresDatabase } from './postgres-schema.js';

/** The highest code point: every string starting with a prefix sorts below prefix + this (byte order). */
const PREFIX_END = '\u{10FFFF}';

/** The dashboard's queries on PostgreSQL; every read is a range on an index. */
export const dashboardQueries = {
  async termsThrough(db: PgDb): Promise<string | null> {
    const [row] = await rows<{ through: string }>(db, 'SELECT through FROM subject_terms_cursor WHERE one = 1');
    return row?.through ?? null;
  },

  /** Terms and cursor in one statement, so they move together. */
  async addTerms(db: PgDb, terms: readonly SubjectTerm[], through: string): Promise<void> {
    await run(
      db,
      `WITH added AS (
         INSERT INTO subject_terms (term, subject_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING
       )
       INSERT INTO subject_terms_cursor (one, through) VALUES (1, $3) ON CONFLICT (one) DO UPDATE SET through = GREATEST(subject_terms_cursor.through, excluded.through)`,
      [terms.map((t) => t.term), terms.map((t) => t.subjectId), through],
    );
  },

  async termsByPrefix(db: PgDb, prefix: string, after: SubjectTerm | null, limit: number): Promise<SubjectTerm[]> {
    // The range starts at the cursor itself (a row value on the key); a cursor from before the prefix starts at the prefix.
    const found = after && after.term >= prefix
      ? await rows<{ term: string; subject_id: string }>(db,
        'SELECT term, subject_id FROM subject_terms WHERE (term, subject_id) > ($1, $2) AND term < $3 ORDER BY term, subject_id LIMIT $4',
        [after.term, after.subjectId, prefix + PREFIX_END, limit])
      : await rows<{ term: string; subject_id: string }>(db,
        'SELECT term, subject_id FROM subject_terms WHERE term >= $1 AND term < $2 ORDER BY term, subject_id LIMIT $3',
        [prefix, prefix + PREFIX_END, limit]);
    return found.map((r) => ({ term: r.term, subjectId: r.subject_id }));
  },

  /** Through list_entries_list (list, ends_at): entries ending soonest first; those started later are skipped. */
  async listPage(db: PgDb, list: string, asOf: string, after: ListEntryCursor | null, limit: number): Promise<Array<StoredListEntry & { subjectId: string; seq: number }>> {
    // Every entry in force ends after asOf, so a cursor ending at or before it starts at the first page.
    const found = after && after.endsAt > asOf
      ? await rows<PostgresDatabase['list_entries']>(db,
        `SELECT * FROM list_entries WHERE list = $1 AND ends_at >= $2 AND (ends_at, subject_id, seq) > ($2, $3, $4) AND started_at <= $5
         ORDER BY ends_at, subject_id, seq LIMIT $6`, [list, after.endsAt, after.subjectId, after.seq, asOf, limit])
      : await rows<PostgresDatabase['list_entries']>(db,
        'SELECT * FROM list_entries WHERE list = $1 AND ends_at > $2 AND started_at <= $2 ORDER BY ends_at, subject_id, seq LIMIT $3',
        [list, asOf, limit]);
    return found.map((r) => ({
      subjectId: r.subject_id, seq: r.seq, list: r.list, listKind: r.list_kind, startedAt: r.started_at, endsAt: r.ends_at,
      endReason: r.end_reason, detail: r.detail as Record<string, unknown>,
    }));
  },

  async counts(db: PgDb, asOf: string): Promise<PopulationCounts> {
    const [subjects] = await rows<{ n: string }>(db, 'SELECT count(*) AS n FROM subjects');
    const grades = await rows<{ grade: string; count: string }>(db, 'SELECT grade, count(*) AS count FROM subject_states GROUP BY grade ORDER BY grade');
    const lists = await rows<{ list: string; list_kind: string; count: string }>(db,
      'SELECT list, list_kind, count(*) AS count FROM list_entries WHERE ends_at > $1 AND started_at <= $1 GROUP BY list, list_kind ORDER BY list', [asOf]);
    const bySource = await rows<{ source: string; month: string; count: string }>(db,
      `SELECT source, substr(occurred_at, 1, 7) AS month, count(*) AS count FROM record_revisions
       WHERE revision = 1 AND type NOT LIKE 'relation.%' GROUP BY source, month ORDER BY source, month`);
    return {
      subjects: Number(subjects!.n),
      grades: grades.map((r) => ({ grade: r.grade, count: Number(r.count) })),
      lists: lists.map((r) => ({ list: r.list, listKind: r.list_kind, count: Number(r.count) })),
      recordsBySource: bySource.map((r) => ({ source: r.source, month: r.month, count: Number(r.count) })),
    };
  },
};
