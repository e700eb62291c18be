import type Database from 'better-sqlite3';
import type { DerivedState } from '../../ports/registry-store.js';

/** Replace subjects' derived state (score row, scheduler instant, list entries) with prepared statements, atomically. */
export function createDerivedWriter(db: Database.Database): (states: readonly DerivedState[]) => void {
  const upsertState = db.prepare(
    `INSERT INTO subject_states (subject_id, policy_version, computed_at, score, grade, dimensions, reasons, next_change_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (subject_id) DO UPDATE SET policy_version = excluded.policy_version, computed_at = excluded.computed_at,
       score = excluded.score, grade = excluded.grade, dimensions = excluded.dimensions, reasons = excluded.reasons,
       next_change_at = excluded.next_change_at`,
  );
  const deleteEntries = db.prepare('DELETE FROM list_entries WHERE subject_id = ?');
  const insertEntry = db.prepare(
    `INSERT INTO list_entries (subject_id, seq, list, list_kind, started_at, ends_at, end_reason, detail, policy_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction((states: readonly DerivedState[]) => {
    for (const s of states) {
      upsertState.run(
        s.subjectId, s.policyVersion, s.computedAt, s.score, s.grade, JSON.stringify(s.dimensions), JSON.stringify(s.reasons),
        s.nextChangeAt ?? null,
      );
      deleteEntries.run(s.subjectId);
      s.entries.forEach((e, seq) => {
        insertEntry.run(s.subjectId, seq, e.list, e.listKind, e.startedAt, e.endsAt, e.endReason, JSON.stringify(e.detail), s.policyVersion);
      });
    }
  });
}
