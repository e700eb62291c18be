import { hashPartitioned, KEY } from './migration-registry.js';

/**
 * Identity linkage: blinded blocking keys per subject (with a cursor saying how far indexing has
 * come), the links joining a provisional subject to another (ended, never deleted) and the queue of
 * uncertain links for review.
 */
export const linkageMigration = `
-- An index from key to subjects, read by key: like subject_terms, an unpartitioned lookup table
-- (partitioned by subject it would cost every lookup a probe per partition). Written in bulk as
-- subjects are indexed, so no foreign key (as on the other bulk-written tables).
CREATE TABLE subject_link_keys (
  key ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL,
  PRIMARY KEY (key, subject_id)
);
CREATE TABLE subject_link_keys_cursor (
  one integer PRIMARY KEY CHECK (one = 1),
  through ${KEY} NOT NULL
);

-- A link is kept whole as JSON, its lookup columns projected beside it; partitioned by the linked
-- (provisional) subject. Written a few at a time, so it keeps its foreign keys, as cases do.
${hashPartitioned(
  'subject_links',
  `id ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL REFERENCES subjects (id),
  target_id ${KEY} NOT NULL REFERENCES subjects (id),
  linked_at ${KEY} NOT NULL,
  unlinked_at ${KEY},
  body json NOT NULL,
  PRIMARY KEY (id, subject_id)`,
  'subject_id',
)}
-- At most one standing link out of a subject (the partition key is the indexed column, so it may be unique).
CREATE UNIQUE INDEX subject_links_active ON subject_links (subject_id) WHERE unlinked_at IS NULL;
CREATE INDEX subject_links_into ON subject_links (target_id) WHERE unlinked_at IS NULL;
-- A subject's history, as the linked subject and as the target.
CREATE INDEX subject_links_subject ON subject_links (subject_id, linked_at, id);
CREATE INDEX subject_links_target ON subject_links (target_id, linked_at, id);

${hashPartitioned(
  'link_reviews',
  `id ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL REFERENCES subjects (id),
  candidate_id ${KEY} NOT NULL REFERENCES subjects (id),
  status text NOT NULL,
  body json NOT NULL,
  PRIMARY KEY (id, subject_id)`,
  'subject_id',
)}
-- Partial: decided reviews are most of the table and the queue never reads them.
CREATE INDEX link_reviews_open ON link_reviews (id) WHERE status = 'open';
CREATE INDEX link_reviews_subject ON link_reviews (subject_id, id);
CREATE INDEX link_reviews_candidate ON link_reviews (candidate_id, id);
`;
