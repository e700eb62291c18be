import type { AppendItem, AppendOutcome, NewSubject } from '../../ports/registry-store.js';
import type pg from 'pg';
import { bulkInsert, type BulkColumn } from './copy-rows.js';
import { assertSubjectsStored, rows, run, type PgDb } from './postgres-schema.js';

interface KnownRecord {
  owner: string;
  /** Found stored (its row is locked against erasure before a revision is added), or new in this batch. */
  stored: boolean;
  revisions: Map<number, { id: string; hash: string }>;
}

interface Plan {
  outcomes: AppendOutcome[];
  subjects: Array<NewSubject & { createdAt: string }>;
  /** Records new in this batch: claimed in `records`. */
  newRecords: Array<{ source: string; ref: string; subjectId: string }>;
  /** Stored records that get a revision: locked, so that an erasure cannot pass them. */
  storedRecords: Array<{ source: string; ref: string }>;
  revisions: Array<AppendItem['revision'] & { subjectId: string; relatedSubjectId: string | null }>;
  sources: Map<string, string>;
  /** Subjects the caller handed over as stored (without their sealed number), that lines will refer to. */
  unverified: Set<string>;
}

type StoredRevision = { source: string; ref: string; revision: number | null; revision_id: string | null; content_hash: string | null; subject_id: string | null; erased_at: string | null };

/** How often a batch is re-planned after losing a race to another writer before giving up. */
const ATTEMPTS = 8;
const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';

/**
 * Append a batch on one connection inside a transaction, with a constant number of statements:
 * read what is stored about the batch's records and subjects, decide every line in order (exactly
 * as the SQLite adapter does one by one), claim the new keys in the lookup tables, then insert with
 * multi-row unnest statements.
 *
 * Another process may append the same records at once. A claim on a key another transaction holds
 * waits for it to end; a claim that finds the key taken means the plan was made on stale reads.
 * The batch then rolls back to its savepoint and is planned again on what is now committed: it can
 * only lose to a commit, so it makes progress.
 */
export async function appendBatch(db: PgDb, client: pg.ClientBase, items: readonly AppendItem[]): Promise<AppendOutcome[]> {
  if (items.length === 0) return [];
  const insert: Insert = (table, columns, values) => bulkInsert({ run: (text, parameters) => run(db, text, parameters) }, client, table, columns, values);
  for (let attempt = 1; ; attempt++) {
    await run(db, 'SAVEPOINT xy_append');
    try {
      const plan = planBatch(items, ...(await readStored(db, items)));
      await assertSubjectsStored(db, plan.unverified);
      if (await claim(db, insert, plan)) {
        await insertRows(db, insert, plan);
        await run(db, 'RELEASE SAVEPOINT xy_append');
        return plan.outcomes;
      }
    } catch (e) {
      await run(db, 'ROLLBACK TO SAVEPOINT xy_append; RELEASE SAVEPOINT xy_append').catch(() => undefined);
      // Claims are taken in key order, so a deadlock involves locks taken outside them (by the
      // caller's transaction before this batch, say); the rollback released this batch's, so try again.
      if ((e as { code?: string }).code === DEADLOCK && attempt < ATTEMPTS) continue;
      throw e;
    }
    await run(db, 'ROLLBACK TO SAVEPOINT xy_append; RELEASE SAVEPOINT xy_append');
    if (attempt >= ATTEMPTS) throw new Error(`append lost ${ATTEMPTS} races in a row to concurrent writers`);
  }
}

const recordKey = (source: string, ref: string) => `${source}\u0000${ref}`;

async function readStored(db: PgDb, items: readonly AppendItem[]): Promise<[Map<string, KnownRecord>, Map<string, string>, Map<string, string>]> {
  const pairs = new Map<string, { source: string; ref: string }>();
  const indexes = new Set<string>();
  for (const { revision: r, subject, related } of items) {
    pairs.set(recordKey(r.source, r.ref), { source: r.source, ref: r.ref });
    for (const s of [subject, related]) if (s && s.idSealed !== null && s.idIndex !== null) indexes.add(s.idIndex);
  }
  const wanted = [...pairs.values()];
  const stored = await rows<StoredRevision>(
    db,
    `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w (source, ref))
     SELECT k.source, k.ref, k.revision, k.revision_id, k.content_hash, r.subject_id, NULL AS erased_at
       FROM wanted w JOIN records r ON r.source = w.source AND r.ref = w.ref
       JOIN record_keys k ON k.source = r.source AND k.ref = r.ref
     UNION ALL
     SELECT e.source, e.ref, NULL, NULL, NULL, NULL, e.erased_at
       FROM wanted w JOIN erased_records e ON e.source = w.source AND e.ref = w.ref`,
    [wanted.map((p) => p.source), wanted.map((p) => p.ref)],
  );
  const records = new Map<string, KnownRecord>();
  const erased = new Map<string, string>();
  for (const s of stored) {
    const key = recordKey(s.source, s.ref);
    if (s.erased_at !== null) {
      erased.set(key, s.erased_at);
      continue;
    }
    let known = records.get(key);
    if (!known) records.set(key, (known = { owner: s.subject_id!, stored: true, revisions: new Map() }));
    known.revisions.set(s.revision!, { id: s.revision_id!, hash: s.content_hash! });
  }
  const subjects = new Map<string, string>();
  if (indexes.size > 0) {
    const found = await rows<{ id_index: string; subject_id: string }>(
      db,
      'SELECT id_index, subject_id FROM subject_index WHERE id_index = ANY($1::text[])',
      [[...indexes]],
    );
    for (const f of found) subjects.set(f.id_index, f.subject_id);
  }
  return [records, erased, subjects];
}

/** Decide every line in order, as if appended one by one; what a line adds is known to the lines after it. */
function planBatch(items: readonly AppendItem[], records: Map<string, KnownRecord>, erased: Map<string, string>, subjects: Map<string, string>): Plan {
  const plan: Plan = { outcomes: [], subjects: [], newRecords: [], storedRecords: [], revisions: [], sources: new Map(), unverified: new Set() };
  const locked = new Set<string>();

  // A subject handed over without its sealed number is one the caller found stored (subjects are
  // never deleted; assertSubjectsStored refuses one that is not); a sealed one may exist meanwhile.
  const resolve = (s: NewSubject): string | undefined =>
    s.idSealed === null ? s.id : s.idIndex === null ? undefined : subjects.get(s.idIndex);

  const ensure = (s: NewSubject, at: string): string => {
    const found = resolve(s);
    if (s.idSealed === null) plan.unverified.add(s.id);
    if (found) return found;
    if (s.idSealed === null) throw new Error('a new subject must come with its sealed identity number');
    plan.subjects.push({ ...s, createdAt: at });
    if (s.idIndex !== null) subjects.set(s.idIndex, s.id);
    return s.id;
  };

  const appendOne = (item: AppendItem): AppendOutcome => {
    const r = item.revision;
    const key = recordKey(r.source, r.ref);
    const known = records.get(key);
    const same = known?.revisions.get(r.revision);
    if (known && same) {
      return same.hash === r.contentHash ? { kind: 'duplicate', revisionId: same.id, subjectId: known.owner } : { kind: 'conflict' };
    }
    const erasedAt = known ? undefined : erased.get(key);
    if (erasedAt !== undefined) return { kind: 'erased', erasedAt };
    // Checked before any subject is created, so a refused line leaves nothing behind.
    if (known && !item.followRecord && resolve(item.subject) !== known.owner) return { kind: 'subject_changed' };
    const subjectId = known?.owner ?? ensure(item.subject, r.receivedAt);
    const relatedSubjectId = item.related ? ensure(item.related, r.receivedAt) : null;
    plan.revisions.push({ ...r, subjectId, relatedSubjectId });
    if (!plan.sources.has(r.source)) plan.sources.set(r.source, r.receivedAt);
    if (known) {
      known.revisions.set(r.revision, { id: r.id, hash: r.contentHash });
      if (known.stored && !locked.has(key)) {
        locked.add(key);
        plan.storedRecords.push({ source: r.source, ref: r.ref });
      }
      return { kind: 'updated', revisionId: r.id, subjectId, relatedSubjectId };
    }
    records.set(key, { owner: subjectId, stored: false, revisions: new Map([[r.revision, { id: r.id, hash: r.contentHash }]]) });
    plan.newRecords.push({ source: r.source, ref: r.ref, subjectId });
    return { kind: 'added', revisionId: r.id, subjectId, relatedSubjectId };
  };

  plan.outcomes = items.map(appendOne);
  return plan;
}

/** Insert rows into a table in one statement (COPY when there are many); see bulkInsert. */
type Insert = (table: string, columns: readonly BulkColumn[], values: ReadonlyArray<readonly unknown[]>) => Promise<void>;

const text = (name: string): BulkColumn => ({ name, type: 'text' });
const SUBJECT_COLUMNS: BulkColumn[] = [
  text('id'), text('kind'), text('id_kind'), text('id_index'), { name: 'id_sealed', type: 'bytea' }, text('id_masked'), text('name'), text('created_at'),
];
const REVISION_COLUMNS: BulkColumn[] = [
  text('id'), text('subject_id'), text('related_subject_id'), text('source'), text('ref'), { name: 'revision', type: 'integer' }, text('type'),
  text('occurred_at'), text('received_at'), text('severity'), { name: 'amount', type: 'float8' }, text('status'),
  { name: 'attributes', type: 'text', cast: 'json' }, text('content_hash'),
];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byRecord = (a: { source: string; ref: string }, b: { source: string; ref: string }) => byText(a.source, b.source) || byText(a.ref, b.ref);

/**
 * Claim the plan's keys; false when another writer committed one of them since the plan was read.
 * Plain INSERTs (half the cost of ON CONFLICT DO NOTHING): a key another transaction holds makes
 * the insert wait for it to end, and a unique violation then means the plan was made on stale
 * reads. Keys are claimed table by table in key order, so two batches claiming overlapping keys
 * wait for each other instead of deadlocking.
 */
async function claim(db: PgDb, insert: Insert, plan: Plan): Promise<boolean> {
  if (plan.revisions.length === 0) return true; // every line a duplicate or refused: nothing to claim
  try {
    const indexed = plan.subjects.filter((s) => s.idIndex !== null).sort((a, b) => byText(a.idIndex!, b.idIndex!));
    await insert('subject_index', [text('id_index'), text('subject_id')], indexed.map((s) => [s.idIndex, s.id]));
    const fresh = [...plan.newRecords].sort(byRecord);
    await insert('records', [text('source'), text('ref'), text('subject_id')], fresh.map((r) => [r.source, r.ref, r.subjectId]));
    const stored = [...plan.storedRecords].sort(byRecord);
    if (stored.length > 0) {
      // KEY SHARE: appenders do not wait for one another here; an eraser (which deletes the row) waits
      // for them, or they for it, and then find the row gone.
      const present = await rows(
        db,
        `SELECT 1 FROM records r JOIN unnest($1::text[], $2::text[]) AS u (source, ref) ON r.source = u.source AND r.ref = u.ref
         ORDER BY r.source, r.ref FOR KEY SHARE OF r`,
        [stored.map((r) => r.source), stored.map((r) => r.ref)],
      );
      if (present.length < stored.length) return false;
    }
    const keys = [...plan.revisions].sort((a, b) => byRecord(a, b) || a.revision - b.revision);
    await insert(
      'record_keys', [text('source'), text('ref'), { name: 'revision', type: 'integer' }, text('revision_id'), text('content_hash')],
      keys.map((r) => [r.source, r.ref, r.revision, r.id, r.contentHash]),
    );
    if (fresh.length > 0) {
      // A record created and erased by others while this batch was planned: its records row is gone,
      // but the claim above waited for the eraser, so this later statement sees the tombstone.
      const tombstones = await rows(
        db,
        'SELECT 1 FROM erased_records e JOIN unnest($1::text[], $2::text[]) AS u (source, ref) ON e.source = u.source AND e.ref = u.ref LIMIT 1',
        [fresh.map((r) => r.source), fresh.map((r) => r.ref)],
      );
      if (tombstones.length > 0) return false;
    }
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) return false;
    throw e;
  }
}

async function insertRows(db: PgDb, insert: Insert, plan: Plan): Promise<void> {
  await insert('subjects', SUBJECT_COLUMNS, plan.subjects.map((x) => [x.id, x.kind, x.idKind, x.idIndex, x.idSealed, x.idMasked, x.name, x.createdAt]));
  await insert('record_revisions', REVISION_COLUMNS, plan.revisions.map((x) => [
    x.id, x.subjectId, x.relatedSubjectId, x.source, x.ref, x.revision, x.type, x.occurredAt, x.receivedAt, x.severity, x.amount,
    x.status, JSON.stringify(x.attributes), x.contentHash,
  ]));
  if (plan.sources.size > 0) {
    const sources = [...plan.sources].sort((a, b) => byText(a[0], b[0]));
    await run(
      db,
      'INSERT INTO sources (id, first_seen_at) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      [sources.map(([id]) => id), sources.map(([, at]) => at)],
    );
  }
}
