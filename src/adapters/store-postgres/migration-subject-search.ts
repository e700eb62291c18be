import { KEY } from './migration-registry.js';

/**
 * The dashboard's subject search: each subject's name and its toneless pinyin as terms in one
 * B-tree (byte order, so a prefix is a range), plus a cursor saying how far indexing has come.
 */
export const subjectSearchMigration = `
CREATE TABLE subject_terms (
  term ${KEY} NOT NULL,
  subject_id ${KEY} NOT NULL,
  PRIMARY KEY (term, subject_id)
);
CREATE TABLE subject_terms_cursor (
  one integer PRIMARY KEY CHECK (one = 1),
  through ${KEY} NOT NULL
);
`;
