import type { SubjectKind } from '../core/policy/policy-schema.js';
import type { RecordStatus } from '../core/records/record-input.js';

/** A subject as stored: the identity number only sealed, found again by its blind index. */
export interface SubjectRow {
  id: string;
  kind: SubjectKind;
  idKind: 'resident_id' | 'uscc' | null;
  idIndex: string | null;
  idSealed: Buffer | null;
  idMasked: string | null;
  name: string | null;
  createdAt: string;
}

/** A subject the ingest wants to exist; created only when its blind index is not stored yet. */
export type NewSubject = Omit<SubjectRow, 'createdAt'>;

/** One stored revision of a furnisher's record. Revisions are never updated or deleted. */
export interface RevisionRow {
  id: string;
  subjectId: string;
  /** Kind of the record's subject (read from the subject, not stored twice). */
  subjectKind: SubjectKind;
  relatedSubjectId: string | null;
  source: string;
  ref: string;
  revision: number;
  type: string;
  occurredAt: string;
  receivedAt: string;
  severity: string | null;
  amount: number | null;
  status: RecordStatus;
  attributes: Record<string, unknown>;
  contentHash: string;
}

/** What ingest hands the store for one accepted line. */
export interface AppendItem {
  revision: Omit<RevisionRow, 'subjectId' | 'subjectKind' | 'relatedSubjectId'>;
  subject: NewSubject;
  related?: NewSubject;
}

export type AppendOutcome =
  | { kind: 'added'; revisionId: string; subjectId: string }
  | { kind: 'updated'; revisionId: string; subjectId: string }
  | { kind: 'duplicate'; revisionId: string; subjectId: string }
  | { kind: 'conflict' }
  | { kind: 'subject_changed' };

export interface StoredPolicy {
  version: string;
  name: string;
  /** Canonical JSON of the parsed policy (what the version hashes). */
  content: string;
  /** The YAML as written, kept for operators. */
  sourceText: string;
  createdAt: string;
}

export interface StoreStats {
  subjects: number;
  records: number;
  revisions: number;
}

/** What the application needs from a store. SQLite and PostgreSQL adapters both implement it. */
export interface RegistryStore {
  readonly name: string;
  /** Create or migrate the schema; safe to call on every start. */
  migrate(): Promise<void>;
  /** True when migrations are applied (the store has been initialised). */
  isInitialised(): Promise<boolean>;
  close(): Promise<void>;

  savePolicy(policy: StoredPolicy): Promise<'added' | 'exists'>;
  activatePolicy(version: string, at: string): Promise<void>;
  activePolicy(): Promise<StoredPolicy | undefined>;
  policyVersions(): Promise<Array<{ version: string; name: string; createdAt: string; activatedAt: string[] }>>;

  /** Subjects by blind index, for the indexes that are stored. */
  subjectsByIndex(indexes: readonly string[]): Promise<Map<string, SubjectRow>>;
  subjectById(id: string): Promise<SubjectRow | undefined>;

  /**
   * Append a batch atomically, in order: either every outcome is durable or none is.
   * Idempotent on (source, ref, revision): same content is a duplicate, other content a conflict.
   */
  appendBatch(items: readonly AppendItem[]): Promise<AppendOutcome[]>;

  /** Every revision about a subject (as subject or as the related party), oldest first. */
  revisionsOf(subjectId: string): Promise<RevisionRow[]>;
  /** Every revision of every record of these types, ordered by (source, ref, revision). */
  revisionsOfTypes(types: readonly string[]): Promise<RevisionRow[]>;
  stats(): Promise<StoreStats>;
}
