/** What the lists module derives: entries on lists, and warnings of entries about to escalate. */
import type { SubjectKind } from '../policy/policy-schema.js';

/** `repaired`: a credit repair of a triggering record was approved. */
export type ListEndReason = 'term' | 'resolved' | 'retracted' | 'publication_term' | 'repaired';

/** One subject's entry on one list, with the records that put it there. */
export interface ListEntry {
  list: string;
  listKind: 'black' | 'red' | 'watch';
  subjectId: string;
  /** Revision ids of the records that triggered the entry (empty for an entry on a grade). */
  trigger: string[];
  startedAt: string;
  /** When the entry ends (or ended): resolution, repair, the list's term or the record's publication term. */
  endsAt: string;
  endReason: ListEndReason;
  active: boolean;
  /** Set on an entry made by grade: the grade the subject had at `startedAt`. */
  grade?: string;
  /** Set on an entry made by escalation: the list whose entry stayed uncorrected too long. */
  escalatedFrom?: string;
}

/** Notice that an entry on `fromList` escalates to `list` at `escalatesAt` unless corrected first. */
export interface ListWarning {
  list: string;
  fromList: string;
  subjectId: string;
  trigger: string[];
  warnedAt: string;
  escalatesAt: string;
}

/** What the caller knows about the subject beyond its records; grade lists need it. */
export interface ListContext {
  /** The subject's grade at `asOf`, as scoring computed it. */
  grade?: string;
  /** Whose grade it is; defaults to the one subject all the states belong to. */
  subjectId?: string;
  /** That subject's kind; defaults likewise from the states. */
  subjectKind?: SubjectKind;
}
