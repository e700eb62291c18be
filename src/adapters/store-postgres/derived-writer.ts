import type { DerivedState } from '../../ports/registry-store.js';
import { assertSubjectsStored, run, type PgDb } from './postgres-schema.js';

/**
 * Replace subjects' derived state (score row, scheduler instant, list entries) in three multi-row
 * statements; the caller runs them in one transaction. A subject given twice keeps its last state,
 * as if the states were written one after another.
 */
export async function writeDerived(db: PgDb, given: readonly DerivedState[]): Promise<void> {
  // In subject order: two writers refreshing overlapping subjects lock their rows in the same order.
  const states = [...new Map(given.map((s) => [s.subjectId, s])).values()].sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1));
  if (states.length === 0) return;
  await assertSubjectsStored(db, states.map((s) => s.subjectId));
  await run(
    db,
    `INSERT INTO subject_states (subject_id, policy_version, computed_at, score, grade, dimensions, reasons, next_change_at)
     SELECT subject_id, policy_version, computed_at, score, grade, dimensions::json, reasons::json, next_change_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS t (subject_id, policy_version, computed_at, score, grade, dimensions, reasons, next_change_at)
     ON CONFLICT (subject_id) DO UPDATE SET policy_version = excluded.policy_version, computed_at = excluded.computed_at,
       score = excluded.score, grade = excluded.grade, dimensions = excluded.dimensions, reasons = excluded.reasons,
       next_change_at = excluded.next_change_at`,
    [states.map((s) => s.subjectId), states.map((s) => s.policyVersion), states.map((s) => s.computedAt), states.map((s) => s.score),
      states.map((s) => s.grade), states.map((s) => JSON.stringify(s.dimensions)), states.map((s) => JSON.stringify(s.reasons)),
      states.map((s) => s.nextChangeAt ?? null)],
  );
  // A join rather than = ANY: each partition would otherwise hash the whole array again.
  await run(db, 'DELETE FROM list_entries e USING unnest($1::text[]) AS u (id) WHERE e.subject_id = u.id', [states.map((s) => s.subjectId)]);
  const entries = states.flatMap((s) => s.entries.map((e, seq) => ({ s, e, seq })));
  if (entries.length === 0) return;
  await run(
    db,
    `INSERT INTO list_entries (subject_id, seq, list, list_kind, started_at, ends_at, end_reason, detail, policy_version)
     SELECT subject_id, seq, list, list_kind, started_at, ends_at, end_reason, detail::json, policy_version
     FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS t (subject_id, seq, list, list_kind, started_at, ends_at, end_reason, detail, policy_version)`,
    [entries.map((x) => x.s.subjectId), entries.map((x) => x.seq), entries.map((x) => x.e.list), entries.map((x) => x.e.listKind),
      entries.map((x) => x.e.startedAt), entries.map((x) => x.e.endsAt), entries.map((x) => x.e.endReason),
      entries.map((x) => JSON.stringify(x.e.detail)), entries.map((x) => x.s.policyVersion)],
  );
}
