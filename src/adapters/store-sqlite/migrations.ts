import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { apiKeysMigration } from './migration-api-keys.js';
import { auditMigration } from './migration-audit.js';
import { dueProcessMigration } from './migration-due-process.js';
import { subjectSearchMigration } from './migration-subject-search.js';
import { linkageMigration } from './migration-linkage.js';

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
    // WITHOUT ROWID keyed by the time-ordered UUIDv7: the row lives in the primary-key B-tree,
    // so each insert touches four B-trees (row, furnisher key, subject, type), not six.
    await sql
      .raw(
        `CREATE TABLE record_revisions (
          id TEXT PRIMARY KEY NOT NULL,
          subject_id TEXT NOT NULL REFERENCES subjects (id),
          related_subject_id TEXT REFERENCES subjects (id),
          source TEXT NOT NULL,
          ref TEXT NOT NULL,
          revision INTEGER NOT NULL,
          type TEXT NOT NULL,
          occurred_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          severity TEXT,
          amount REAL,
          status TEXT NOT NULL,
          attributes TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          CONSTRAINT record_revisions_key UNIQUE (source, ref, revision)
        ) WITHOUT ROWID`,
      )
      .execute(db);
    await db.schema.createIndex('record_revisions_subject').on('record_revisions').column('subject_id').execute();
    await db.schema
      .createIndex('record_revisions_related')
      .on('record_revisions')
      .column('related_subject_id')
      .where(sql.ref('related_subject_id'), 'is not', null)
      .execute();
    await db.schema.createIndex('record_revisions_type').on('record_revisions').column('type').execute();
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER record_revisions_no_${op.toLowerCase()} BEFORE ${op} ON record_revisions ` +
            `BEGIN SELECT RAISE(ABORT, 'record revisions are append-only'); END`,
        )
        .execute(db);
    }
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

/**
 * Derived state, recomputable from records and a policy version at any time: the current score
 * and list entries of each subject, kept up to date by ingest in the same transaction.
 */
const derived: Migration = {
  async up(db: Kysely<unknown>) {
    await sql
      .raw(
        `CREATE TABLE subject_states (
          subject_id TEXT PRIMARY KEY NOT NULL REFERENCES subjects (id),
          policy_version TEXT NOT NULL,
          computed_at TEXT NOT NULL,
          score INTEGER NOT NULL,
          grade TEXT NOT NULL,
          dimensions TEXT NOT NULL,
          reasons TEXT NOT NULL
        ) WITHOUT ROWID`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TABLE list_entries (
          subject_id TEXT NOT NULL REFERENCES subjects (id),
          seq INTEGER NOT NULL,
          list TEXT NOT NULL,
          list_kind TEXT NOT NULL,
          started_at TEXT NOT NULL,
          ends_at TEXT NOT NULL,
          end_reason TEXT NOT NULL,
          detail TEXT NOT NULL,
          policy_version TEXT NOT NULL,
          PRIMARY KEY (subject_id, seq)
        ) WITHOUT ROWID`,
      )
      .execute(db);
    await db.schema.createIndex('list_entries_list').on('list_entries').columns(['list', 'ends_at']).execute();
    // What `policy simulate` said about a version when it was activated, kept beside the version.
    await db.schema
      .createTable('policy_simulations')
      .addColumn('version', 'text', (c) => c.notNull().references('policies.version'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('against_version', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_simulations_pk', ['version', 'created_at'])
      .execute();
    await db.schema.createIndex('list_entries_ends').on('list_entries').column('ends_at').execute();
  },
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: async () => ({
    '0001-initial': initial,
    '0002-derived': derived,
    '0003-audit': auditMigration,
    '0004-api-keys': apiKeysMigration,
    '0005-due-process': dueProcessMigration,
    '0006-subject-search': subjectSearchMigration,
    '0007-linkage': linkageMigration,
  }),
};
