import { GENESIS_HASH, type AuditEvent, type AuditEventInput } from '../../core/audit/audit-event.js';
import { chainedEvent, storedEventHash } from '../../core/audit/chain-event.js';
import { checkpointBody, type Checkpoint } from '../../core/audit/checkpoint.js';
import { MerkleFrontier } from '../../core/audit/merkle-frontier.js';
import { inclusionProof, leafHash } from '../../core/audit/merkle-tree.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import type { Signer } from '../../ports/signer.js';
import { rows, run, type PgDb } from './postgres-schema.js';
import type { PostgresStore } from './postgres-store.js';
import { storedDetail } from '../../core/audit/stored-detail.js';

/**
 * The advisory lock every append and checkpoint takes until its transaction ends, keyed by the
 * search path as the migrations' lock is: registries in different schemas of one database (tests,
 * a staging copy) each have their own chain, and do not wait for one another.
 */
const AUDIT_LOCK = "hashtextextended('xinyong.audit:' || current_setting('search_path'), 0)";
/** Events read per query while a checkpoint checks the chain. */
const PAGE = 10_000;

// bigint columns come back from pg as strings.
interface EventRow {
  seq: string; at: string; actor: string; role: string; action: string; subject_id: string | null;
  purpose: string | null; detail: string; simulated: boolean; prev_hash: string; hash: string;
}
interface CheckpointRow { tree_size: string; root_hash: string; at: string; key_id: string; signature: string }

interface SharedState {
  /** The tree head at the last checkpoint this process made, so the next one reads only new events. */
  head: { size: number; lastHash: string; frontier: MerkleFrontier } | undefined;
  /** Appends queued per connection (the pool's, or one transaction's): one chain head read at a time. */
  queues: WeakMap<PgDb, Promise<unknown>>;
}

/**
 * The audit log on the PostgreSQL store. An append takes a transaction-scoped advisory lock, reads
 * the head of the chain and inserts after it, so appends from every process are serialised until
 * their transaction ends. `within(tx)` is a view of this log bound to a store transaction: its
 * appends run in that transaction and commit or roll back with the audited work; the unbound log
 * runs each append in a transaction of its own.
 */
export class PostgresAuditLog implements AuditLog {
  private readonly state: SharedState = { head: undefined, queues: new WeakMap() };

  /** `store`: the root store; views made by `within` replace it with a transaction's handle. */
  constructor(private readonly store: PostgresStore) {}

  within(tx: RegistryStore): AuditLog {
    // Like PostgresStore's transaction views: the same log (and frontier cache) on another handle.
    return Object.create(this, { store: { value: tx as PostgresStore } }) as PostgresAuditLog;
  }

  async append(input: AuditEventInput): Promise<AuditEvent> {
    return (await this.appendMany([input]))[0] as AuditEvent;
  }

  async appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
    if (inputs.length === 0) return [];
    return this.locked(async (db) => {
      const [last] = await rows<{ seq: string; hash: string }>(db, 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
      let seq = last ? Number(last.seq) + 1 : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const chained = inputs.map((input) => {
        const c = chainedEvent(input, seq++, prevHash);
        prevHash = c.event.hash;
        return c;
      });
      const column = <T>(pick: (c: (typeof chained)[number]) => T) => chained.map(pick);
      await run(
        db,
        `INSERT INTO audit_events (seq, at, actor, role, action, subject_id, purpose, detail, simulated, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::boolean[], $10::text[], $11::text[])`,
        [
          column((c) => c.event.seq), column((c) => c.event.at), column((c) => c.event.actor), column((c) => c.event.role),
          column((c) => c.event.action), column((c) => c.event.subjectId), column((c) => c.event.purpose), column((c) => c.detailText),
          column((c) => c.event.simulated), column((c) => c.event.prevHash), column((c) => c.event.hash),
        ],
      );
      return chained.map((c) => c.event);
    });
  }

  async events(fromSeq: number, limit: number): Promise<AuditEvent[]> {
    return (await rows<EventRow>(this.store.kysely, 'SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit])).map(toEvent);
  }

  async storedEvents(fromSeq: number, limit: number): Promise<Array<{ event: AuditEvent; detailText: string }>> {
    const found = await rows<EventRow>(this.store.kysely, 'SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit]);
    return found.map((r) => ({ event: toEvent(r), detailText: r.detail }));
  }

  async eventsForSubject(subjectId: string, limit: number): Promise<AuditEvent[]> {
    return (await rows<EventRow>(
      this.store.kysely,
      'SELECT * FROM audit_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT $2',
      [subjectId, limit],
    )).map(toEvent);
  }

  async size(): Promise<number> {
    return sizeOf(this.store.kysely);
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    return latestOf(this.store.kysely);
  }

  async checkpoints(): Promise<Checkpoint[]> {
    return (await rows<CheckpointRow>(this.store.kysely, 'SELECT * FROM audit_checkpoints ORDER BY tree_size')).map(toCheckpoint);
  }

  async checkpoint(signer: Signer, at: string): Promise<Checkpoint> {
    return this.locked(async (db) => {
      const size = await sizeOf(db);
      const latest = await latestOf(db);
      if (latest && latest.treeSize === size) return latest;
      if (latest && latest.treeSize > size) throw new Error(`refusing to sign: the audit log holds ${size} events, below the checkpoint at ${latest.treeSize}`);
      const head = { treeSize: size, rootHash: (await this.frontierAt(db, size)).root().toString('hex'), at, keyId: signer.keyId };
      const checkpoint = { ...head, signature: signer.sign(checkpointBody(head)) };
      await run(
        db,
        'INSERT INTO audit_checkpoints (tree_size, root_hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
        [checkpoint.treeSize, checkpoint.rootHash, checkpoint.at, checkpoint.keyId, checkpoint.signature],
      );
      return checkpoint;
    });
  }

  async inclusionProof(seq: number, treeSize: number): Promise<string[]> {
    const hashes = await rows<{ hash: string }>(this.store.kysely, 'SELECT hash FROM audit_events WHERE seq < $1 ORDER BY seq', [treeSize]);
    if (hashes.length !== treeSize) throw new Error(`the audit log holds ${hashes.length} events, not the ${treeSize} asked for`);
    return inclusionProof(seq, treeSize, hashes.map((h) => leafHash(Buffer.from(h.hash, 'hex')))).map((b) => b.toString('hex'));
  }

  /**
   * Run `work` holding the audit lock: in the bound transaction, or in a transaction of its own
   * (whose `transaction` on a view joins, on the root store begins one). Queued per connection:
   * two appends on one transaction's connection would otherwise read the same head (the lock is
   * the transaction's, so it does not keep them apart), and unbound appends would each hold a
   * pooled connection while waiting for the lock.
   */
  private locked<T>(work: (db: PgDb) => Promise<T>): Promise<T> {
    const key = this.store.kysely;
    const result = (this.state.queues.get(key) ?? Promise.resolve()).then(() =>
      this.store.transaction(async (tx) => {
        const db = (tx as PostgresStore).kysely;
        await run(db, `SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
        return work(db);
      }),
    );
    this.state.queues.set(key, result.catch(() => undefined));
    return result;
  }

  /**
   * The Merkle frontier over the first `size` events, checking the chain of every event it reads:
   * a checkpoint must never sign a log that already fails verification.
   */
  private async frontierAt(db: PgDb, size: number): Promise<MerkleFrontier> {
    // The cached head still holds only if the event it ended with is unchanged (a rolled-back transaction, say).
    let head = this.state.head && this.state.head.size <= size ? this.state.head : undefined;
    if (head && head.size > 0) {
      const [row] = await rows<{ hash: string }>(db, 'SELECT hash FROM audit_events WHERE seq = $1', [head.size - 1]);
      if (row?.hash !== head.lastHash) head = undefined;
    }
    const frontier = head ? head.frontier.clone() : new MerkleFrontier();
    let prevHash = head?.lastHash ?? GENESIS_HASH;
    while (frontier.size < size) {
      const page = await rows<EventRow>(
        db,
        'SELECT * FROM audit_events WHERE seq >= $1 AND seq < $2 ORDER BY seq LIMIT $3',
        [frontier.size, size, PAGE],
      );
      if (page.length === 0) break;
      for (const row of page) {
        const seq = Number(row.seq);
        const fields = { at: row.at, actor: row.actor, role: row.role, action: row.action, subjectId: row.subject_id, purpose: row.purpose, simulated: row.simulated };
        if (seq !== frontier.size || row.prev_hash !== prevHash || storedEventHash(fields, seq, row.prev_hash, row.detail) !== row.hash) {
          throw new Error(`refusing to sign: audit event ${seq} breaks the hash chain; run "xinyong audit verify"`);
        }
        frontier.append(leafHash(Buffer.from(row.hash, 'hex')));
        prevHash = row.hash;
      }
    }
    if (frontier.size !== size) throw new Error(`refusing to sign: audit event ${frontier.size} is missing`);
    this.state.head = { size, lastHash: prevHash, frontier: frontier.clone() };
    return frontier;
  }
}

async function sizeOf(db: PgDb): Promise<number> {
  const [row] = await rows<{ n: string }>(db, 'SELECT coalesce(max(seq) + 1, 0) AS n FROM audit_events');
  return Number(row?.n ?? 0);
}

async function latestOf(db: PgDb): Promise<Checkpoint | undefined> {
  const [row] = await rows<CheckpointRow>(db, 'SELECT * FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1');
  return row && toCheckpoint(row);
}

function toEvent(r: EventRow): AuditEvent {
  return {
    seq: Number(r.seq), at: r.at, actor: r.actor, role: r.role, action: r.action, subjectId: r.subject_id, purpose: r.purpose,
    detail: storedDetail(r.detail), simulated: r.simulated, prevHash: r.prev_hash, hash: r.hash,
  };
}

function toCheckpoint(r: CheckpointRow): Checkpoint {
  return { treeSize: Number(r.tree_size), rootHash: r.root_hash, at: r.at, keyId: r.key_id, signature: r.signature };
}
