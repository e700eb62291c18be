import { hashPartitioned, KEY } from './migration-registry.js';

/**
 * Due process: objections and repairs (`cases`), the notices owed to subjects and furnishers, and
 * the tombstones of erased records, behind which (and only behind which) revisions may be deleted.
 */
export const dueProcessMigration = `
-- A case is kept whole as JSON; only what the queues filter and sort on is projected into columns.
-- due_at is set only while the case awaits someone (objection open, repair pending). The key leads
-- with id: a case is found by id with one probe per partition. Cases and notices are written a few
-- at a time, so unlike the bulk-written tables they keep a foreign key to subjects.
${hashPartitioned(
  'cases',
  `id ${KEY} NOT NULL,
  kind text NOT NULL,
  subject_id ${KEY} NOT NULL REFERENCES subjects (id),
  source ${KEY} NOT NULL,
  ref ${KEY} NOT NULL,
  status text NOT NULL,
  due_at ${KEY},
  opened_at ${KEY} NOT NULL,
  body json NOT NULL,
  PRIMARY KEY (id, subject_id)`,
  'subject_id',
)}
CREATE INDEX cases_subject ON cases (subject_id, opened_at, id);
-- Partial: closed cases are most of the table and no queue reads them.
CREATE INDEX cases_open_source ON cases (source, opened_at, id) WHERE status IN ('open', 'pending');
CREATE INDEX cases_due ON cases (due_at, id) WHERE status IN ('open', 'pending');

-- A notice to a furnisher may name no subject (NULL hashes to one partition like any value).
-- Having no key of its own that includes subject_id, the table has no primary key: the notice key
-- and the notice id are unique through notice_keys, claimed in the same statement.
${hashPartitioned(
  'notices',
  `id ${KEY} NOT NULL,
  key ${KEY} NOT NULL,
  recipient ${KEY} NOT NULL,
  subject_id ${KEY} REFERENCES subjects (id),
  at ${KEY} NOT NULL,
  kind text NOT NULL,
  body json NOT NULL`,
  'subject_id',
)}
CREATE INDEX notices_recipient ON notices (recipient, at, id);
CREATE TABLE notice_keys (
  key ${KEY} PRIMARY KEY,
  notice_id ${KEY} NOT NULL UNIQUE
);

-- Nothing personal: that the record existed, how many revisions went, and when.
CREATE TABLE erased_records (
  source ${KEY} NOT NULL,
  ref ${KEY} NOT NULL,
  revisions integer NOT NULL,
  erased_at ${KEY} NOT NULL,
  PRIMARY KEY (source, ref)
);

-- Revisions (and their lookup rows) stay append-only except for erasure: a row may be deleted only
-- once its record has a tombstone, which the eraser writes first in the same transaction.
CREATE OR REPLACE FUNCTION refuse_revision_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM erased_records e WHERE e.source = OLD.source AND e.ref = OLD.ref) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'record revisions are append-only' USING ERRCODE = 'restrict_violation';
END $$;
`;
