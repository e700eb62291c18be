/**
 * Due-process cases: a subject's objection to a record, and a subject's application to repair one.
 * Both are plain data; the state machines in objection.ts and repair.ts move them, and every
 * instant a case holds is a due instant (a lapse is dated at its deadline, not when it was noticed),
 * so processing late changes nothing but the moment it is written.
 */

/** The record a case is about: the furnisher's (source, ref), and the revision the subject saw. */
export interface CaseRecord {
  subjectId: string;
  recordId: string;
  source: string;
  ref: string;
  type: string;
}

export type ObjectionStatus =
  | 'open' // awaiting the furnisher's answer; the record is shown as disputed
  | 'upheld' // the furnisher stands by the record; the subject's statement stays on file beside it
  | 'corrected' // a corrected revision follows
  | 'withdrawn' // the record is retracted
  | 'lapsed' // no answer by the deadline: the record is suppressed until the furnisher certifies it
  | 'certified'; // after a lapse, the furnisher certified the record: it counts again

export type ObjectionOutcome = 'upheld' | 'corrected' | 'withdrawn';

export interface Objection extends CaseRecord {
  kind: 'objection';
  id: string;
  statement: string;
  /** New information the subject added while the objection was open (extends the deadline once). */
  additions: Array<{ at: string; text: string }>;
  filedAt: string;
  dueAt: string;
  status: ObjectionStatus;
  /** When the furnisher answered (or certified), who answered, and its note. */
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
  /** = dueAt, set when the deadline passed unanswered. */
  lapsedAt: string | null;
}

export type RepairStatus = 'pending' | 'approved' | 'rejected';

export interface Repair extends CaseRecord {
  kind: 'repair';
  id: string;
  commitment: string;
  appliedAt: string;
  /** Decision deadline: the policy's working days after the (complete) application. */
  dueAt: string;
  status: RepairStatus;
  decidedAt: string | null;
  /** The deciding operator's id, or `policy` when the deadline decided (automatic approval). */
  decidedBy: string | null;
  note: string | null;
}

export type DueProcessCase = Objection | Repair;

/** How due process marks a record at an instant; absent = nothing. Repaired outranks suppressed outranks disputed. */
export type RecordMark = 'disputed' | 'suppressed' | 'repaired';
