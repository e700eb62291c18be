import type { AuditEvent, AuditEventInput } from '../core/audit/audit-event.js';
import type { Checkpoint } from '../core/audit/checkpoint.js';
import type { RegistryStore } from './registry-store.js';
import type { Signer } from './signer.js';

/**
 * The tamper-evident audit log: a hash chain of events with signed RFC 9162 checkpoints.
 *
 * Appends join the caller's store transaction when one is open, so an access or write and its
 * audit event commit together; when the append fails, it throws and the caller's work rolls back.
 */
export interface AuditLog {
  /**
   * This log working inside the store transaction `tx` (the handle `RegistryStore.transaction`
   * gives its work): appends commit or roll back with that transaction. On SQLite every
   * transaction shares the one connection and this is the log itself.
   */
  within(tx: RegistryStore): AuditLog;
  /** Chain and store one event at the end of the log. */
  append(input: AuditEventInput): Promise<AuditEvent>;
  /** Chain and store several events, in order, atomically. */
  appendMany(inputs: readonly AuditEventInput[]): Promise<AuditEvent[]>;
  /** Up to `limit` events from `fromSeq` on, in seq order (for paging through `audit verify`). */
  events(fromSeq: number, limit: number): Promise<AuditEvent[]>;
  /**
   * The same events with each one's detail exactly as stored: `audit verify` hashes those bytes, so
   * an edit that only re-encodes a detail into equivalent JSON is caught as the checkpoint signer would.
   */
  storedEvents(fromSeq: number, limit: number): Promise<Array<{ event: AuditEvent; detailText: string }>>;
  /** The most recent `limit` events about a subject, newest first. */
  eventsForSubject(subjectId: string, limit: number): Promise<AuditEvent[]>;
  /** Number of positions in the log: the seq the next event will get. */
  size(): Promise<number>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** Every checkpoint, by tree size. */
  checkpoints(): Promise<Checkpoint[]>;
  /**
   * Sign the tree head over every event so far and keep it. When no event was added since the
   * latest checkpoint, that checkpoint is returned and nothing is written.
   */
  checkpoint(signer: Signer, at: string): Promise<Checkpoint>;
  /** RFC 9162 inclusion proof (hex hashes) of event `seq` in the tree of the first `treeSize` events. */
  inclusionProof(seq: number, treeSize: number): Promise<string[]>;
}
