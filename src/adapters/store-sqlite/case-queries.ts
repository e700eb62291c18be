import type Database from 'better-sqlite3';
import type { DueProcessCase } from '../../core/due-process/case-types.js';

/** Due-process cases on SQLite: the case kept whole as JSON, its queue columns projected beside it. */
export interface CaseQueries {
  save(c: DueProcessCase): void;
  byId(id: string): DueProcessCase | undefined;
  ofSubjects(ids: readonly string[]): Map<string, DueProcessCase[]>;
  openOfSource(source: string, limit: number): DueProcessCase[];
  due(at: string, limit: number): DueProcessCase[];
  counts(): { objections: number; repairs: number; open: number };
}

type Body = { body: string };

// Word for word the WHERE of the partial indexes cases_open_source and cases_due: SQLite uses a
// partial index only when the query repeats its terms.
const AWAITING = "status IN ('open', 'pending')";

export function createCaseQueries(db: Database.Database): CaseQueries {
  const upsert = db.prepare(
    `INSERT INTO cases (id, kind, subject_id, source, ref, status, due_at, opened_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, subject_id = excluded.subject_id, source = excluded.source,
       ref = excluded.ref, status = excluded.status, due_at = excluded.due_at, opened_at = excluded.opened_at, body = excluded.body`,
  );
  const byId = db.prepare<[string], Body>('SELECT body FROM cases WHERE id = ?');
  const ofSubject = db.prepare<[string], Body>('SELECT body FROM cases WHERE subject_id = ? ORDER BY opened_at, id');
  const openOfSource = db.prepare<[string, number], Body>(
    `SELECT body FROM cases WHERE source = ? AND ${AWAITING} ORDER BY opened_at, id LIMIT ?`,
  );
  const due = db.prepare<[string, number], Body>(`SELECT body FROM cases WHERE ${AWAITING} AND due_at <= ? ORDER BY due_at, id LIMIT ?`);
  const counts = db.prepare<[], { objections: number; repairs: number; open: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'objection') AS objections, count(*) FILTER (WHERE kind = 'repair') AS repairs,
       count(*) FILTER (WHERE ${AWAITING}) AS open FROM cases`,
  );

  const readOfSubjects = (ids: readonly string[]) => {
    const out = new Map<string, DueProcessCase[]>();
    for (const id of new Set(ids)) {
      const rows = ofSubject.all(id);
      if (rows.length > 0) out.set(id, rows.map(toCase));
    }
    return out;
  };
  // One read transaction for many subjects (per-statement transactions cost 3x in WAL mode).
  const readOfSubjectsInTransaction = db.transaction(readOfSubjects);

  return {
    save(c) {
      const opened = c.kind === 'objection' ? c.filedAt : c.appliedAt;
      upsert.run(c.id, c.kind, c.subjectId, c.source, c.ref, c.status, awaiting(c) ? c.dueAt : null, opened, JSON.stringify(c));
    },
    byId: (id) => {
      const row = byId.get(id);
      return row && toCase(row);
    },
    ofSubjects: (ids) => (ids.length > 8 ? readOfSubjectsInTransaction(ids) : readOfSubjects(ids)),
    openOfSource: (source, limit) => openOfSource.all(source, limit).map(toCase),
    due: (at, limit) => due.all(at, limit).map(toCase),
    counts: () => counts.get()!,
  };
}

/** Waiting on someone, so on a queue: an objection for the furnisher, a repair for a decision. */
function awaiting(c: DueProcessCase): boolean {
  return c.kind === 'objection' ? c.status === 'open' : c.status === 'pending';
}

function toCase(row: Body): DueProcessCase {
  return JSON.parse(row.body) as DueProcessCase;
}
