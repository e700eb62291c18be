import type { AuditEvent } from './audit-event.js';
import type { Checkpoint, VerifySignature } from './checkpoint.js';
import { LogVerifier, type LogVerification } from './log-verifier.js';

/**
 * Verify a whole audit log: `events` in stored (seq) order, every checkpoint kept for it, and a
 * signature check from an adapter. Detects any edited, deleted, reordered event, and truncation
 * below the largest checkpoint. Events after the last checkpoint are protected by the chain only:
 * rewriting them together with every later hash goes unnoticed until the next checkpoint.
 *
 * @example verifyLog(events, checkpoints, (body, sig, keyId) => signer.verify(body, sig, keyId))
 */
export function verifyLog(events: Iterable<AuditEvent>, checkpoints: readonly Checkpoint[], verifySignature: VerifySignature): LogVerification {
  const verifier = new LogVerifier(checkpoints, verifySignature);
  for (const event of events) verifier.add(event);
  return verifier.finish();
}
