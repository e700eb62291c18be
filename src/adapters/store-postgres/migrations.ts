import { auditMigration } from './migration-audit.js';
import { dueProcessMigration } from './migration-due-process.js';
import { registryMigration } from './migration-registry.js';
import { subjectSearchMigration } from './migration-subject-search.js';
import { linkageMigration } from './migration-linkage.js';
import { rows, run, type PgDb } from './postgres-schema.js';

/**
 * Schema migrations, compiled into the package (no files read at run time) and applied in name
 * order. A name once released never changes meaning; a change is a new migration.
 */
export const postgresMigrations: ReadonlyArray<{ name: string; sql: string }> = [
  { name: '0001-registry', sql: registryMigration },
  { name: '0002-due-process', sql: dueProcessMigration },
  { name: '0003-audit', sql: auditMigration },
  { name: '0004-subject-search', sql: subjectSearchMigration },
  { name: '0005-linkage', sql: linkageMigration },
];

/**
 * Apply the pending migrations in one transaction, under an advisory lock keyed by the search path,
 * so that two processes migrating the same schema at once apply each migration once: the second
 * waits, then finds nothing to do. `schema`, when given, is created first.
 *
 * Kysely's Migrator is not used: it decides whether its bookkeeping table exists by listing the
 * tables of every schema in the database, so a second schema in one database (one per test, or
 * per tenant) would be taken as already set up.
 */
export async function migratePostgres(db: PgDb, schema: string | undefined): Promise<void> {
  await db.connection().execute(async (conn) => {
    await run(conn, 'BEGIN');
    try {
      await run(conn, "SELECT pg_advisory_xact_lock(hashtextextended('xinyong.migrate:' || current_setting('search_path'), 0))");
      if (schema !== undefined) await run(conn, `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await run(conn, 'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const applied = new Set((await rows<{ name: string }>(conn, 'SELECT name FROM schema_migrations')).map((r) => r.name));
      for (const m of postgresMigrations) {
        if (applied.has(m.name)) continue;
        await run(conn, m.sql);
        await run(conn, 'INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      }
      await run(conn, 'COMMIT');
    } catch (e) {
      await run(conn, 'ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
}

/** A schema name as an SQL identifier; only plain lowercase names are accepted. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name "${name}": use lowercase letters, digits and _`);
  return `"${name}"`;
}
