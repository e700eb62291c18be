import type Database from 'better-sqlite3';
import { GENESIS_HASH, type AuditEvent, type AuditEventInput } from '../../core/audit/audit-event.js';
import { chainedEvent, storedEventHash } from '../../core/audit/chain-event.js';
import { checkpointBody, type Checkpoint } from '../../core/audit/checkpoint.js';
import { MerkleFrontier } from '../../core/audit/merkle-frontier.js';
import { inclusionProof, leafHash } from '../../core/audit/merkle-tree.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { Signer } from '../../ports/signer.js';
import { storedDetail } from '../../core/audit/stored-detail.js';

interface EventRow {
  seq: number; at: string; actor: string; role: string; action: string; subject_id: string | null;
  purpose: string | null; detail: string; simulated: number; prev_hash: string; hash: string;
}
interface CheckpointRow { tree_size: number; root_hash: string; at: string; key_id: string; signature: string }

/**
 * The audit log on the store's own better-sqlite3 connection: an append inside an open store
 * transaction joins it (as a savepoint), so the audited work and its event commit together, and
 * the write lock serialises appends across processes.
 */
export class SqliteAuditLog implements AuditLog {
  private statements: ReturnType<typeof prepare> | undefined;
  private appender: ((inputs: readonly AuditEventInput[]) => AuditEvent[]) | undefined;
  private signHead: ((signer: Signer, at: string) => Checkpoint) | undefined;
  /** The tree head at the last checkpoint this process made, so the next one reads only new events. */
  private head: { size: number; lastHash: string; frontier: MerkleFrontier } | undefined;

  constructor(private readonly db: Database.Database) {}

  /** One connection serves every transaction: an append inside one joins it already. */
  within(): AuditLog {
    return this;
  }

  // Prepared on first use: the tables exist only once migrations have run.
  private get sql() {
    return (this.statements ??= prepare(this.db));
  }

  async append(input: AuditEventInput): Promise<AuditEvent> {
    return (await this.appendMany([input]))[0] as AuditEvent;
  }

  async appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
    this.appender ??= this.db.transaction((batch: readonly AuditEventInput[]) => {
      const last = this.sql.last.get();
      let seq = last ? last.seq + 1 : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      return batch.map((input) => {
        const { event: e, detailText } = chainedEvent(input, seq++, prevHash);
        this.sql.insert.run(e.seq, e.at, e.actor, e.role, e.action, e.subjectId, e.purpose, detailText, e.simulated ? 1 : 0, e.prevHash, e.hash);
        prevHash = e.hash;
        return e;
      });
    }).immediate; // IMMEDIATE: take the write lock before reading the head, so no one appends in between.
    return this.appender(inputs);
  }

  async events(fromSeq: number, limit: number): Promise<AuditEvent[]> {
    return this.sql.range.all(fromSeq, limit).map(toEvent);
  }

  async storedEvents(fromSeq: number, limit: number): Promise<Array<{ event: AuditEvent; detailText: string }>> {
    return this.sql.range.all(fromSeq, limit).map((r) => ({ event: toEvent(r), detailText: r.detail }));
  }

  async eventsForSubject(subjectId: string, limit: number): Promise<AuditEvent[]> {
    return this.sql.ofSubject.all(subjectId, limit).map(toEvent);
  }

  async size(): Promise<number> {
    return this.sql.size.get()?.n ?? 0;
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    const row = this.sql.latestCheckpoint.get();
    return row && toCheckpoint(row);
  }

  async checkpoints(): Promise<Checkpoint[]> {
    return this.sql.checkpoints.all().map(toCheckpoint);
  }

  async checkpoint(signer: Signer, at: string): Promise<Checkpoint> {
    this.signHead ??= this.db.transaction((by: Signer, when: string): Checkpoint => {
      const size = this.sql.size.get()?.n ?? 0;
      const latest = this.sql.latestCheckpoint.get();
      if (latest && latest.tree_size === size) return toCheckpoint(latest);
      if (latest && latest.tree_size > size) throw new Error(`refusing to sign: the audit log holds ${size} events, below the checkpoint at ${latest.tree_size}`);
      const head = { treeSize: size, rootHash: this.frontierAt(size).root().toString('hex'), at: when, keyId: by.keyId };
      const checkpoint = { ...head, signature: by.sign(checkpointBody(head)) };
      this.sql.insertCheckpoint.run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.at, checkpoint.keyId, checkpoint.signature);
      return checkpoint;
    }).immediate;
    return this.signHead(signer, at);
  }

  async inclusionProof(seq: number, treeSize: number): Promise<string[]> {
    const hashes = this.sql.hashesBelow.all(treeSize);
    if (hashes.length !== treeSize) throw new Error(`the audit log holds ${hashes.length} events, not the ${treeSize} asked for`);
    return inclusionProof(seq, treeSize, hashes.map((h) => leafHash(Buffer.from(h, 'hex')))).map((b) => b.toString('hex'));
  }

  /**
   * The Merkle frontier over the first `size` events, checking the chain of every event it reads:
   * a checkpoint must never sign a log that already fails verification.
   */
  private frontierAt(size: number): MerkleFrontier {
    // The cached head still holds only if the event it ended with is unchanged (a rolled-back transaction, say).
    const head = this.head && this.head.size <= size && (this.head.size === 0 || this.sql.hashAt.get(this.head.size - 1) === this.head.lastHash) ? this.head : undefined;
    const frontier = head ? head.frontier.clone() : new MerkleFrontier();
    let prevHash = head?.lastHash ?? GENESIS_HASH;
    for (const row of this.sql.between.iterate(frontier.size, size)) {
      const fields = { at: row.at, actor: row.actor, role: row.role, action: row.action, subjectId: row.subject_id, purpose: row.purpose, simulated: row.simulated === 1 };
      if (row.seq !== frontier.size || row.prev_hash !== prevHash || storedEventHash(fields, row.seq, row.prev_hash, row.detail) !== row.hash) {
        throw new Error(`refusing to sign: audit event ${row.seq} breaks the hash chain; run "xinyong audit verify"`);
      }
      frontier.append(leafHash(Buffer.from(row.hash, 'hex')));
      prevHash = row.hash;
    }
    if (frontier.size !== size) throw new Error(`refusing to sign: audit event ${frontier.size} is missing`);
    this.head = { size, lastHash: prevHash, frontier: frontier.clone() };
    return frontier;
  }
}

function prepare(db: Database.Database) {
  return {
    last: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare(
      `INSERT INTO audit_events (seq, at, actor, role, action, subject_id, purpose, detail, simulated, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    range: db.prepare<[number, number], EventRow>('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?'),
    between: db.prepare<[number, number], EventRow>('SELECT * FROM audit_events WHERE seq >= ? AND seq < ? ORDER BY seq'),
    ofSubject: db.prepare<[string, number], EventRow>('SELECT * FROM audit_events WHERE subject_id = ? ORDER BY seq DESC LIMIT ?'),
    size: db.prepare<[], { n: number }>('SELECT coalesce(max(seq) + 1, 0) AS n FROM audit_events'),
    hashAt: db.prepare<[number], string>('SELECT hash FROM audit_events WHERE seq = ?').pluck(),
    hashesBelow: db.prepare<[number], string>('SELECT hash FROM audit_events WHERE seq < ? ORDER BY seq').pluck(),
    latestCheckpoint: db.prepare<[], CheckpointRow>('SELECT * FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1'),
    checkpoints: db.prepare<[], CheckpointRow>('SELECT * FROM audit_checkpoints ORDER BY tree_size'),
    insertCheckpoint: db.prepare('INSERT INTO audit_checkpoints (tree_size, root_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)'),
  };
}

function toEvent(r: EventRow): AuditEvent {
  return {
    seq: r.seq, at: r.at, actor: r.actor, role: r.role, action: r.action, subjectId: r.subject_id, purpose: r.purpose,
    detail: storedDetail(r.detail), simulated: r.simulated === 1, prevHash: r.prev_hash, hash: r.hash,
  };
}

function toCheckpoint(r: CheckpointRow): Checkpoint {
  return { treeSize: r.tree_size, rootHash: r.root_hash, at: r.at, keyId: r.key_id, signature: r.signature };
}
