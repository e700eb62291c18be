import type Database from 'better-sqlite3';
import type { ListEntryCursor, PopulationCounts, SubjectTerm } from '../../ports/dashboard-store.js';
import type { StoredListEntry } from '../../ports/registry-store.js';
import type { SqliteDatabase } from './sqlite-schema.js';

/** The dashboard's queries on SQLite, prepared once; every read is a range on an index. */
export interface DashboardQueries {
  termsThrough(): string | null;
  addTerms(terms: readonly SubjectTerm[], through: string): void;
  termsByPrefix(prefix: string, after: SubjectTerm | null, limit: number): SubjectTerm[];
  listPage(list: string, asOf: string, after: ListEntryCursor | null, limit: number): Array<StoredListEntry & { subjectId: string; seq: number }>;
  counts(asOf: string): PopulationCounts;
}

/** The highest code point: every string starting with a prefix sorts below prefix + this. */
export const PREFIX_END = '\u{10FFFF}';

type EntryRow = SqliteDatabase['list_entries'];

export function createDashboardQueries(db: Database.Database): DashboardQueries {
  const through = db.prepare<[], { through: string }>('SELECT through FROM subject_terms_cursor WHERE one = 1');
  const insertTerm = db.prepare('INSERT INTO subject_terms (term, subject_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const moveCursor = db.prepare('INSERT INTO subject_terms_cursor (one, through) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET through = max(through, excluded.through)');
  const firstTerms = db.prepare<[string, string, number], { term: string; subject_id: string }>(
    'SELECT term, subject_id FROM subject_terms WHERE term >= ? AND term < ? ORDER BY term, subject_id LIMIT ?',
  );
  // The range starts at the cursor itself (a row value on the key), so page 500 costs what page 1 does;
  // with a separate `term >= ?` SQLite would range on the term alone and skip every earlier tie.
  const nextTerms = db.prepare<[string, string, string, number], { term: string; subject_id: string }>(
    'SELECT term, subject_id FROM subject_terms WHERE (term, subject_id) > (?, ?) AND term < ? ORDER BY term, subject_id LIMIT ?',
  );
  // Through list_entries_list (list, ends_at): entries ending soonest come first; those started later are skipped.
  const firstEntries = db.prepare<[string, string, string, number], EntryRow>(
    'SELECT * FROM list_entries WHERE list = ? AND ends_at > ? AND started_at <= ? ORDER BY ends_at, subject_id, seq LIMIT ?',
  );
  // From the cursor on, as a row value on the index (list, ends_at, then the key subject_id, seq), for the same reason.
  const nextEntries = db.prepare<[string, string, string, number, string, number], EntryRow>(
    `SELECT * FROM list_entries WHERE list = ? AND (ends_at, subject_id, seq) > (?, ?, ?) AND started_at <= ?
     ORDER BY ends_at, subject_id, seq LIMIT ?`,
  );
  const subjects = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM subjects');
  const grades = db.prepare<[], { grade: string; count: number }>('SELECT grade, count(*) AS count FROM subject_states GROUP BY grade ORDER BY grade');
  const lists = db.prepare<[string, string], { list: string; list_kind: string; count: number }>(
    'SELECT list, list_kind, count(*) AS count FROM list_entries WHERE ends_at > ? AND started_at <= ? GROUP BY list, list_kind ORDER BY list',
  );
  const bySource = db.prepare<[], { source: string; month: string; count: number }>(
    "SELECT source, substr(occurred_at, 1, 7) AS month, count(*) AS count FROM record_revisions WHERE revision = 1 AND type NOT LIKE 'relation.%' GROUP BY source, month ORDER BY source, month",
  );
  const addTerms = db.transaction((terms: readonly SubjectTerm[], to: string) => {
    for (const t of terms) insertTerm.run(t.term, t.subjectId);
    moveCursor.run(to);
  });
  const term = (r: { term: string; subject_id: string }): SubjectTerm => ({ term: r.term, subjectId: r.subject_id });
  return {
    termsThrough: () => through.get()?.through ?? null,
    addTerms,
    // A cursor from before the prefix (not one this search gave) starts at the prefix.
    termsByPrefix: (prefix, after, limit) => (after && after.term >= prefix
      ? nextTerms.all(after.term, after.subjectId, prefix + PREFIX_END, limit)
      : firstTerms.all(prefix, prefix + PREFIX_END, limit)).map(term),
    // Every entry in force ends after asOf, so a cursor ending at or before it starts at the first page.
    listPage: (list, asOf, after, limit) => (after && after.endsAt > asOf
      ? nextEntries.all(list, after.endsAt, after.subjectId, after.seq, asOf, limit)
      : firstEntries.all(list, asOf, asOf, limit)).map((r) => ({
      subjectId: r.subject_id, seq: r.seq, list: r.list, listKind: r.list_kind, startedAt: r.started_at, endsAt: r.ends_at,
      endReason: r.end_reason, detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
    counts: (asOf) => ({
      subjects: subjects.get()!.n,
      grades: grades.all(),
      lists: lists.all(asOf, asOf).map((r) => ({ list: r.list, listKind: r.list_kind, count: r.count })),
      recordsBySource: bySource.all(),
    }),
  };
}
