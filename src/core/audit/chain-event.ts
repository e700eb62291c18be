import { hash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { AuditEvent, AuditEventInput } from './audit-event.js';

/**
 * The hash of an event: SHA-256 over the 32 raw bytes of `prevHash` followed by the canonical
 * JSON (RFC 8785) of the input fields and `seq`. Seq is inside the hash so that moving an event
 * to another position is an edit, not only a broken link.
 */
export function eventHash(input: AuditEventInput, seq: number, prevHash: string): string {
  return hashBody(prevHash, eventBody(input, seq, canonicalJson(input.detail)));
}

/**
 * The hash of an event as stored, from its detail text as written (canonical JSON) without parsing
 * it again: what a checkpoint checks for every new event. A detail rewritten into any other text,
 * even an equivalent one, no longer matches.
 */
export function storedEventHash(input: Omit<AuditEventInput, 'detail'>, seq: number, prevHash: string, detailText: string): string {
  return hashBody(prevHash, eventBody({ ...input, detail: {} }, seq, detailText));
}

/** An event ready to store: the event, and its detail as canonical JSON text (what the store keeps). */
export interface ChainedEvent {
  event: AuditEvent;
  detailText: string;
}

/**
 * The event at position `seq` following the event whose hash is `prevHash`.
 * `detail` is normalised through its canonical JSON, so the event returned equals the event read
 * back from any store (no undefined members, no non-JSON values left to differ later).
 * The detail is serialised once: every append on the hot path of a decision pays for this.
 */
export function chainEvent(input: AuditEventInput, seq: number, prevHash: string): AuditEvent {
  return chainedEvent(input, seq, prevHash).event;
}

/** chainEvent, keeping the canonical detail text for the store to write as it is. */
export function chainedEvent(input: AuditEventInput, seq: number, prevHash: string): ChainedEvent {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`audit seq must be a non-negative integer, got ${seq}`);
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new RangeError('audit prevHash must be 64 lowercase hex characters');
  const detailText = canonicalJson(input.detail);
  const { at, actor, role, action, subjectId, purpose, simulated } = input;
  const detail = JSON.parse(detailText) as Record<string, unknown>;
  const hashed = hashBody(prevHash, eventBody(input, seq, detailText));
  return { event: { at, actor, role, action, subjectId, purpose, detail, simulated, seq, prevHash, hash: hashed }, detailText };
}

/**
 * Canonical JSON of `{seq, ...fields}` composed from the fields' own canonical forms, keys in
 * RFC 8785 order (UTF-16 code units); equal to canonicalJson of that object (property-tested).
 */
export function eventBody(input: AuditEventInput, seq: number, detailText: string): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => {
    const text = typeof value === 'object' && value !== null ? canonicalJson(value) : JSON.stringify(value);
    if (text !== undefined) parts.push(`"${key}":${text}`);
  };
  add('action', input.action);
  add('actor', input.actor);
  add('at', input.at);
  parts.push(`"detail":${detailText}`);
  add('purpose', input.purpose);
  add('role', input.role);
  add('seq', seq);
  add('simulated', input.simulated);
  add('subjectId', input.subjectId);
  return `{${parts.join(',')}}`;
}

function hashBody(prevHash: string, body: string): string {
  return hash('sha256', Buffer.concat([Buffer.from(prevHash, 'hex'), Buffer.from(body, 'utf8')]), 'hex');
}
