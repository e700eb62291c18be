import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type {
  AppendItem, AppendOutcome, DerivedState, ErasedRecord, Notice, RegistryStore, RevisionRow, StoredListEntry, StoredPolicy,
  StoreStats, SubjectRow,
} from '../../ports/registry-store.js';
import type { DueProcessCase } from '../../core/due-process/case-types.js';
import type { ApiKeyStore } from '../../ports/api-key-store.js';
import type { Role, StoredApiKey } from '../../core/access/api-key.js';
import { createDerivedWriter } from './derived-writer.js';
import { createBatchAppender } from './append-batch.js';
import { createCaseQueries, type CaseQueries } from './case-queries.js';
import { createNoticeQueries, type NoticeQueries } from './notice-queries.js';
import { createDashboardQueries, type DashboardQueries } from './dashboard-queries.js';
import { createLinkageQueries, type LinkageQueries } from './linkage-queries.js';
import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import type { ListEntryCursor, PopulationCounts, SubjectTerm } from '../../ports/dashboard-store.js';
import { createRecordEraser } from './erase-record.js';
import { sqliteMigrations } from './migrations.js';
import type { SqliteDatabase } from './sqlite-schema.js';
import { revisionFromRow, subjectFromRow } from '../registry-rows.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Refuse to create the file (every command but init and demo). */
  mustExist?: boolean;
}

type RevisionRecord = SqliteDatabase['record_revisions'];
type SubjectRecord = SqliteDatabase['subjects'];

/** The embedded default store: one SQLite file in WAL mode, fsync on every commit. */
export class SqliteStore implements RegistryStore, ApiKeyStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly kysely: Kysely<SqliteDatabase>;
  private appender: ((items: readonly AppendItem[]) => AppendOutcome[]) | undefined;
  /** A store as seen inside its open transaction: the same object, except that transaction() joins. */
  private readonly joinedViews = new WeakMap<object, RegistryStore>();
  private transactionQueue: Promise<unknown> = Promise.resolve();
  private control: ReturnType<typeof transactionControl> | undefined;
  private selectSubjectById: Database.Statement<[string], SubjectRecord> | undefined;
  private selectSubjectByIndex: Database.Statement<[string], SubjectRecord> | undefined;
  private selectRevisions: [Database.Statement<[string], RevisionRecord & { subject_kind: string }>, Database.Statement<[string], RevisionRecord & { subject_kind: string }>] | undefined;
  private readRevisionsOf: Batched<readonly string[], Map<string, RevisionRow[]>> | undefined;
  private writeDerived: ((states: readonly DerivedState[]) => void) | undefined;
  private lookupSubjects: Batched<readonly string[], Map<string, SubjectRow>> | undefined;
  // Due process: prepared on first use, like everything above (the schema may not be migrated yet).
  private caseQueries: CaseQueries | undefined;
  private noticeQueries: NoticeQueries | undefined;
  private dashboardQueries: DashboardQueries | undefined;
  private linkageQueries: LinkageQueries | undefined;
  private eraser: ((source: string, ref: string, at: string) => ErasedRecord | undefined) | undefined;
  private selectSubjectsDue: Database.Statement<[string, number], { subject_id: string }> | undefined;
  private selectRevisionById: Database.Statement<[string], RevisionRecord & { subject_kind: string }> | undefined;
  private selectDataVersion: Database.Statement<[], number> | undefined;

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { fileMustExist: options.mustExist ?? false });
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged batch survives power loss, not only a process crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    // Ingest touches several indexes at random points: a 64 MiB page cache, and checkpoints every
    // ~40 MiB of WAL rather than 4 MiB, so a page rewritten by many batches is copied back once.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('wal_autocheckpoint = 10000');
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

  async saveSimulation(version: string, againstVersion: string | null, summary: unknown, at: string): Promise<void> {
    await this.kysely
      .insertInto('policy_simulations')
      .values({ version, against_version: againstVersion, summary: JSON.stringify(summary), created_at: at })
      .execute();
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
    this.lookupSubjects ??= batched(this.db, (wanted: readonly string[]) => {
      const select = (this.selectSubjectByIndex ??= this.db.prepare<[string], SubjectRecord>('SELECT * FROM subjects WHERE id_index = ?'));
      const found = new Map<string, SubjectRow>();
      for (const index of new Set(wanted)) {
        const row = select.get(index);
        if (row) found.set(index, subjectFromRow(row));
      }
      return found;
    });
    // One read transaction for a large lookup (per-statement transactions cost 3x in WAL mode); a
    // few lookups run bare, since BEGIN and COMMIT would cost more than they save.
    return indexes.length > 8 ? this.lookupSubjects.inTransaction(indexes) : this.lookupSubjects.bare(indexes);
  }

  async subjectById(id: string): Promise<SubjectRow | undefined> {
    // Prepared once: every decision and report resolves a subject by id (Kysely costs ~30 µs here).
    this.selectSubjectById ??= this.db.prepare<[string], SubjectRecord>('SELECT * FROM subjects WHERE id = ?');
    const row = this.selectSubjectById.get(id);
    return row && subjectFromRow(row);
  }

  async resealSubjects(updates: ReadonlyArray<{ id: string; sealed: Buffer }>): Promise<void> {
    const update = this.db.prepare('UPDATE subjects SET id_sealed = ? WHERE id = ?');
    this.db.transaction(() => updates.forEach((u) => update.run(u.sealed, u.id)))();
  }

  async appendBatch(items: readonly AppendItem[]): Promise<AppendOutcome[]> {
    this.appender ??= createBatchAppender(this.db);
    return this.appender(items);
  }

  async revisionsOfSubjects(ids: readonly string[]): Promise<Map<string, RevisionRow[]>> {
    // Prepared statements in one read transaction: this runs for every subject a batch touches.
    this.readRevisionsOf ??= batched(this.db, (wanted: readonly string[]) => {
      const select = (column: string) =>
        this.db.prepare<[string], RevisionRecord & { subject_kind: string }>(
          `SELECT r.*, s.kind AS subject_kind FROM record_revisions r JOIN subjects s ON s.id = r.subject_id WHERE r.${column} = ?`,
        );
      const [bySubject, byRelated] = (this.selectRevisions ??= [select('subject_id'), select('related_subject_id')]);
      const out = new Map<string, RevisionRow[]>();
      const linkage = this.linkage();
      for (const id of wanted) {
        if (out.has(id)) continue;
        // A subject linked into another holds no records of its own while the link stands; the
        // subjects linked into this one lend it theirs, read as this subject's.
        if (linkage.rootOf(id) !== id) {
          out.set(id, byRelated.all(id).filter((r) => r.subject_id !== id).map(revisionOf).sort(byRecordKey));
          continue;
        }
        const members = linkage.membersOf(id);
        const lent = members.flatMap((m) => bySubject.all(m).map((r) => ({ ...r, subject_id: id, linked_from: m })));
        // A record of a linked subject naming this one as related party is already among the lent.
        const mine = new Set([id, ...members]);
        const rows = [...bySubject.all(id), ...lent, ...byRelated.all(id).filter((r) => !mine.has(r.subject_id))].map(revisionOf);
        out.set(id, rows.sort(byRecordKey));
      }
      return out;
    });
    return ids.length > 8 ? this.readRevisionsOf.inTransaction(ids) : this.readRevisionsOf.bare(ids);
  }

  async transaction<T>(work: (tx: RegistryStore) => Promise<T>, options: { durability?: 'disk' | 'os' } = {}): Promise<T> {
    // One connection serves every caller, so transactions are queued: a request's work never lands
    // in another request's transaction. Work runs on `tx`, whose own transaction() joins the open
    // one: nesting is explicit (AsyncLocalStorage would find it implicitly, but its promise hooks
    // cost every promise in the process about a quarter of a decision's time).
    const relaxed = options.durability === 'os';
    const run = async (): Promise<T> => {
      // WAL with synchronous=NORMAL: the commit reaches the OS, the fsync waits for the next checkpoint.
      // Prepared once: on the path of every decision's access event, parsing these each time shows.
      const sql = (this.control ??= transactionControl(this.db));
      if (relaxed) sql.relaxed.run();
      sql.begin.run();
      try {
        const result = await work(this.joinedView(this));
        sql.commit.run();
        return result;
      } catch (e) {
        if (this.db.inTransaction) sql.rollback.run();
        throw e;
      } finally {
        if (relaxed) sql.full.run();
      }
    };
    const result = this.transactionQueue.then(run, run);
    this.transactionQueue = result.catch(() => undefined);
    return result;
  }

  private joinedView(outer: RegistryStore): RegistryStore {
    let view = this.joinedViews.get(outer);
    if (!view) {
      const joined: RegistryStore = Object.create(outer, { transaction: { value: <T>(work: (tx: RegistryStore) => Promise<T>) => work(joined) } }) as RegistryStore;
      this.joinedViews.set(outer, (view = joined));
    }
    return view;
  }

  async saveDerived(states: readonly DerivedState[]): Promise<void> {
    this.writeDerived ??= createDerivedWriter(this.db);
    this.writeDerived(states);
  }

  async derivedState(subjectId: string): Promise<DerivedState | undefined> {
    const row = await this.kysely.selectFrom('subject_states').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
    if (!row) return undefined;
    const entries = await this.kysely.selectFrom('list_entries').selectAll().where('subject_id', '=', subjectId).orderBy('seq').execute();
    return {
      subjectId,
      policyVersion: row.policy_version,
      computedAt: row.computed_at,
      score: row.score,
      grade: row.grade,
      dimensions: JSON.parse(row.dimensions) as Record<string, number>,
      reasons: JSON.parse(row.reasons) as unknown[],
      entries: entries.map(toStoredEntry),
      nextChangeAt: row.next_change_at,
    };
  }

  async listEntriesOf(subjectIds: readonly string[]): Promise<Map<string, StoredListEntry[]>> {
    const out = new Map<string, StoredListEntry[]>(subjectIds.map((id) => [id, []]));
    // In chunks below SQLite's limit on bound parameters.
    const ids = [...out.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const found = await this.kysely.selectFrom('list_entries').selectAll().where('subject_id', 'in', ids.slice(i, i + 500))
        .orderBy('subject_id').orderBy('seq').execute();
      for (const r of found) out.get(r.subject_id)!.push(toStoredEntry(r));
    }
    return out;
  }

  async listEntriesAt(asOf: string, list?: string): Promise<Array<StoredListEntry & { subjectId: string }>> {
    let query = this.kysely
      .selectFrom('list_entries')
      .selectAll()
      .where('ends_at', '>', asOf)
      .where('started_at', '<=', asOf);
    if (list !== undefined) query = query.where('list', '=', list);
    const rows = await query.orderBy('list').orderBy('started_at').orderBy('subject_id').orderBy('seq').execute();
    return rows.map((r) => ({ subjectId: r.subject_id, ...toStoredEntry(r) }));
  }

  async hasProvisionalSubjects(): Promise<boolean> {
    const found = await this.kysely.selectFrom('subjects').select('id').where('id_kind', 'is', null).where('kind', '=', 'person').limit(1).execute();
    return found.length > 0;
  }

  async subjectPage(afterId: string | null, limit: number): Promise<SubjectRow[]> {
    let query = this.kysely.selectFrom('subjects').selectAll();
    if (afterId !== null) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(subjectFromRow);
  }

  async dataVersion(): Promise<number> {
    // Prepared once: asked before every cached decision.
    this.selectDataVersion ??= this.db.prepare<[], number>('PRAGMA data_version').pluck();
    return this.selectDataVersion.get()!;
  }

  async revisionById(id: string): Promise<RevisionRow | undefined> {
    this.selectRevisionById ??= this.db.prepare(
      'SELECT r.*, s.kind AS subject_kind FROM record_revisions r JOIN subjects s ON s.id = r.subject_id WHERE r.id = ?',
    );
    const row = this.selectRevisionById.get(id);
    if (!row) return undefined;
    const root = this.linkage().rootOf(row.subject_id);
    return revisionOf(root === row.subject_id ? row : { ...row, subject_id: root, linked_from: row.subject_id });
  }

  async saveCase(c: DueProcessCase): Promise<void> {
    this.cases().save(c);
  }

  async caseById(id: string): Promise<DueProcessCase | undefined> {
    return this.cases().byId(id);
  }

  async casesOfSubjects(ids: readonly string[]): Promise<Map<string, DueProcessCase[]>> {
    return this.cases().ofSubjects(ids);
  }

  async openCasesOfSource(source: string, limit: number): Promise<DueProcessCase[]> {
    return this.cases().openOfSource(source, limit);
  }

  async openCasesDue(at: string, limit: number): Promise<DueProcessCase[]> {
    return this.cases().due(at, limit);
  }

  async caseCounts(): Promise<{ objections: number; repairs: number; open: number }> {
    return this.cases().counts();
  }

  async addNotices(notices: readonly Notice[]): Promise<number> {
    return (this.noticeQueries ??= createNoticeQueries(this.db)).add(notices);
  }

  async noticesFor(recipient: string, limit: number): Promise<Notice[]> {
    return (this.noticeQueries ??= createNoticeQueries(this.db)).of(recipient, limit);
  }

  // The dashboard's search, list pages and counts (src/adapters/store-sqlite/dashboard-queries.ts).
  async subjectTermsThrough(): Promise<string | null> {
    return this.dashboard().termsThrough();
  }

  async addSubjectTerms(terms: readonly SubjectTerm[], through: string): Promise<void> {
    await this.transaction(async () => this.dashboard().addTerms(terms, through));
  }

  async subjectTermsByPrefix(prefix: string, after: SubjectTerm | null, limit: number): Promise<SubjectTerm[]> {
    return this.dashboard().termsByPrefix(prefix, after, limit);
  }

  async listEntriesPage(list: string, asOf: string, after: ListEntryCursor | null, limit: number) {
    return this.dashboard().listPage(list, asOf, after, limit);
  }

  async populationCounts(asOf: string): Promise<PopulationCounts> {
    return this.dashboard().counts(asOf);
  }

  // Identity linkage (src/adapters/store-sqlite/linkage-queries.ts).
  async linkKeysCursor(): Promise<string | null> {
    return this.linkage().keysCursor();
  }

  async addLinkKeys(rows: ReadonlyArray<{ key: string; subjectId: string }>, through?: string): Promise<void> {
    await this.transaction(async () => this.linkage().addKeys(rows, through));
  }

  async subjectsByLinkKeys(keys: readonly string[], maxPerKey: number): Promise<string[]> {
    return this.linkage().subjectsByKeys(keys, maxPerKey);
  }

  async saveLink(link: SubjectLink): Promise<void> {
    await this.transaction(async () => this.linkage().saveLink(link));
  }

  async activeLinksOf(subjectIds: readonly string[]): Promise<Map<string, SubjectLink>> {
    return this.linkage().activeLinksOf(subjectIds);
  }

  async linksInto(targetIds: readonly string[]): Promise<Map<string, SubjectLink[]>> {
    return this.linkage().linksInto(targetIds);
  }

  async linkHistory(subjectId: string): Promise<SubjectLink[]> {
    return this.linkage().linkHistory(subjectId);
  }

  async saveReview(review: LinkReview): Promise<void> {
    await this.transaction(async () => this.linkage().saveReview(review));
  }

  async reviewById(id: string): Promise<LinkReview | undefined> {
    return this.linkage().reviewById(id);
  }

  async openReviews(limit: number, afterId?: string): Promise<LinkReview[]> {
    return this.linkage().openReviews(limit, afterId);
  }

  async reviewsOfSubjects(subjectIds: readonly string[]): Promise<LinkReview[]> {
    return this.linkage().reviewsOfSubjects(subjectIds);
  }

  private linkage(): LinkageQueries {
    return (this.linkageQueries ??= createLinkageQueries(this.db));
  }

  private dashboard(): DashboardQueries {
    return (this.dashboardQueries ??= createDashboardQueries(this.db));
  }

  async subjectsDueBy(at: string, limit: number): Promise<string[]> {
    // Through the partial index subject_states_next_change, which holds only subjects with a next change.
    this.selectSubjectsDue ??= this.db.prepare(
      'SELECT subject_id FROM subject_states WHERE next_change_at <= ? ORDER BY next_change_at, subject_id LIMIT ?',
    );
    return this.selectSubjectsDue.all(at, limit).map((r) => r.subject_id);
  }

  async eraseRecord(source: string, ref: string, at: string): Promise<ErasedRecord | undefined> {
    this.eraser ??= createRecordEraser(this.db);
    return this.eraser(source, ref, at);
  }

  private cases(): CaseQueries {
    return (this.caseQueries ??= createCaseQueries(this.db));
  }

  async saveApiKey(k: StoredApiKey): Promise<void> {
    await this.kysely
      .insertInto('api_keys')
      .values({
        id: k.id, role: k.role, secret_hash: k.secretHash, source: k.source, subject_id: k.subjectId,
        actions: JSON.stringify(k.actions), purposes: JSON.stringify(k.purposes), label: k.label,
        created_at: k.createdAt, revoked_at: k.revokedAt,
      })
      .execute();
  }

  async apiKey(id: string): Promise<StoredApiKey | undefined> {
    const row = await this.kysely.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiKey(row);
  }

  async apiKeys(): Promise<StoredApiKey[]> {
    return (await this.kysely.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(toApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    const r = await this.kysely.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The underlying connection, for adapters that share its transactions (the audit log). */
  get database(): Database.Database {
    return this.db;
  }

  async stats(): Promise<StoreStats> {
    const count = (query: string) => (this.db.prepare(query).get() as { n: number }).n;
    return {
      subjects: count('SELECT count(*) AS n FROM subjects'),
      // Distinct (source, ref), read off the furnisher-key index.
      records: count('SELECT count(*) AS n FROM (SELECT 1 FROM record_revisions GROUP BY source, ref)'),
      revisions: count('SELECT count(*) AS n FROM record_revisions'),
    };
  }
}

interface Batched<A, R> {
  bare: (args: A) => R;
  inTransaction: (args: A) => R;
}

/** A read that runs bare for a few rows and inside one read transaction for many. */
function batched<A, R>(db: Database.Database, read: (args: A) => R): Batched<A, R> {
  return { bare: read, inTransaction: db.transaction(read) };
}

function byRecordKey(a: RevisionRow, b: RevisionRow): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.ref !== b.ref) return a.ref < b.ref ? -1 : 1;
  return a.revision - b.revision;
}

function toApiKey(r: SqliteDatabase['api_keys']): StoredApiKey {
  return {
    id: r.id, role: r.role as Role, secretHash: r.secret_hash, source: r.source, subjectId: r.subject_id,
    actions: JSON.parse(r.actions) as string[], purposes: JSON.parse(r.purposes) as string[], label: r.label,
    createdAt: r.created_at, revokedAt: r.revoked_at,
  };
}

function toStoredEntry(r: SqliteDatabase['list_entries']): StoredListEntry {
  return {
    list: r.list,
    listKind: r.list_kind,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    endReason: r.end_reason,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}



function transactionControl(db: Database.Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    relaxed: db.prepare('PRAGMA synchronous = NORMAL'),
    full: db.prepare('PRAGMA synchronous = FULL'),
  };
}

/** A revision row as SQLite returns it: its attributes are JSON text. */
const revisionOf = (row: RevisionRecord & { subject_kind: string; linked_from?: string }) => revisionFromRow(row, (text: string): unknown => JSON.parse(text));
