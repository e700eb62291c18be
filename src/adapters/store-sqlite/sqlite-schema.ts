import type { RevisionColumns, SubjectColumns } from '../registry-rows.js';

/** Row types of the SQLite schema, for Kysely's typed queries. */
export interface SqliteDatabase {
  subjects: SubjectColumns;
  // The stored columns; a read joins subject_kind from the subject.
  record_revisions: Omit<RevisionColumns<string>, 'subject_kind'>;
  sources: { id: string; first_seen_at: string };
  api_keys: {
    id: string;
    role: string;
    secret_hash: string;
    source: string | null;
    subject_id: string | null;
    actions: string;
    purposes: string;
    label: string | null;
    created_at: string;
    revoked_at: string | null;
  };
  subject_states: {
    subject_id: string;
    policy_version: string;
    computed_at: string;
    score: number;
    grade: string;
    dimensions: string;
    reasons: string;
    next_change_at: string | null;
  };
  policy_simulations: { version: string; created_at: string; against_version: string | null; summary: string };
  list_entries: {
    subject_id: string;
    seq: number;
    list: string;
    list_kind: string;
    started_at: string;
    ends_at: string;
    end_reason: string;
    detail: string;
    policy_version: string;
  };
  policies: { version: string; name: string; content: string; source_text: string; created_at: string };
  policy_activations: { version: string; activated_at: string };
  cases: {
    id: string;
    kind: string;
    subject_id: string;
    source: string;
    ref: string;
    status: string;
    due_at: string | null;
    opened_at: string;
    body: string;
  };
  notices: { id: string; key: string; recipient: string; subject_id: string | null; at: string; kind: string; body: string };
  erased_records: { source: string; ref: string; revisions: number; erased_at: string };
}
