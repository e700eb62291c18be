import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The dashboard's subject search: each subject's name and its toneless pinyin as terms in one
 * B-tree, so a prefix search is a range scan, plus a cursor saying how far indexing has come.
 */
export const subjectSearchMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql.raw(
      `CREATE TABLE subject_terms (
        term TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        PRIMARY KEY (term, subject_id)
      ) WITHOUT ROWID`,
    ).execute(db);
    await sql.raw('CREATE TABLE subject_terms_cursor (one INTEGER PRIMARY KEY CHECK (one = 1), through TEXT NOT NULL)').execute(db);
  },
};
