import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The audit log: hash-chained events and signed checkpoints. Append-only by use, but deliberately
 * without the triggers that guard record revisions: a trigger is no protection against someone
 * with the file, and `audit verify` must be shown (and tested) to catch an edit made around it.
 */
export const auditMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // seq is the rowid: the last event and any range of events are B-tree seeks.
    await sql
      .raw(
        `CREATE TABLE audit_events (
          seq INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          role TEXT NOT NULL,
          action TEXT NOT NULL,
          subject_id TEXT,
          purpose TEXT,
          detail TEXT NOT NULL,
          simulated INTEGER NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        )`,
      )
      .execute(db);
    await db.schema
      .createIndex('audit_events_subject')
      .on('audit_events')
      .columns(['subject_id', 'seq'])
      .where(sql.ref('subject_id'), 'is not', null)
      .execute();
    await sql
      .raw(
        `CREATE TABLE audit_checkpoints (
          tree_size INTEGER PRIMARY KEY,
          root_hash TEXT NOT NULL,
          at TEXT NOT NULL,
          key_id TEXT NOT NULL,
          signature TEXT NOT NULL
        )`,
      )
      .execute(db);
  },
};
