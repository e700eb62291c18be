import type Database from 'better-sqlite3';
import type { AppendItem, AppendOutcome, NewSubject } from '../../ports/registry-store.js';

type KnownRevision = { id: string; revision: number; content_hash: string; subject_id: string };

/**
 * The ingest hot path on SQLite: prepared statements inside one transaction per batch.
 * Kysely is kept for the rest of the adapter; here its per-query overhead would dominate.
 */
export function createBatchAppender(db: Database.Database): (items: readonly AppendItem[]) => AppendOutcome[] {
  const subjectByIndex = db.prepare<[string], { id: string }>('SELECT id FROM subjects WHERE id_index = ?');
  const insertSubject = db.prepare(
    `INSERT INTO subjects (id, kind, id_kind, id_index, id_sealed, id_masked, name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Every stored revision of one furnisher record, through the (source, ref, revision) key.
  const revisionsOfRecord = db.prepare<[string, string], KnownRevision>(
    'SELECT id, revision, content_hash, subject_id FROM record_revisions WHERE source = ? AND ref = ?',
  );
  const insertRevision = db.prepare(
    `INSERT INTO record_revisions (id, subject_id, related_subject_id, source, ref, revision, type, occurred_at,
       received_at, severity, amount, status, attributes, content_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSource = db.prepare('INSERT OR IGNORE INTO sources (id, first_seen_at) VALUES (?, ?)');
  const erasure = db.prepare<[string, string], { erased_at: string }>('SELECT erased_at FROM erased_records WHERE source = ? AND ref = ?');
  const knownSources = new Set<string>();

  // A subject handed over without its sealed number is one the caller found stored (subjects are
  // never deleted); a sealed one may still have been created meanwhile, so it is looked up first.
  const resolveSubject = (s: NewSubject): string | undefined =>
    s.idSealed === null ? s.id : s.idIndex === null ? undefined : subjectByIndex.get(s.idIndex)?.id;

  const ensureSubject = (s: NewSubject, at: string): string => {
    const found = resolveSubject(s);
    if (found) return found;
    if (s.idSealed === null) throw new Error('a new subject must come with its sealed identity number');
    insertSubject.run(s.id, s.kind, s.idKind, s.idIndex, s.idSealed, s.idMasked, s.name, at);
    return s.id;
  };

  const appendOne = (item: AppendItem): AppendOutcome => {
    const r = item.revision;
    const known = revisionsOfRecord.all(r.source, r.ref);
    const same = known.find((k) => k.revision === r.revision);
    if (same) {
      return same.content_hash === r.contentHash
        ? { kind: 'duplicate', revisionId: same.id, subjectId: same.subject_id }
        : { kind: 'conflict' };
    }
    // Only a record with no stored revision can have been erased: one lookup for new records only.
    const erased = known.length === 0 ? erasure.get(r.source, r.ref) : undefined;
    if (erased) return { kind: 'erased', erasedAt: erased.erased_at };
    // Checked before any subject is created, so a refused line leaves nothing behind.
    const owner = known[0]?.subject_id;
    if (owner !== undefined && !item.followRecord && resolveSubject(item.subject) !== owner) return { kind: 'subject_changed' };
    const subjectId = owner ?? ensureSubject(item.subject, r.receivedAt);
    const relatedSubjectId = item.related ? ensureSubject(item.related, r.receivedAt) : null;
    insertRevision.run(
      r.id, subjectId, relatedSubjectId, r.source, r.ref, r.revision, r.type, r.occurredAt, r.receivedAt,
      r.severity, r.amount, r.status, JSON.stringify(r.attributes), r.contentHash,
    );
    if (!knownSources.has(r.source)) {
      insertSource.run(r.source, r.receivedAt);
      knownSources.add(r.source);
    }
    return { kind: known.length === 0 ? 'added' : 'updated', revisionId: r.id, subjectId, relatedSubjectId };
  };

  return db.transaction((items: readonly AppendItem[]) => items.map(appendOne));
}
