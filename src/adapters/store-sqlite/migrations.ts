import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Schema migrations, compiled into the package (no files read at run time) and applied by
 * Kysely's migrator. Record revisions are append-only: triggers refuse UPDATE and DELETE.
 */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('subjects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id_kind', 'text')
      .addColumn('id_index', 'text', (c) => c.unique())
      .addColumn('id_sealed', 'blob')
      .addColumn('id_masked', 'text')
      .addColumn('name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('record_revisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
      .addColumn('related_subject_id', 'text', (c) => c.references('subjects.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('severity', 'text')
      .addColumn('amount', 'real')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attributes', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addUniqueConstraint('record_revisions_key', ['source', 'ref', 'revision'])
      .execute();
    await db.schema.createIndex('record_revisions_subject').on('record_revisions').column('subject_id').execute();
    await db.schema.createIndex('record_revisions_related').on('record_revisions').column('related_subject_id').execute();
    await db.schema.createIndex('record_revisions_type').on('record_revisions').column('type').execute();
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER record_revisions_no_${op.toLowerCase()} BEFORE ${op} ON record_revisions ` +
            `BEGIN SELECT RAISE(ABORT, 'record revisions are append-only'); END`,
        )
        .execute(db);
    }
    // The live revision of each furnisher record: derived bookkeeping, rebuildable from revisions.
    await db.schema
      .createTable('record_heads')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('latest_revision', 'integer', (c) => c.notNull())
      .addColumn('revision_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_heads_pk', ['source', 'ref'])
      .execute();
    await db.schema
      .createTable('sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('policies')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('source_text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('policy_activations')
      .addColumn('version', 'text', (c) => c.notNull().references('policies.version'))
      .addColumn('activated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_activations_pk', ['activated_at', 'version'])
      .execute();
  },
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: async () => ({ '0001-initial': initial }),
};
