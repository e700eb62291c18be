import { KEY } from './migration-registry.js';

/**
 * The audit log: hash-chained events and signed checkpoints (RFC 9162 tree heads).
 *
 * Unlike the hot tables these are not partitioned: the log is one hash chain, each event linking
 * to the one before it whoever it is about, so every append goes through its head (serialised by
 * an advisory lock in the adapter). One chain per shard is future work (docs/scaling.md).
 *
 * Append-only by use, but deliberately without the trigger that guards record revisions (as on
 * SQLite): a trigger is no protection against someone who owns the database, and `audit verify`
 * must be shown (and tested) to catch an edit made around the registry.
 */
export const auditMigration = `
-- seq is the event's position in the chain, given by the appender under its lock: no sequence
-- (a sequence leaves gaps on rollback; the chain must have none). detail is the canonical JSON
-- text exactly as hashed, so text, not json or jsonb (jsonb would rewrite it).
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  at ${KEY} NOT NULL,
  actor ${KEY} NOT NULL,
  role ${KEY} NOT NULL,
  action ${KEY} NOT NULL,
  subject_id ${KEY},
  purpose ${KEY},
  detail text NOT NULL,
  simulated boolean NOT NULL,
  prev_hash ${KEY} NOT NULL,
  hash ${KEY} NOT NULL
);
-- A subject's access log, newest first.
CREATE INDEX audit_events_subject ON audit_events (subject_id, seq) WHERE subject_id IS NOT NULL;

CREATE TABLE audit_checkpoints (
  tree_size bigint PRIMARY KEY,
  root_hash ${KEY} NOT NULL,
  at ${KEY} NOT NULL,
  key_id ${KEY} NOT NULL,
  signature ${KEY} NOT NULL
);
`;
