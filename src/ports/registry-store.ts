import type { SubjectKind } from '../core/policy/policy-schema.js';
import type { RevisionFacts } from '../core/records/record-state.js';

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

/**
 * One stored revision of a furnisher's record: the facts the core folds into record states, and the
 * content hash that tells a duplicate from a conflict. Revisions are never updated or deleted.
 */
export interface RevisionRow extends RevisionFacts {
  contentHash: string;
}

/** What ingest hands the store for one accepted line. */
export interface AppendItem {
  revision: Omit<RevisionRow, 'subjectId' | 'subjectKind' | 'relatedSubjectId'>;
  subject: NewSubject;
  related?: NewSubject;
}

export type AppendOutcome =
  | { kind: 'added'; revisionId: string; subjectId: string; relatedSubjectId: string | null }
  | { kind: 'updated'; revisionId: string; subjectId: string; relatedSubjectId: string | null }
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

/** A list entry as stored with a subject's derived state. */
export interface StoredListEntry {
  list: string;
  listKind: string;
  startedAt: string;
  endsAt: string;
  endReason: string;
  /** Trigger revision ids and what else explains the entry (grade, escalation). */
  detail: Record<string, unknown>;
}

/** A subject's derived state: recomputable from its records and one policy version at `computedAt`. */
export interface DerivedState {
  subjectId: string;
  policyVersion: string;
  computedAt: string;
  score: number;
  grade: string;
  dimensions: Record<string, number>;
  reasons: unknown[];
  entries: StoredListEntry[];
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
  /** Keep a simulation summary beside the version it was made for. */
  saveSimulation(version: string, againstVersion: string | null, summary: unknown, at: string): Promise<void>;
  policyVersions(): Promise<Array<{ version: string; name: string; createdAt: string; activatedAt: string[] }>>;

  /** Subjects by blind index, for the indexes that are stored. */
  subjectsByIndex(indexes: readonly string[]): Promise<Map<string, SubjectRow>>;
  subjectById(id: string): Promise<SubjectRow | undefined>;
  /** Replace subjects' sealed identity numbers (after a master key rotation); the blind index stays. */
  resealSubjects(updates: ReadonlyArray<{ id: string; sealed: Buffer }>): Promise<void>;

  /**
   * Append a batch atomically, in order: either every outcome is durable or none is.
   * Idempotent on (source, ref, revision): same content is a duplicate, other content a conflict.
   */
  appendBatch(items: readonly AppendItem[]): Promise<AppendOutcome[]>;

  /** Revisions about each of these subjects (as subject or related party), oldest first per record. */
  revisionsOfSubjects(ids: readonly string[]): Promise<Map<string, RevisionRow[]>>;
  stats(): Promise<StoreStats>;

  /**
   * Run `work` in one transaction: everything it writes commits together or not at all.
   * `durability: 'os'` commits to the operating system without waiting for the disk (it survives a
   * crash of the process, not a power cut); used only for access-log events of reads.
   */
  transaction<T>(work: (tx: RegistryStore) => Promise<T>, options?: { durability?: 'disk' | 'os' }): Promise<T>;
  /** Replace the derived state (score, list entries) of these subjects. */
  saveDerived(states: readonly DerivedState[]): Promise<void>;
  derivedState(subjectId: string): Promise<DerivedState | undefined>;
  /** Stored list entries in force at `asOf` (started, not yet ended), optionally of one list. */
  listEntriesAt(asOf: string, list?: string): Promise<Array<StoredListEntry & { subjectId: string }>>;
  /** Subjects in id order after `afterId`, for streaming over the whole population. */
  subjectPage(afterId: string | null, limit: number): Promise<SubjectRow[]>;
}
