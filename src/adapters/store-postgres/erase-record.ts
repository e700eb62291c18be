import type { ErasedRecord } from '../../ports/registry-store.js';
import { rows, run, type PgDb } from './postgres-schema.js';

/**
 * Erase a record after its retention period; the caller runs this in one transaction. Every
 * revision (with its lookup rows) and every case about it go, a tombstone stays (the record
 * existed; a revision of it sent later is refused). Derived state that cites the erased revisions
 * is recomputable, not erased here: its subjects are marked due now, so the scheduler recomputes
 * them if the caller does not.
 */
export async function eraseRecord(db: PgDb, source: string, ref: string, at: string): Promise<ErasedRecord | undefined> {
  // FOR UPDATE: an appender adding a revision holds KEY SHARE on the record, so the erasure waits
  // for it and then sees its revision; an appender coming later waits, and finds the tombstone.
  const [record] = await rows<{ subject_id: string }>(db, 'SELECT subject_id FROM records WHERE source = $1 AND ref = $2 FOR UPDATE', [source, ref]);
  if (!record) return undefined;
  const owner = record.subject_id;
  const revisions = await rows<{ related_subject_id: string | null }>(
    db,
    'SELECT related_subject_id FROM record_revisions WHERE subject_id = $1 AND source = $2 AND ref = $3',
    [owner, source, ref],
  );
  // The tombstone first: the delete triggers let through only rows of an erased record.
  await run(db, 'INSERT INTO erased_records (source, ref, revisions, erased_at) VALUES ($1, $2, $3, $4)', [source, ref, revisions.length, at]);
  const parties = [...new Set([owner, ...revisions.flatMap((r) => (r.related_subject_id ? [r.related_subject_id] : []))])];
  await run(
    db,
    `WITH gone_revisions AS (DELETE FROM record_revisions WHERE subject_id = $1 AND source = $2 AND ref = $3),
       gone_keys AS (DELETE FROM record_keys WHERE source = $2 AND ref = $3),
       gone_record AS (DELETE FROM records WHERE source = $2 AND ref = $3),
       gone_cases AS (DELETE FROM cases WHERE subject_id = ANY($4::text[]) AND source = $2 AND ref = $3)
     UPDATE subject_states SET next_change_at = $5
     WHERE subject_id = ANY($4::text[]) AND (next_change_at IS NULL OR next_change_at > $5)`,
    [owner, source, ref, parties, at],
  );
  return { source, ref, revisions: revisions.length, erasedAt: at };
}
