import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type {
  AppendItem, AppendOutcome, DerivedState, ErasedRecord, Notice, RegistryStore, RevisionRow, StoredListEntry, StoredPolicy,
  StoreStats, SubjectRow,
} from '../../ports/registry-store.js';
import type { DueProcessCase } from '../../core/due-process/case-types.js';
import type { ApiKeyStore } from '../../ports/api-key-store.js';
import type { Role, StoredApiKey } from '../../core/access/api-key.js';
import { appendBatch } from './append-batch.js';
import { caseQueries } from './case-queries.js';
import { writeDerived } from './derived-writer.js';
import { eraseRecord } from './erase-record.js';
import { migratePostgres, quoteIdentifier } from './migrations.js';
import { noticeQueries } from './notice-queries.js';
import { dashboardQueries } from './dashboard-queries.js';
import { linkageQueries } from './linkage-queries.js';
import { MAX_LINK_DEPTH } from '../../core/linkage/link-keys.js';
import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import type { ListEntryCursor, PopulationCounts, SubjectTerm } from '../../ports/dashboard-store.js';
import { rows, run, type PgDb, type PostgresDatabase } from './postgres-schema.js';
import { revisionFromRow, subjectFromRow } from '../registry-rows.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` */
  connectionString: string;
  /** The schema holding the tables (set as the search path, created by `migrate`); default: the server's search path. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
}

interface TxState {
  ended: boolean;
  wrote: boolean;
  /** Writes on the transaction's connection run one at a time (appendBatch's savepoint must not take another call's statements with it). */
  writes: Promise<unknown>;
}

type RevisionRecord = PostgresDatabase['record_revisions'] & { subject_kind: string };
type SubjectRecord = PostgresDatabase['subjects'];

// The dataVersion bump: last in every writing transaction, so that the slot's row lock is held only while committing.
const BUMP = 'UPDATE store_version SET n = n + 1 WHERE slot = pg_backend_pid() % 16';
const REVISION_COLUMNS = `r.id, r.subject_id, r.related_subject_id, r.source, r.ref, r.revision, r.type, r.occurred_at, r.received_at,
  r.severity, r.amount, r.status, r.attributes, r.content_hash, s.kind AS subject_kind`;
/**
 * Revisions read as subjects': those of owner $2[i] as subject $1[i]'s own (one partition each), then
 * those naming a subject of $3 as related party (every partition's partial index).
 */
const REVISIONS_READ_AS = `SELECT a.asked, true AS own, ${REVISION_COLUMNS}
    FROM unnest($1::text[], $2::text[]) AS a (asked, id) JOIN record_revisions r ON r.subject_id = a.id JOIN subjects s ON s.id = r.subject_id
  UNION ALL
  SELECT a.id, false, ${REVISION_COLUMNS}
    FROM unnest($3::text[]) AS a (id) JOIN record_revisions r ON r.related_subject_id = a.id AND r.subject_id <> a.id
    JOIN subjects s ON s.id = r.subject_id`;

/**
 * The PostgreSQL store: a pg pool, Kysely for ordinary queries, multi-row plain SQL on the hot paths.
 * Outside a transaction every method takes a pooled connection (a write runs in its own transaction);
 * `transaction` holds one connection from BEGIN to COMMIT and hands its work a view of this store
 * bound to it, whose own `transaction` joins.
 */
export class PostgresStore implements RegistryStore, ApiKeyStore {
  readonly name = 'postgres';
  private readonly pool: pg.Pool;
  private readonly root: PgDb;
  private readonly schema: string | undefined;
  /** Set only on the view a transaction's work runs on: that transaction's connection and state. */
  private readonly open: { db: PgDb; state: TxState; client: pg.PoolClient } | undefined = undefined;
  /** Kysely bound to one pooled client, per client: so that one transaction can use both Kysely and COPY. */
  private readonly onClient = new WeakMap<pg.PoolClient, PgDb>();

  constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined) quoteIdentifier(options.schema);
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    // An idle connection that breaks (a server restart) is dropped by the pool and the next query
    // connects anew; without a listener the event would end the process.
    this.pool.on('error', () => undefined);
    this.root = new Kysely<PostgresDatabase>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /** Kysely on this view's connection: the pool, or the open transaction's (for adapters that share its transactions). */
  get kysely(): PgDb {
    if (!this.open) return this.root;
    if (this.open.state.ended) throw new Error('the transaction has ended: a transaction handle was used after its work returned');
    return this.open.db;
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.root, this.schema);
  }

  async isInitialised(): Promise<boolean> {
    const [row] = await rows<{ ok: boolean }>(this.kysely, "SELECT to_regclass('record_revisions') IS NOT NULL AS ok");
    return row?.ok === true;
  }

  async close(): Promise<void> {
    await this.root.destroy();
  }

  async transaction<T>(work: (tx: RegistryStore) => Promise<T>, options: { durability?: 'disk' | 'os' } = {}): Promise<T> {
    if (this.open) return work(this);
    return this.withClient(async (conn, client) => {
      const state: TxState = { ended: false, wrote: false, writes: Promise.resolve() };
      // Nesting is explicit, as in the SQLite adapter: the view's transaction() joins (no AsyncLocalStorage).
      const view = Object.create(this, { open: { value: { db: conn, state, client } } }) as PostgresStore;
      const body = async () => {
        try {
          return await work(view);
        } finally {
          // A write the work did not wait for still ends before COMMIT or ROLLBACK, never after.
          await state.writes;
          state.ended = true;
        }
      };
      return inTransaction(conn, body, () => state.wrote, options.durability === 'os');
    });
  }

  /** Run a write: on the open transaction's connection, or in a transaction of its own. */
  private async write<T>(work: (db: PgDb, client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.open) {
      const db = this.kysely;
      const { state, client } = this.open;
      state.wrote = true;
      const result = state.writes.then(() => work(db, client));
      state.writes = result.catch(() => undefined);
      return result;
    }
    return this.withClient((conn, client) => inTransaction(conn, () => work(conn, client), () => true));
  }

  /** A pooled client for `work`, with Kysely on it: the client is for what Kysely cannot do (COPY). */
  private async withClient<T>(work: (db: PgDb, client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let db = this.onClient.get(client);
    if (!db) {
      // A pool of this one client: Kysely acquires and releases it around each query; the real release is below.
      const held = { query: client.query.bind(client), release: () => undefined };
      const pool = { connect: () => Promise.resolve(held), end: () => Promise.resolve() };
      db = new Kysely<PostgresDatabase>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
      this.onClient.set(client, db);
    }
    try {
      return await work(db, client);
    } finally {
      client.release();
    }
  }

  async savePolicy(p: StoredPolicy): Promise<'added' | 'exists'> {
    const result = await this.write((db) =>
      db
        .insertInto('policies')
        .values({ version: p.version, name: p.name, content: p.content, source_text: p.sourceText, created_at: p.createdAt })
        .onConflict((oc) => oc.column('version').doNothing())
        .executeTakeFirst(),
    );
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'added' : 'exists';
  }

  async activatePolicy(version: string, at: string): Promise<void> {
    await this.write((db) => db.insertInto('policy_activations').values({ version, activated_at: at }).execute());
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
    await this.write((db) =>
      db.insertInto('policy_simulations').values({ version, against_version: againstVersion, summary: JSON.stringify(summary), created_at: at }).execute(),
    );
  }

  async policyVersions() {
    const found = await this.kysely
      .selectFrom('policies as p')
      .select(['p.version', 'p.name', 'p.created_at'])
      .select(sql<string[]>`array(select a.activated_at from policy_activations a where a.version = p.version order by a.activated_at)`.as('activated_at'))
      .orderBy('p.created_at')
      .orderBy('p.version')
      .execute();
    return found.map((r) => ({ version: r.version, name: r.name, createdAt: r.created_at, activatedAt: r.activated_at }));
  }

  async subjectsByIndex(indexes: readonly string[]): Promise<Map<string, SubjectRow>> {
    const found = new Map<string, SubjectRow>();
    if (indexes.length === 0) return found;
    // Through the lookup table: the blind index does not tell which partition holds the subject.
    const stored = await rows<SubjectRecord>(
      this.kysely,
      'SELECT s.* FROM subject_index i JOIN subjects s ON s.id = i.subject_id WHERE i.id_index = ANY($1::text[])',
      [[...new Set(indexes)]],
    );
    for (const s of stored) found.set(s.id_index!, subjectFromRow(s));
    return found;
  }

  async subjectById(id: string): Promise<SubjectRow | undefined> {
    const [row] = await rows<SubjectRecord>(this.kysely, 'SELECT * FROM subjects WHERE id = $1', [id]);
    return row && subjectFromRow(row);
  }

  async resealSubjects(updates: ReadonlyArray<{ id: string; sealed: Buffer }>): Promise<void> {
    if (updates.length === 0) return;
    const sorted = [...updates].sort((a, b) => (a.id < b.id ? -1 : 1));
    await this.write((db) =>
      run(
        db,
        'UPDATE subjects s SET id_sealed = u.sealed FROM unnest($1::text[], $2::bytea[]) AS u (id, sealed) WHERE s.id = u.id',
        [sorted.map((u) => u.id), sorted.map((u) => u.sealed)],
      ),
    );
  }

  async appendBatch(items: readonly AppendItem[]): Promise<AppendOutcome[]> {
    if (items.length === 0) return [];
    return this.write((db, client) => appendBatch(db, client, items));
  }

  async revisionsOfSubjects(ids: readonly string[]): Promise<Map<string, RevisionRow[]>> {
    const out = new Map<string, RevisionRow[]>();
    if (ids.length === 0) return out;
    const asked = [...new Set(ids)];
    // Optimistic, for ingest's sake: each subject read as its own records, with whether any standing
    // link touches these subjects, in one statement. Most often none does and that is the answer.
    let found = await rows<RevisionRecord & { asked: string | null; own: boolean; linked: boolean }>(
      this.kysely,
      `SELECT h.linked, x.* FROM (
         SELECT EXISTS (
           SELECT 1 FROM subject_links l WHERE l.unlinked_at IS NULL AND (l.subject_id = ANY($3::text[]) OR l.target_id = ANY($3::text[]))
         ) AS linked
       ) h LEFT JOIN (${REVISIONS_READ_AS}) x ON NOT h.linked`,
      [asked, asked, asked],
    );
    let members = new Map<string, Set<string>>();
    if (found[0]?.linked) {
      // (asked, owner) pairs: a subject linked out reads none of its own records (its target holds
      // them); any other reads its own and those of every subject linked into it, as its own.
      const plan = await linkageQueries.readPlan(this.kysely, asked);
      members = plan.members;
      const [readAs, owners]: [string[], string[]] = [[], []];
      for (const id of asked) {
        if (plan.linkedOut.has(id)) continue;
        readAs.push(id);
        owners.push(id);
        for (const member of members.get(id) ?? []) {
          readAs.push(id);
          owners.push(member);
        }
      }
      found = await rows(this.kysely, REVISIONS_READ_AS, [readAs, owners, asked]);
    }
    for (const id of asked) out.set(id, []);
    for (const r of found) {
      if (r.asked === null) continue; // no revisions: the row telling there are no links
      if (r.own) out.get(r.asked)!.push(revisionOf(r.subject_id === r.asked ? r : { ...r, subject_id: r.asked, linked_from: r.subject_id }));
      // A record of a member about this subject is already read above, as this subject's own.
      else if (!members.get(r.asked)?.has(r.subject_id)) out.get(r.asked)!.push(revisionOf(r));
    }
    for (const revisions of out.values()) revisions.sort(byRecordKey);
    return out;
  }

  async stats(): Promise<StoreStats> {
    // One statement, so the three counts are of one snapshot; records and revisions off the narrow lookup tables.
    const [row] = await rows<StoreStats>(
      this.kysely,
      `SELECT (SELECT count(*) FROM subjects)::int AS subjects, (SELECT count(*) FROM records)::int AS records,
         (SELECT count(*) FROM record_keys)::int AS revisions`,
    );
    return row!;
  }

  async saveDerived(states: readonly DerivedState[]): Promise<void> {
    if (states.length === 0) return;
    await this.write((db) => writeDerived(db, states));
  }

  async derivedState(subjectId: string): Promise<DerivedState | undefined> {
    // One statement: the state and its entries from one snapshot.
    const row = await this.kysely
      .selectFrom('subject_states as s')
      .selectAll('s')
      .select((eb) =>
        jsonArrayFrom(eb.selectFrom('list_entries as e').selectAll('e').whereRef('e.subject_id', '=', 's.subject_id').orderBy('e.seq')).as('entries'),
      )
      .where('s.subject_id', '=', subjectId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      subjectId,
      policyVersion: row.policy_version,
      computedAt: row.computed_at,
      score: row.score,
      grade: row.grade,
      dimensions: row.dimensions as Record<string, number>,
      reasons: row.reasons as unknown[],
      entries: (row.entries as Array<PostgresDatabase['list_entries']>).map(toStoredEntry),
      nextChangeAt: row.next_change_at,
    };
  }

  async listEntriesOf(subjectIds: readonly string[]): Promise<Map<string, StoredListEntry[]>> {
    const out = new Map<string, StoredListEntry[]>(subjectIds.map((id) => [id, []]));
    if (subjectIds.length === 0) return out;
    const found = await rows<PostgresDatabase['list_entries']>(
      this.kysely,
      'SELECT e.* FROM list_entries e JOIN unnest($1::text[]) AS u (id) ON e.subject_id = u.id ORDER BY e.subject_id, e.seq',
      [[...new Set(subjectIds)]],
    );
    for (const r of found) out.get(r.subject_id)!.push(toStoredEntry(r));
    return out;
  }

  async listEntriesAt(asOf: string, list?: string): Promise<Array<StoredListEntry & { subjectId: string }>> {
    let query = this.kysely.selectFrom('list_entries').selectAll().where('ends_at', '>', asOf).where('started_at', '<=', asOf);
    if (list !== undefined) query = query.where('list', '=', list);
    const found = await query.orderBy('list').orderBy('started_at').orderBy('subject_id').orderBy('seq').execute();
    return found.map((r) => ({ subjectId: r.subject_id, ...toStoredEntry(r) }));
  }

  async hasProvisionalSubjects(): Promise<boolean> {
    const found = await this.kysely.selectFrom('subjects').select('id').where('id_kind', 'is', null).where('kind', '=', 'person').limit(1).execute();
    return found.length > 0;
  }

  async subjectPage(afterId: string | null, limit: number): Promise<SubjectRow[]> {
    let query = this.kysely.selectFrom('subjects').selectAll();
    if (afterId !== null) query = query.where('id', '>', afterId);
    return (await query.orderBy('id').limit(limit).execute()).map(subjectFromRow);
  }

  async dataVersion(): Promise<number> {
    const [row] = await rows<{ v: string }>(this.kysely, 'SELECT sum(n)::bigint AS v FROM store_version');
    return Number(row!.v);
  }

  async revisionById(id: string): Promise<RevisionRow | undefined> {
    // Read as the subject at the end of the standing links out of its own (itself when there are none).
    const [row] = await rows<RevisionRecord & { root: string }>(
      this.kysely,
      `WITH RECURSIVE found AS (
         SELECT ${REVISION_COLUMNS} FROM record_revisions r JOIN subjects s ON s.id = r.subject_id WHERE r.id = $1
       ), chain (id, depth) AS (
         SELECT subject_id, 0 FROM found
         UNION ALL
         SELECT l.target_id, c.depth + 1 FROM chain c JOIN subject_links l ON l.subject_id = c.id AND l.unlinked_at IS NULL
          WHERE c.depth < ${MAX_LINK_DEPTH}
       )
       SELECT f.*, (SELECT c.id FROM chain c ORDER BY c.depth DESC LIMIT 1) AS root FROM found f`,
      [id],
    );
    if (!row) return undefined;
    const { root, ...revision } = row;
    return revisionOf(root === revision.subject_id ? revision : { ...revision, subject_id: root, linked_from: revision.subject_id });
  }

  async saveCase(c: DueProcessCase): Promise<void> {
    await this.write((db) => caseQueries.save(db, c));
  }

  async caseById(id: string): Promise<DueProcessCase | undefined> {
    return caseQueries.byId(this.kysely, id);
  }

  async casesOfSubjects(ids: readonly string[]): Promise<Map<string, DueProcessCase[]>> {
    return caseQueries.ofSubjects(this.kysely, ids);
  }

  async openCasesOfSource(source: string, limit: number): Promise<DueProcessCase[]> {
    return caseQueries.openOfSource(this.kysely, source, limit);
  }

  async openCasesDue(at: string, limit: number): Promise<DueProcessCase[]> {
    return caseQueries.due(this.kysely, at, limit);
  }

  async caseCounts(): Promise<{ objections: number; repairs: number; open: number }> {
    return caseQueries.counts(this.kysely);
  }

  async addNotices(notices: readonly Notice[]): Promise<number> {
    if (notices.length === 0) return 0;
    return this.write((db) => noticeQueries.add(db, notices));
  }

  async noticesFor(recipient: string, limit: number): Promise<Notice[]> {
    return noticeQueries.of(this.kysely, recipient, limit);
  }

  // The dashboard's search, list pages and counts (src/adapters/store-postgres/dashboard-queries.ts).
  async subjectTermsThrough(): Promise<string | null> {
    return dashboardQueries.termsThrough(this.kysely);
  }

  async addSubjectTerms(terms: readonly SubjectTerm[], through: string): Promise<void> {
    await this.write((db) => dashboardQueries.addTerms(db, terms, through));
  }

  async subjectTermsByPrefix(prefix: string, after: SubjectTerm | null, limit: number): Promise<SubjectTerm[]> {
    return dashboardQueries.termsByPrefix(this.kysely, prefix, after, limit);
  }

  async listEntriesPage(list: string, asOf: string, after: ListEntryCursor | null, limit: number) {
    return dashboardQueries.listPage(this.kysely, list, asOf, after, limit);
  }

  async populationCounts(asOf: string): Promise<PopulationCounts> {
    return dashboardQueries.counts(this.kysely, asOf);
  }

  // Identity linkage (src/adapters/store-postgres/linkage-queries.ts).
  async linkKeysCursor(): Promise<string | null> {
    return linkageQueries.keysCursor(this.kysely);
  }

  async addLinkKeys(keys: ReadonlyArray<{ key: string; subjectId: string }>, through?: string): Promise<void> {
    if (keys.length === 0 && through === undefined) return;
    await this.write((db) => linkageQueries.addKeys(db, keys, through));
  }

  async subjectsByLinkKeys(keys: readonly string[], maxPerKey: number): Promise<string[]> {
    return linkageQueries.subjectsByKeys(this.kysely, keys, maxPerKey);
  }

  async saveLink(link: SubjectLink): Promise<void> {
    await this.write((db) => linkageQueries.saveLink(db, link));
  }

  async activeLinksOf(subjectIds: readonly string[]): Promise<Map<string, SubjectLink>> {
    return linkageQueries.activeLinksOf(this.kysely, subjectIds);
  }

  async linksInto(targetIds: readonly string[]): Promise<Map<string, SubjectLink[]>> {
    return linkageQueries.linksInto(this.kysely, targetIds);
  }

  async linkHistory(subjectId: string): Promise<SubjectLink[]> {
    return linkageQueries.linkHistory(this.kysely, subjectId);
  }

  async saveReview(review: LinkReview): Promise<void> {
    await this.write((db) => linkageQueries.saveReview(db, review));
  }

  async reviewById(id: string): Promise<LinkReview | undefined> {
    return linkageQueries.reviewById(this.kysely, id);
  }

  async openReviews(limit: number, afterId?: string): Promise<LinkReview[]> {
    return linkageQueries.openReviews(this.kysely, limit, afterId);
  }

  async reviewsOfSubjects(subjectIds: readonly string[]): Promise<LinkReview[]> {
    return linkageQueries.reviewsOfSubjects(this.kysely, subjectIds);
  }

  async subjectsDueBy(at: string, limit: number): Promise<string[]> {
    // Through the partial index subject_states_next_change (next_change_at <= $1 implies it is not null).
    const due = await rows<{ subject_id: string }>(
      this.kysely,
      'SELECT subject_id FROM subject_states WHERE next_change_at <= $1 ORDER BY next_change_at, subject_id LIMIT $2',
      [at, limit],
    );
    return due.map((r) => r.subject_id);
  }

  async eraseRecord(source: string, ref: string, at: string): Promise<ErasedRecord | undefined> {
    return this.write((db) => eraseRecord(db, source, ref, at));
  }

  async saveApiKey(k: StoredApiKey): Promise<void> {
    await this.write((db) =>
      db
        .insertInto('api_keys')
        .values({
          id: k.id, role: k.role, secret_hash: k.secretHash, source: k.source, subject_id: k.subjectId,
          actions: JSON.stringify(k.actions), purposes: JSON.stringify(k.purposes), label: k.label,
          created_at: k.createdAt, revoked_at: k.revokedAt,
        })
        .execute(),
    );
  }

  async apiKey(id: string): Promise<StoredApiKey | undefined> {
    const row = await this.kysely.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiKey(row);
  }

  async apiKeys(): Promise<StoredApiKey[]> {
    return (await this.kysely.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()).map(toApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    const result = await this.write((db) =>
      db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }
}

/**
 * BEGIN, the work, then COMMIT (after the data version bump when it wrote); ROLLBACK when it throws.
 * `relaxed`: the commit returns before its WAL record reaches the disk (it survives a crash of the
 * process, not of the machine), for access-log events of reads.
 */
async function inTransaction<T>(conn: PgDb, work: () => Promise<T>, wrote: () => boolean, relaxed = false): Promise<T> {
  await run(conn, relaxed ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
  try {
    const result = await work();
    const end = await run<{ command?: string }>(conn, wrote() ? `${BUMP}; COMMIT` : 'COMMIT');
    // COMMIT answers ROLLBACK when an error the work caught had already aborted the transaction.
    if (end.rows[0]?.command === 'ROLLBACK') throw new Error('the transaction was rolled back: a statement in it failed');
    return result;
  } catch (e) {
    await run(conn, 'ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function byRecordKey(a: RevisionRow, b: RevisionRow): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.ref !== b.ref) return a.ref < b.ref ? -1 : 1;
  return a.revision - b.revision;
}

function toApiKey(r: PostgresDatabase['api_keys']): StoredApiKey {
  return {
    id: r.id, role: r.role as Role, secretHash: r.secret_hash, source: r.source, subjectId: r.subject_id,
    actions: r.actions as string[], purposes: r.purposes as string[], label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at,
  };
}

function toStoredEntry(r: PostgresDatabase['list_entries']): StoredListEntry {
  return {
    list: r.list,
    listKind: r.list_kind,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    endReason: r.end_reason,
    detail: r.detail as Record<string, unknown>,
  };
}

/**
 * A revision row as pg returns it: json columns arrive parsed. `linked_from`: the subject holding a
 * record read as the subject it is linked into.
 */
const revisionOf = (row: RevisionRecord & { linked_from?: string }) => revisionFromRow(row, (value) => value);
