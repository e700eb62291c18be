import type Database from 'better-sqlite3';
import type { AppendItem, AppendOutcome, NewSubject } from '../../ports/registry-store.js';

/**
 * The ingest hot path on SQLite: prepared statements inside one transaction per batch.
 * Kysely is kept for the rest of the adapter; here its per-query overhead would dominate.
 */
export function createBatchAppender(db: Database.Database): (items: readonly AppendItem[]) => AppendOutcome[] {
  const subjectByIndex = db.prepare<[string], { id: string }>('SELECT id FROM subjects WHERE id_index = ?');
  const insertSubject = db.prepare(
    `INSERT INTO subjects (id, kind, id_kind, id_index, id_sealed, id_masked, name, created_at)
     VALUES (@id, @kind, @idKind, @idIndex, @idSealed, @idMasked, @name, @createdAt)`,
  );
  const revisionByKey = db.prepare<[string, string, number], { id: string; content_hash: string; subject_id: string }>(
    'SELECT id, content_hash, subject_id FROM record_revisions WHERE source = ? AND ref = ? AND revision = ?',
  );
  const headByKey = db.prepare<[string, string], { subject_id: string; latest_revision: number }>(
    'SELECT subject_id, latest_revision FROM record_heads WHERE source = ? AND ref = ?',
  );
  const insertRevision = db.prepare(
    `INSERT INTO record_revisions (id, subject_id, related_subject_id, source, ref, revision, type, occurred_at,
       received_at, severity, amount, status, attributes, content_hash)
     VALUES (@id, @subjectId, @relatedSubjectId, @source, @ref, @revision, @type, @occurredAt,
       @receivedAt, @severity, @amount, @status, @attributes, @contentHash)`,
  );
  const insertHead = db.prepare(
    'INSERT INTO record_heads (source, ref, subject_id, latest_revision, revision_id) VALUES (?, ?, ?, ?, ?)',
  );
  const advanceHead = db.prepare(
    'UPDATE record_heads SET latest_revision = ?, revision_id = ? WHERE source = ? AND ref = ? AND latest_revision < ?',
  );
  const insertSource = db.prepare('INSERT OR IGNORE INTO sources (id, first_seen_at) VALUES (?, ?)');

  const ensureSubject = (s: NewSubject, at: string): string => {
    const found = s.idIndex === null ? undefined : subjectByIndex.get(s.idIndex);
    if (found) return found.id;
    if (s.idSealed === null) throw new Error('a new subject must come with its sealed identity number');
    insertSubject.run({ ...s, createdAt: at });
    return s.id;
  };

  const appendOne = (item: AppendItem): AppendOutcome => {
    const r = item.revision;
    const existing = revisionByKey.get(r.source, r.ref, r.revision);
    if (existing) {
      return existing.content_hash === r.contentHash
        ? { kind: 'duplicate', revisionId: existing.id, subjectId: existing.subject_id }
        : { kind: 'conflict' };
    }
    const head = headByKey.get(r.source, r.ref);
    // Checked before any subject is created, so a refused line leaves nothing behind.
    if (head && subjectByIndex.get(item.subject.idIndex ?? '')?.id !== head.subject_id) return { kind: 'subject_changed' };
    const subjectId = head ? head.subject_id : ensureSubject(item.subject, r.receivedAt);
    const relatedSubjectId = item.related ? ensureSubject(item.related, r.receivedAt) : null;
    insertRevision.run({ ...r, subjectId, relatedSubjectId, attributes: JSON.stringify(r.attributes) });
    insertSource.run(r.source, r.receivedAt);
    if (!head) {
      insertHead.run(r.source, r.ref, subjectId, r.revision, r.id);
      return { kind: 'added', revisionId: r.id, subjectId };
    }
    advanceHead.run(r.revision, r.id, r.source, r.ref, r.revision);
    return { kind: 'updated', revisionId: r.id, subjectId };
  };

  return db.transaction((items: readonly AppendItem[]) => items.map(appendOne));
}
