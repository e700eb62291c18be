import { hash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { AuditEvent, AuditEventInput } from './audit-event.js';

/**
 * The hash of an event: SHA-256 over the 32 raw bytes of `prevHash` followed by the canonical
 * JSON (RFC 8785) of the input fields and `seq`. Seq is inside the hash so that moving an event
 * to another position is an edit, not only a broken link.
 */
export function eventHash(input: AuditEventInput, seq: number, prevHash: string): string {
  const body = canonicalJson({ seq, ...eventFields(input) });
  return hash('sha256', Buffer.concat([Buffer.from(prevHash, 'hex'), Buffer.from(body, 'utf8')]), 'hex');
}

/**
 * The event at position `seq` following the event whose hash is `prevHash`.
 * `detail` is normalised through its canonical JSON, so the event returned equals the event read
 * back from any store (no undefined members, no non-JSON values left to differ later).
 */
export function chainEvent(input: AuditEventInput, seq: number, prevHash: string): AuditEvent {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`audit seq must be a non-negative integer, got ${seq}`);
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new RangeError('audit prevHash must be 64 lowercase hex characters');
  const detail = JSON.parse(canonicalJson(input.detail)) as Record<string, unknown>;
  const event = eventFields({ ...input, detail });
  return { ...event, seq, prevHash, hash: eventHash(event, seq, prevHash) };
}

/** Exactly the fields an event consists of: anything else a caller passes is neither hashed nor kept. */
function eventFields(input: AuditEventInput): AuditEventInput {
  const { at, actor, role, action, subjectId, purpose, detail, simulated } = input;
  return { at, actor, role, action, subjectId, purpose, detail, simulated };
}
