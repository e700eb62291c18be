import type Database from 'better-sqlite3';
import type { Notice } from '../../ports/registry-store.js';
import type { SqliteDatabase } from './sqlite-schema.js';

/** Notices on SQLite: stored once per key, read newest first per recipient. */
export interface NoticeQueries {
  add(notices: readonly Notice[]): number;
  of(recipient: string, limit: number): Notice[];
}

export function createNoticeQueries(db: Database.Database): NoticeQueries {
  // Only a repeated key is ignored: any other conflict (a reused id) is a bug and must throw.
  const insert = db.prepare(
    `INSERT INTO notices (id, key, recipient, subject_id, at, kind, body) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  );
  const ofRecipient = db.prepare<[string, number], SqliteDatabase['notices']>(
    'SELECT * FROM notices WHERE recipient = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  return {
    add: db.transaction((notices: readonly Notice[]) =>
      notices.reduce((added, n) => added + insert.run(n.id, n.key, n.recipient, n.subjectId, n.at, n.kind, JSON.stringify(n.body)).changes, 0),
    ),
    of: (recipient, limit) => ofRecipient.all(recipient, limit).map(toNotice),
  };
}

function toNotice(r: SqliteDatabase['notices']): Notice {
  return {
    id: r.id,
    key: r.key,
    recipient: r.recipient,
    subjectId: r.subject_id,
    at: r.at,
    kind: r.kind,
    body: JSON.parse(r.body) as Record<string, unknown>,
  };
}
