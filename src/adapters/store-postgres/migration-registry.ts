/**
 * The registry's tables on PostgreSQL, ready to be distributed: every hot table carries subject_id
 * and is hash-partitioned by it (subjects by their own id), so Citus could distribute them
 * co-located on it; policies, sources and API keys are small reference tables. Ids are UUIDv7 text
 * from the application: no sequences.
 *
 * A primary key or unique constraint on a partitioned table must include the partition key. The
 * natural keys that do not name a subject (a furnisher's (source, ref, revision), a blind index)
 * are therefore enforced by small unpartitioned lookup tables written in the same transaction as
 * the rows they index: claimed with INSERT ... ON CONFLICT DO NOTHING, they are also what makes two
 * processes appending the same records at once agree on one subject and one revision.
 *
 * Every key and instant column is `text COLLATE "C"`: ids and ISO 8601 instants compare and sort
 * byte by byte, as in SQLite, whatever the database's default collation.
 */

/** Partitions per hot table; changing it takes a migration that re-partitions. */
export const PARTITIONS = 8;

/** A key or instant: compared and ordered bytewise. */
export const KEY = 'text COLLATE "C"';

/** `CREATE TABLE name (columns) PARTITION BY HASH (key)` and its PARTITIONS partitions. */
export function hashPartitioned(name: string, columns: string, key: string): string {
  const parts = Array.from(
    { length: PARTITIONS },
    (_, i) => `CREATE TABLE ${name}_p${i} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i});`,
  );
  return `CREATE TABLE ${name} (${columns}) PARTITION BY HASH (${key});\n${parts.join('\n')}`;
}

export const registryMigration = `
-- dataVersion(): bumped by every write of this adapter as its transaction's last statement (so
-- the row lock is held only while committing), in one of 16 slots chosen by backend, so that
-- concurrent writers rarely wait on one another. The version is the sum.
CREATE TABLE store_version (slot integer PRIMARY KEY, n bigint NOT NULL);
INSERT INTO store_version SELECT g, 0 FROM generate_series(0, 15) AS g;

${hashPartitioned(
  'subjects',
  `id ${KEY} NOT NULL,
  kind text NOT NULL,
  id_kind text,
  id_index ${KEY},
  id_sealed bytea,
  id_masked text,
  name text,
  created_at ${KEY} NOT NULL,
  PRIMARY KEY (id)`,
  'id',
)}

-- The blind index is unique across subjects, but a subject's partition is chosen by its id.
CREATE TABLE subject_index (
  id_index ${KEY} PRIMARY KEY,
  subject_id ${KEY} NOT NULL
);

-- One row per furnisher record: its owner (a record never moves to another subject). Claiming it
-- serialises the first revisions of a record sent by two processes at once.
CREATE TABLE records (
  source ${KEY} NOT NULL,
  ref ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL,
  PRIMARY KEY (source, ref)
);

-- (source, ref, revision) is unique, but does not name the subject that partitions revisions.
-- Holding the content hash and revision id here, ingest classifies a line (duplicate, conflict,
-- update) without probing every partition.
CREATE TABLE record_keys (
  source ${KEY} NOT NULL,
  ref ${KEY} NOT NULL,
  revision integer NOT NULL,
  revision_id ${KEY} NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (source, ref, revision)
);

-- Every revision ever received. The primary key leads with id, so a revision is found by id with
-- one probe per partition. No foreign keys to subjects on the bulk-written tables (revisions,
-- states, list entries): into a partitioned table one costs a lookup per row, four fifths of the
-- insert; the adapter checks each batch's subjects in one statement (assertSubjectsStored).
${hashPartitioned(
  'record_revisions',
  `id ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL,
  related_subject_id ${KEY},
  source ${KEY} NOT NULL,
  ref ${KEY} NOT NULL,
  revision integer NOT NULL,
  type text NOT NULL,
  occurred_at ${KEY} NOT NULL,
  received_at ${KEY} NOT NULL,
  severity text,
  amount double precision,
  status text NOT NULL,
  attributes json NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (id, subject_id)`,
  'subject_id',
)}
CREATE INDEX record_revisions_subject ON record_revisions (subject_id, source, ref, revision);
CREATE INDEX record_revisions_related ON record_revisions (related_subject_id) WHERE related_subject_id IS NOT NULL;
CREATE INDEX record_revisions_type ON record_revisions (type);

-- Append-only, at the database level (the later due-process migration lets erasure through).
CREATE FUNCTION refuse_revision_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  RAISE EXCEPTION 'record revisions are append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER record_revisions_append_only BEFORE UPDATE OR DELETE ON record_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_revision_change();
CREATE TRIGGER record_keys_append_only BEFORE UPDATE OR DELETE ON record_keys
  FOR EACH ROW EXECUTE FUNCTION refuse_revision_change();
CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION refuse_revision_change();

CREATE TABLE sources (id ${KEY} PRIMARY KEY, first_seen_at ${KEY} NOT NULL);

CREATE TABLE policies (
  version ${KEY} PRIMARY KEY,
  name text NOT NULL,
  content text NOT NULL,
  source_text text NOT NULL,
  created_at ${KEY} NOT NULL
);
CREATE TABLE policy_activations (
  version ${KEY} NOT NULL REFERENCES policies (version),
  activated_at ${KEY} NOT NULL,
  PRIMARY KEY (activated_at, version)
);
CREATE TABLE policy_simulations (
  version ${KEY} NOT NULL REFERENCES policies (version),
  created_at ${KEY} NOT NULL,
  against_version ${KEY},
  summary json NOT NULL,
  PRIMARY KEY (version, created_at)
);

-- Derived state, recomputable from records and a policy version at any time.
${hashPartitioned(
  'subject_states',
  `subject_id ${KEY} NOT NULL,
  policy_version ${KEY} NOT NULL,
  computed_at ${KEY} NOT NULL,
  score double precision NOT NULL,
  grade text NOT NULL,
  dimensions json NOT NULL,
  reasons json NOT NULL,
  next_change_at ${KEY},
  PRIMARY KEY (subject_id)`,
  'subject_id',
)}
-- Partial: a subject whose state time alone will never change is not the scheduler's business.
CREATE INDEX subject_states_next_change ON subject_states (next_change_at, subject_id) WHERE next_change_at IS NOT NULL;

${hashPartitioned(
  'list_entries',
  `subject_id ${KEY} NOT NULL,
  seq integer NOT NULL,
  list ${KEY} NOT NULL,
  list_kind text NOT NULL,
  started_at ${KEY} NOT NULL,
  ends_at ${KEY} NOT NULL,
  end_reason text NOT NULL,
  detail json NOT NULL,
  policy_version ${KEY} NOT NULL,
  PRIMARY KEY (subject_id, seq)`,
  'subject_id',
)}
CREATE INDEX list_entries_list ON list_entries (list, ends_at);
CREATE INDEX list_entries_ends ON list_entries (ends_at);

-- api_keys.subject_id references subjects by a column other than a distribution column: under
-- Citus (api_keys a reference table) that foreign key would go.
CREATE TABLE api_keys (
  id ${KEY} PRIMARY KEY,
  role text NOT NULL,
  secret_hash text NOT NULL,
  source ${KEY},
  subject_id ${KEY} REFERENCES subjects (id),
  actions json NOT NULL,
  purposes json NOT NULL,
  label text,
  created_at ${KEY} NOT NULL,
  revoked_at ${KEY}
);
`;
