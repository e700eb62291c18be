import type { DueProcessCase } from '../../core/due-process/case-types.js';
import { rows, run, type PgDb } from './postgres-schema.js';

type Body = { body: DueProcessCase };

// The WHERE of the partial indexes cases_open_source and cases_due.
const AWAITING = "status IN ('open', 'pending')";

/** Due-process cases on PostgreSQL: the case kept whole as JSON, its queue columns projected beside it. */
export const caseQueries = {
  /** Insert or replace by id. The key is (id, subject_id), so a case moved to another subject leaves its old row first. */
  async save(db: PgDb, c: DueProcessCase): Promise<void> {
    const opened = c.kind === 'objection' ? c.filedAt : c.appliedAt;
    await run(
      db,
      `WITH moved AS (DELETE FROM cases WHERE id = $1 AND subject_id <> $3)
       INSERT INTO cases (id, kind, subject_id, source, ref, status, due_at, opened_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id, subject_id) DO UPDATE SET kind = excluded.kind, source = excluded.source, ref = excluded.ref,
         status = excluded.status, due_at = excluded.due_at, opened_at = excluded.opened_at, body = excluded.body`,
      [c.id, c.kind, c.subjectId, c.source, c.ref, c.status, awaiting(c) ? c.dueAt : null, opened, JSON.stringify(c)],
    );
  },

  async byId(db: PgDb, id: string): Promise<DueProcessCase | undefined> {
    return (await rows<Body>(db, 'SELECT body FROM cases WHERE id = $1', [id]))[0]?.body;
  },

  /** Each subject's cases oldest first (same instant: by id); subjects without cases are left out. */
  async ofSubjects(db: PgDb, ids: readonly string[]): Promise<Map<string, DueProcessCase[]>> {
    const out = new Map<string, DueProcessCase[]>();
    if (ids.length === 0) return out;
    const found = await rows<Body & { subject_id: string }>(
      db,
      `SELECT c.subject_id, c.body FROM cases c JOIN unnest($1::text[]) AS u (id) ON c.subject_id = u.id
       ORDER BY c.subject_id, c.opened_at, c.id`,
      [[...new Set(ids)]],
    );
    const bySubject = new Map<string, DueProcessCase[]>();
    for (const r of found) {
      const of = bySubject.get(r.subject_id);
      if (of) of.push(r.body);
      else bySubject.set(r.subject_id, [r.body]);
    }
    // In the order asked, as the SQLite adapter answers.
    for (const id of new Set(ids)) {
      const of = bySubject.get(id);
      if (of) out.set(id, of);
    }
    return out;
  },

  async openOfSource(db: PgDb, source: string, limit: number): Promise<DueProcessCase[]> {
    const found = await rows<Body>(db, `SELECT body FROM cases WHERE source = $1 AND ${AWAITING} ORDER BY opened_at, id LIMIT $2`, [source, limit]);
    return found.map((r) => r.body);
  },

  async due(db: PgDb, at: string, limit: number): Promise<DueProcessCase[]> {
    const found = await rows<Body>(db, `SELECT body FROM cases WHERE ${AWAITING} AND due_at <= $1 ORDER BY due_at, id LIMIT $2`, [at, limit]);
    return found.map((r) => r.body);
  },

  /** Scans on purpose: it is for `stats`, and an index on kind would cost every save. */
  async counts(db: PgDb): Promise<{ objections: number; repairs: number; open: number }> {
    const [row] = await rows<{ objections: number; repairs: number; open: number }>(
      db,
      `SELECT (count(*) FILTER (WHERE kind = 'objection'))::int AS objections, (count(*) FILTER (WHERE kind = 'repair'))::int AS repairs,
         (count(*) FILTER (WHERE ${AWAITING}))::int AS open FROM cases`,
    );
    return row!;
  },
};

/** Waiting on someone, so on a queue: an objection for the furnisher, a repair for a decision. */
function awaiting(c: DueProcessCase): boolean {
  return c.kind === 'objection' ? c.status === 'open' : c.status === 'pending';
}
