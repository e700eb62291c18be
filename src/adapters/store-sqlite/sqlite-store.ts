import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { RecordStatus } from '../../core/records/record-input.js';
import type {
  AppendItem, AppendOutcome, RegistryStore, RevisionRow, StoredPolicy, StoreStats, SubjectRow,
} from '../../ports/registry-store.js';
import { createBatchAppender } from './append-batch.js';
import { sqliteMigrations } from './migrations.js';
import type { SqliteDatabase } from './sqlite-schema.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Refuse to create the file (every command but init and demo). */
  mustExist?: boolean;
}

type RevisionRecord = SqliteDatabase['record_revisions'];
type SubjectRecord = SqliteDatabase['subjects'];

/** The embedded default store: one SQLite file in WAL mode, fsync on every commit. */
export class SqliteStore implements RegistryStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly kysely: Kysely<SqliteDatabase>;
  private appender: ((items: readonly AppendItem[]) => AppendOutcome[]) | undefined;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { fileMustExist: options.mustExist ?? false });
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged batch survives power loss, not only a process crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    this.kysely = new Kysely<SqliteDatabase>({ dialect: new SqliteDialect({ database: this.db }) });
  }

  async migrate(): Promise<void> {
    const { error } = await new Migrator({ db: this.kysely, provider: sqliteMigrations }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  async isInitialised(): Promise<boolean> {
    const row = this.db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'record_revisions'")
      .get() as { n: number };
    return row.n > 0;
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }

  async savePolicy(p: StoredPolicy): Promise<'added' | 'exists'> {
    const result = await this.kysely
      .insertInto('policies')
      .values({ version: p.version, name: p.name, content: p.content, source_text: p.sourceText, created_at: p.createdAt })
      .onConflict((oc) => oc.column('version').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'added' : 'exists';
  }

  async activatePolicy(version: string, at: string): Promise<void> {
    await this.kysely.insertInto('policy_activations').values({ version, activated_at: at }).execute();
  }

  async activePolicy(): Promise<StoredPolicy | undefined> {
    const row = await this.kysely
      .selectFrom('policy_activations as a')
      .innerJoin('policies as p', 'p.version', 'a.version')
      .selectAll('p')
      .orderBy('a.activated_at', 'desc')
      .orderBy('a.version')
      .limit(1)
      .executeTakeFirst();
    return row && { version: row.version, name: row.name, content: row.content, sourceText: row.source_text, createdAt: row.created_at };
  }

  async policyVersions() {
    const rows = await this.kysely.selectFrom('policies').selectAll().orderBy('created_at').execute();
    const activations = await this.kysely.selectFrom('policy_activations').selectAll().orderBy('activated_at').execute();
    return rows.map((r) => ({
      version: r.version,
      name: r.name,
      createdAt: r.created_at,
      activatedAt: activations.filter((a) => a.version === r.version).map((a) => a.activated_at),
    }));
  }

  async subjectsByIndex(indexes: readonly string[]): Promise<Map<string, SubjectRow>> {
    const found = new Map<string, SubjectRow>();
    const select = this.db.prepare<[string], SubjectRecord>('SELECT * FROM subjects WHERE id_index = ?');
    for (const index of new Set(indexes)) {
      const row = select.get(index);
      if (row) found.set(index, toSubject(row));
    }
    return found;
  }

  async subjectById(id: string): Promise<SubjectRow | undefined> {
    const row = await this.kysely.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubject(row);
  }

  async appendBatch(items: readonly AppendItem[]): Promise<AppendOutcome[]> {
    this.appender ??= createBatchAppender(this.db);
    return this.appender(items);
  }

  async revisionsOf(subjectId: string): Promise<RevisionRow[]> {
    const rows = await this.kysely
      .selectFrom('record_revisions')
      .selectAll()
      .where((eb) => eb.or([eb('subject_id', '=', subjectId), eb('related_subject_id', '=', subjectId)]))
      .orderBy('source').orderBy('ref').orderBy('revision')
      .execute();
    return rows.map(toRevision);
  }

  async revisionsOfTypes(types: readonly string[]): Promise<RevisionRow[]> {
    if (types.length === 0) return [];
    const rows = await this.kysely
      .selectFrom('record_revisions')
      .selectAll()
      .where('type', 'in', [...types])
      .orderBy('source').orderBy('ref').orderBy('revision')
      .execute();
    return rows.map(toRevision);
  }

  async stats(): Promise<StoreStats> {
    const count = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { subjects: count('subjects'), records: count('record_heads'), revisions: count('record_revisions') };
  }
}

function toSubject(row: SubjectRecord): SubjectRow {
  return {
    id: row.id,
    kind: row.kind as SubjectRow['kind'],
    idKind: row.id_kind as SubjectRow['idKind'],
    idIndex: row.id_index,
    idSealed: row.id_sealed,
    idMasked: row.id_masked,
    name: row.name,
    createdAt: row.created_at,
  };
}

function toRevision(row: RevisionRecord): RevisionRow {
  return {
    id: row.id,
    subjectId: row.subject_id,
    relatedSubjectId: row.related_subject_id,
    source: row.source,
    ref: row.ref,
    revision: row.revision,
    type: row.type,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    severity: row.severity,
    amount: row.amount,
    status: row.status as RecordStatus,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    contentHash: row.content_hash,
  };
}
