/**
 * One audit event: every write and every access to the registry leaves one, chained by hash.
 *
 * Events never carry an identity number: callers pass the registry subject id (a UUIDv7) and
 * keep `detail` free of numbers too, because the log is shown to auditors and never deleted.
 */
export interface AuditEventInput {
  /** ISO 8601 instant the event happened (from the Clock port). */
  at: string;
  /** Who acted: an API key id, or 'cli:operator'. */
  actor: string;
  role: string;
  /** What was done, e.g. 'records.ingest', 'subject.read', 'decision', 'policy.activate', 'keys.create'. */
  action: string;
  subjectId: string | null;
  purpose: string | null;
  /** JSON-safe facts about the event (counts, ids, outcomes); never an identity number. */
  detail: Record<string, unknown>;
  /** True when the event happened under a simulated clock (XINYONG_CLOCK). */
  simulated: boolean;
}

/** An event as stored: its 0-based position in the log and its link in the hash chain. */
export interface AuditEvent extends AuditEventInput {
  seq: number;
  /** Hash of the event before it (hex); 64 zeros for the first. */
  prevHash: string;
  /** SHA-256(prevHash bytes || canonical JSON of the input fields and seq), hex. */
  hash: string;
}

/** The prevHash of event 0. */
export const GENESIS_HASH = '0'.repeat(64);
