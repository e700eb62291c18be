import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Identity linkage: blinded blocking keys per subject (with a cursor saying how far indexing has
 * come), the links joining a provisional subject to another (ended, never deleted) and the queue of
 * uncertain links for review.
 */
export const linkageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of [
      `CREATE TABLE subject_link_keys (
        key TEXT NOT NULL,
        subject_id TEXT NOT NULL REFERENCES subjects (id),
        PRIMARY KEY (key, subject_id)
      ) WITHOUT ROWID`,
      'CREATE TABLE subject_link_keys_cursor (one INTEGER PRIMARY KEY CHECK (one = 1), through TEXT NOT NULL)',
      `CREATE TABLE subject_links (
        id TEXT PRIMARY KEY NOT NULL,
        subject_id TEXT NOT NULL REFERENCES subjects (id),
        target_id TEXT NOT NULL REFERENCES subjects (id),
        linked_at TEXT NOT NULL,
        unlinked_at TEXT,
        body TEXT NOT NULL
      )`,
      // At most one standing link out of a subject.
      'CREATE UNIQUE INDEX subject_links_active ON subject_links (subject_id) WHERE unlinked_at IS NULL',
      'CREATE INDEX subject_links_into ON subject_links (target_id) WHERE unlinked_at IS NULL',
      'CREATE INDEX subject_links_target ON subject_links (target_id)',
      `CREATE TABLE link_reviews (
        id TEXT PRIMARY KEY NOT NULL,
        subject_id TEXT NOT NULL REFERENCES subjects (id),
        candidate_id TEXT NOT NULL REFERENCES subjects (id),
        status TEXT NOT NULL,
        body TEXT NOT NULL
      )`,
      "CREATE INDEX link_reviews_open ON link_reviews (id) WHERE status = 'open'",
      'CREATE INDEX link_reviews_subject ON link_reviews (subject_id)',
      'CREATE INDEX link_reviews_candidate ON link_reviews (candidate_id)',
    ]) await sql.raw(statement).execute(db);
  },
};
