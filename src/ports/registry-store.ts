import type { SubjectKind } from '../core/policy/policy-schema.js';
import type { RevisionFacts } from '../core/records/record-state.js';
import type { DueProcessCase } from '../core/due-process/case-types.js';
import type { DashboardStore } from './dashboard-store.js';
import type { LinkageStore } from './linkage-store.js';

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
  /**
   * A stored record keeps its subject: a new revision goes to it whatever `subject` says (which is then
   * not created). For records naming a person by evidence, whose later revisions may add evidence.
   */
  followRecord?: boolean;
}

export type AppendOutcome =
  | { kind: 'added'; revisionId: string; subjectId: string; relatedSubjectId: string | null }
  | { kind: 'updated'; revisionId: string; subjectId: string; relatedSubjectId: string | null }
  | { kind: 'duplicate'; revisionId: string; subjectId: string }
  | { kind: 'conflict' }
  | { kind: 'subject_changed' }
  /** The record was erased after its retention period; its revisions cannot be sent again. */
  | { kind: 'erased'; erasedAt: string };

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
  /** The next instant at which time alone changes this state (an entry ends, a deadline falls due); the scheduler's index. */
  nextChangeAt?: string | null;
}

/**
 * A message the registry owes someone: a subject (`subject:<id>`) told of an adverse change, a
 * lapsed objection or a coming escalation; a furnisher (`source:<id>`) told of an objection to answer.
 * `key` makes sending idempotent: a notice whose key is stored is not stored again.
 */
export interface Notice {
  id: string;
  key: string;
  recipient: string;
  subjectId: string | null;
  at: string;
  kind: string;
  body: Record<string, unknown>;
}

/** What remains of an erased record: that it existed and when it was erased, nothing personal. */
export interface ErasedRecord {
  source: string;
  ref: string;
  revisions: number;
  erasedAt: string;
}

export interface StoreStats {
  subjects: number;
  records: number;
  revisions: number;
}

/** What the application needs from a store. SQLite and PostgreSQL adapters both implement it. */
export interface RegistryStore extends DashboardStore, LinkageStore {
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
   * Run `work` in one transaction: everything it writes commits together or not at all. Inside,
   * use the `tx` given (its own `transaction` joins the open one); calling `transaction` on the
   * outer store from inside waits for the open transaction to end, that is, forever.
   * `durability: 'os'` commits to the operating system without waiting for the disk (it survives a
   * crash of the process, not a power cut); used only for access-log events of reads.
   */
  transaction<T>(work: (tx: RegistryStore) => Promise<T>, options?: { durability?: 'disk' | 'os' }): Promise<T>;
  /** Replace the derived state (score, list entries) of these subjects. */
  saveDerived(states: readonly DerivedState[]): Promise<void>;
  derivedState(subjectId: string): Promise<DerivedState | undefined>;
  /** The stored list entries of each of these subjects, in their order (one read for a whole batch). */
  listEntriesOf(subjectIds: readonly string[]): Promise<Map<string, StoredListEntry[]>>;
  /** Stored list entries in force at `asOf` (started, not yet ended), optionally of one list. */
  listEntriesAt(asOf: string, list?: string): Promise<Array<StoredListEntry & { subjectId: string }>>;
  /** Subjects in id order after `afterId`, for streaming over the whole population. */
  subjectPage(afterId: string | null, limit: number): Promise<SubjectRow[]>;

  /**
   * A number that changes whenever another connection or process commits (SQLite's data_version),
   * so a process can tell when cached states may be stale. Its own commits need not change it.
   */
  dataVersion(): Promise<number>;
  /** One stored revision by its id. */
  revisionById(id: string): Promise<RevisionRow | undefined>;

  /** Insert or replace a due-process case (by id). */
  saveCase(c: DueProcessCase): Promise<void>;
  caseById(id: string): Promise<DueProcessCase | undefined>;
  /** Every case about each of these subjects, oldest first. */
  casesOfSubjects(ids: readonly string[]): Promise<Map<string, DueProcessCase[]>>;
  /** Open objections and pending repairs about records of `source`, oldest first (a furnisher's queue). */
  openCasesOfSource(source: string, limit: number): Promise<DueProcessCase[]>;
  /** Open objections and pending repairs whose deadline is at or before `at`, earliest first. */
  openCasesDue(at: string, limit: number): Promise<DueProcessCase[]>;
  caseCounts(): Promise<{ objections: number; repairs: number; open: number }>;

  /** Store notices whose key is not stored yet; returns how many were new. */
  addNotices(notices: readonly Notice[]): Promise<number>;
  /** A recipient's notices, newest first. */
  noticesFor(recipient: string, limit: number): Promise<Notice[]>;

  /** Subjects whose derived state has `nextChangeAt` at or before `at`, earliest first. */
  subjectsDueBy(at: string, limit: number): Promise<string[]>;
  /**
   * Erase every revision of (source, ref), leaving only an ErasedRecord: the record existed and was
   * erased. A revision of it sent later is refused (`erased`). Returns undefined when nothing was stored.
   */
  eraseRecord(source: string, ref: string, at: string): Promise<ErasedRecord | undefined>;
}
