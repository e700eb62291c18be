import { Errors, type XyError } from '../errors.js';
import type { AuditEvent } from './audit-event.js';
import { GENESIS_HASH } from './audit-event.js';
import { eventHash, storedEventHash } from './chain-event.js';
import { checkpointSignatureValid, type Checkpoint, type VerifySignature } from './checkpoint.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { leafHash } from './merkle-tree.js';

export interface AuditProblem {
  code: string;
  seq?: number;
  message: string;
}

export interface LogVerification {
  ok: boolean;
  problems: AuditProblem[];
  /** Events read, and checkpoints checked. */
  events: number;
  checkpoints: number;
}

/**
 * Checks an audit log event by event, so `audit verify` can page through a log of any length in
 * constant memory: the hash chain (edits, gaps, reordering) as events arrive, each checkpoint's
 * root when the log reaches its size, and at the end truncation and signatures.
 */
export class LogVerifier {
  private readonly problems: AuditProblem[] = [];
  private readonly pending: Checkpoint[];
  private readonly frontier = new MerkleFrontier();
  private lastSeq = -1;
  private lastHash = GENESIS_HASH;

  constructor(
    private readonly checkpoints: readonly Checkpoint[],
    private readonly verifySignature: VerifySignature,
  ) {
    this.pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    this.checkRoots();
  }

  /**
   * The next event in stored order; `detailText`, the detail exactly as stored, when the store keeps
   * it: then those bytes are hashed (as the checkpoint signer does), not a re-encoding of them.
   */
  add(event: AuditEvent, detailText?: string): void {
    const expected = this.lastSeq + 1;
    if (event.seq > expected) this.report(Errors.AUDIT_GAP(expected, event.seq - 1), event.seq);
    else if (event.seq < expected) this.report(Errors.AUDIT_ORDER(event.seq, `it is stored after event ${this.lastSeq}`), event.seq);
    // Seq and prevHash are inside the hash, so this also catches an event moved to another place.
    const hash = detailText === undefined ? eventHash(event, event.seq, event.prevHash) : storedEventHash(event, event.seq, event.prevHash, detailText);
    if (hash !== event.hash) this.report(Errors.AUDIT_EDITED(event.seq), event.seq);
    // A gap already explains a broken link; report the link only where the seq looks right.
    if (event.seq === expected && event.prevHash !== this.lastHash) {
      this.report(Errors.AUDIT_ORDER(event.seq, 'its prevHash is not the hash of the event before it'), event.seq);
    }
    this.lastSeq = event.seq;
    this.lastHash = event.hash;
    this.frontier.append(leafHash(Buffer.from(event.hash, 'hex')));
    this.checkRoots();
  }

  finish(): LogVerification {
    const last = this.pending.at(-1);
    if (last) this.report(Errors.AUDIT_TRUNCATED(this.frontier.size, last.treeSize), this.frontier.size);
    for (const checkpoint of this.checkpoints) {
      if (!checkpointSignatureValid(checkpoint, this.verifySignature)) {
        this.report(Errors.AUDIT_BAD_SIGNATURE(checkpoint.treeSize, checkpoint.keyId));
      }
    }
    return { ok: this.problems.length === 0, problems: this.problems, events: this.frontier.size, checkpoints: this.checkpoints.length };
  }

  /** Compare every checkpoint whose size the log has just reached with the recomputed root. */
  private checkRoots(): void {
    while (this.pending[0] && this.pending[0].treeSize <= this.frontier.size) {
      const checkpoint = this.pending.shift() as Checkpoint;
      if (checkpoint.treeSize === this.frontier.size && this.frontier.root().toString('hex') === checkpoint.rootHash) continue;
      this.report(Errors.AUDIT_ROOT_MISMATCH(checkpoint.treeSize));
    }
  }

  private report(error: XyError, seq?: number): void {
    this.problems.push(seq === undefined ? { code: error.code, message: error.message } : { code: error.code, seq, message: error.message });
  }
}
