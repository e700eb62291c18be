import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Due process: objections and repairs (`cases`), the notices owed to subjects and furnishers, the
 * scheduler's index on derived state (`next_change_at`), and the tombstones of erased records.
 * Every hot table carries subject_id (PostgreSQL will hash-partition by it); ids are UUIDv7 from the
 * application, never a database sequence.
 */
export const dueProcessMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // A case is kept whole as JSON; only what the queues filter and sort on is projected into columns.
    // due_at is set only while the case awaits someone (objection open, repair pending).
    await sql
      .raw(
        `CREATE TABLE cases (
          id TEXT PRIMARY KEY NOT NULL,
          kind TEXT NOT NULL,
          subject_id TEXT NOT NULL REFERENCES subjects (id),
          source TEXT NOT NULL,
          ref TEXT NOT NULL,
          status TEXT NOT NULL,
          due_at TEXT,
          opened_at TEXT NOT NULL,
          body TEXT NOT NULL
        )`,
      )
      .execute(db);
    await sql.raw('CREATE INDEX cases_subject ON cases (subject_id, opened_at, id)').execute(db);
    // Partial: closed cases are most of the table and no queue reads them. The queries repeat this
    // WHERE term exactly, or SQLite will not use the index.
    await sql.raw("CREATE INDEX cases_open_source ON cases (source, opened_at, id) WHERE status IN ('open', 'pending')").execute(db);
    await sql.raw("CREATE INDEX cases_due ON cases (due_at, id) WHERE status IN ('open', 'pending')").execute(db);

    await sql
      .raw(
        `CREATE TABLE notices (
          id TEXT PRIMARY KEY NOT NULL,
          key TEXT NOT NULL UNIQUE,
          recipient TEXT NOT NULL,
          subject_id TEXT REFERENCES subjects (id),
          at TEXT NOT NULL,
          kind TEXT NOT NULL,
          body TEXT NOT NULL
        )`,
      )
      .execute(db);
    await sql.raw('CREATE INDEX notices_recipient ON notices (recipient, at, id)').execute(db);

    // Nothing personal: that the record existed, how many revisions went, and when.
    await sql
      .raw(
        `CREATE TABLE erased_records (
          source TEXT NOT NULL,
          ref TEXT NOT NULL,
          revisions INTEGER NOT NULL,
          erased_at TEXT NOT NULL,
          PRIMARY KEY (source, ref)
        ) WITHOUT ROWID`,
      )
      .execute(db);
    // Revisions stay append-only except for erasure: a revision may be deleted only once its record
    // has a tombstone, which the eraser writes first in the same transaction.
    await sql.raw('DROP TRIGGER record_revisions_no_delete').execute(db);
    await sql
      .raw(
        `CREATE TRIGGER record_revisions_no_delete BEFORE DELETE ON record_revisions
         WHEN NOT EXISTS (SELECT 1 FROM erased_records e WHERE e.source = OLD.source AND e.ref = OLD.ref)
         BEGIN SELECT RAISE(ABORT, 'record revisions are append-only'); END`,
      )
      .execute(db);

    await sql.raw('ALTER TABLE subject_states ADD COLUMN next_change_at TEXT').execute(db);
    // Partial: a subject whose state time alone will never change is not the scheduler's business.
    await sql
      .raw('CREATE INDEX subject_states_next_change ON subject_states (next_change_at) WHERE next_change_at IS NOT NULL')
      .execute(db);
  },
};
