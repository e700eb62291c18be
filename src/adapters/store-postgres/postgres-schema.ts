import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { RevisionColumns, SubjectColumns } from '../registry-rows.js';

/**
 * Row types of the PostgreSQL schema as pg returns them, for Kysely's typed queries. Instants are
 * ISO 8601 text exactly as the application writes them (compared and ordered as strings, collation
 * "C"); JSON columns come back parsed; sealed numbers are bytea.
 */
export interface PostgresDatabase {
  store_version: { slot: number; n: string };
  subjects: SubjectColumns;
  subject_index: { id_index: string; subject_id: string };
  records: { source: string; ref: string; subject_id: string };
  record_keys: { source: string; ref: string; revision: number; revision_id: string; content_hash: string };
  // The stored columns; a read joins subject_kind from the subject.
  record_revisions: Omit<RevisionColumns<unknown>, 'subject_kind'>;
  sources: { id: string; first_seen_at: string };
  policies: { version: string; name: string; content: string; source_text: string; created_at: string };
  policy_activations: { version: string; activated_at: string };
  policy_simulations: { version: string; created_at: string; against_version: string | null; summary: unknown };
  subject_states: {
    subject_id: string;
    policy_version: string;
    computed_at: string;
    score: number;
    grade: string;
    dimensions: unknown;
    reasons: unknown;
    next_change_at: string | null;
  };
  list_entries: {
    subject_id: string;
    seq: number;
    list: string;
    list_kind: string;
    started_at: string;
    ends_at: string;
    end_reason: string;
    detail: unknown;
    policy_version: string;
  };
  api_keys: {
    id: string;
    role: string;
    secret_hash: string;
    source: string | null;
    subject_id: string | null;
    actions: unknown;
    purposes: unknown;
    label: string | null;
    created_at: string;
    revoked_at: string | null;
  };
  cases: {
    id: string;
    kind: string;
    subject_id: string;
    source: string;
    ref: string;
    status: string;
    due_at: string | null;
    opened_at: string;
    body: unknown;
  };
  notices: { id: string; key: string; recipient: string; subject_id: string | null; at: string; kind: string; body: unknown };
  notice_keys: { key: string; notice_id: string };
  erased_records: { source: string; ref: string; revisions: number; erased_at: string };
  subject_link_keys: { key: string; subject_id: string };
  subject_link_keys_cursor: { one: number; through: string };
  subject_links: { id: string; subject_id: string; target_id: string; linked_at: string; unlinked_at: string | null; body: unknown };
  link_reviews: { id: string; subject_id: string; candidate_id: string; status: string; body: unknown };
}

/** Kysely on the pool (outside a transaction) or on one transaction's connection. */
export type PgDb = Kysely<PostgresDatabase>;

/**
 * A plain SQL statement through Kysely's executor, for the hot paths where building the query
 * would cost more than running it (bulk unnest inserts, lookups by key). Without parameters pg
 * uses the simple protocol, so `text` may then hold several statements.
 */
export function run<R = Record<string, unknown>>(db: PgDb, text: string, parameters: readonly unknown[] = []): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}

/** The rows of a plain SQL query. */
export async function rows<R>(db: PgDb, text: string, parameters: readonly unknown[] = []): Promise<R[]> {
  return (await run<R>(db, text, parameters)).rows;
}

/** Rows changed by an INSERT, UPDATE or DELETE. */
export function changed(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Throw unless every one of these subjects is stored. The bulk-written hot tables (revisions,
 * subject states, list entries) carry no foreign key to subjects: into a partitioned table, a
 * foreign key costs a lookup per row, four fifths of the insert. One anti-join per batch checks
 * instead; subjects are never deleted, so nothing can remove one between check and insert.
 */
export async function assertSubjectsStored(db: PgDb, ids: Iterable<string>): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const missing = await rows<{ id: string }>(
    db,
    'SELECT u.id FROM unnest($1::text[]) AS u (id) WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.id = u.id) LIMIT 1',
    [wanted],
  );
  if (missing[0]) throw new Error(`subject ${missing[0].id} is not stored`);
}
