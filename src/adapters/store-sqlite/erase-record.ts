import type Database from 'better-sqlite3';
import type { ErasedRecord } from '../../ports/registry-store.js';

type Party = { subject_id: string; related_subject_id: string | null };

/**
 * Erase a record after its retention period, in one transaction: every revision and every case about
 * it go, a tombstone stays (the record existed; a revision of it sent later is refused).
 * Derived state that cites the erased revisions (list entries, reasons) is recomputable, not erased
 * here: its subjects are marked due now, so the scheduler recomputes them if the caller does not.
 */
export function createRecordEraser(db: Database.Database): (source: string, ref: string, at: string) => ErasedRecord | undefined {
  const partiesOf = db.prepare<[string, string], Party>(
    'SELECT subject_id, related_subject_id FROM record_revisions WHERE source = ? AND ref = ?',
  );
  const insertTombstone = db.prepare('INSERT INTO erased_records (source, ref, revisions, erased_at) VALUES (?, ?, ?, ?)');
  const deleteRevisions = db.prepare('DELETE FROM record_revisions WHERE source = ? AND ref = ?');
  // Through cases_subject: a case is filed by a party to the record.
  const deleteCases = db.prepare('DELETE FROM cases WHERE subject_id = ? AND source = ? AND ref = ?');
  const markDue = db.prepare(
    'UPDATE subject_states SET next_change_at = ? WHERE subject_id = ? AND (next_change_at IS NULL OR next_change_at > ?)',
  );

  return db.transaction((source: string, ref: string, at: string): ErasedRecord | undefined => {
    const revisions = partiesOf.all(source, ref);
    if (revisions.length === 0) return undefined;
    // The tombstone first: the delete trigger lets through only revisions of an erased record.
    insertTombstone.run(source, ref, revisions.length, at);
    deleteRevisions.run(source, ref);
    const parties = new Set(revisions.flatMap((r) => (r.related_subject_id ? [r.subject_id, r.related_subject_id] : [r.subject_id])));
    for (const subjectId of parties) {
      deleteCases.run(subjectId, source, ref);
      markDue.run(at, subjectId, at);
    }
    return { source, ref, revisions: revisions.length, erasedAt: at };
  });
}
