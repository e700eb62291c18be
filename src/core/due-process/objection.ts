/**
 * The objection state machine. A subject disputes one of its records; the furnisher must answer
 * within the policy's time (extended once when the subject adds information). Unanswered, the
 * objection lapses at its deadline and the record is suppressed until the furnisher certifies it.
 */
import { Errors, type XyError } from '../errors.js';
import type { RecordState } from '../records/record-state.js';
import { err, ok, type Result } from '../result.js';
import { policyDuration } from '../scoring/policy-duration.js';
import { addDuration } from '../time/duration.js';
import type { CaseRecord, DueProcessCase, Objection, ObjectionOutcome } from './case-types.js';
import { caseNote, caseText } from './case-text.js';
import type { DueProcessRules } from './due-process-rules.js';

export const STATEMENT_MAX = 500;
export const NOTE_MAX = 1000;
/** The furnisher's possible answers: the record stands, a corrected revision follows, or it is retracted. */
export const OUTCOMES: readonly ObjectionOutcome[] = ['upheld', 'corrected', 'withdrawn'];

export interface ObjectionFiling {
  id: string;
  record: CaseRecord;
  /** The record as known at `now`. */
  state: RecordState;
  statement: string;
  now: string;
  /** The cases already filed about this subject (or this record). */
  cases: readonly DueProcessCase[];
}

/** Open an objection to one of the subject's own records, due `answerWithin` from now. */
export function fileObjection(filing: ObjectionFiling, rules: DueProcessRules): Result<Objection> {
  const { id, record, state, now, cases } = filing;
  const statement = caseText(filing.statement, STATEMENT_MAX);
  if (!statement.ok) return err(Errors.OBJECTION_STATEMENT(statement.error));
  const { head } = state;
  // Another subject's record is "not found": its existence is not confirmed.
  if (head.subjectId !== record.subjectId || head.source !== record.source || head.ref !== record.ref) {
    return err(Errors.RECORD_NOT_FOUND(record.recordId));
  }
  if (head.status === 'retracted') return err(Errors.OBJECTION_NOT_ALLOWED('the furnisher has withdrawn it; it no longer counts'));
  // Ingest gives a related subject to relation records and only to them.
  if (head.relatedSubjectId !== null) return err(Errors.OBJECTION_NOT_ALLOWED('it records a relation between subjects, not conduct'));
  const pending = cases.find((c) => c.kind === 'objection' && sameRecord(c, record) && isPending(objectionAt(c, now)));
  if (pending) return err(Errors.OBJECTION_EXISTS(pending.id));
  return ok({
    kind: 'objection', id, subjectId: record.subjectId, recordId: record.recordId, source: record.source, ref: record.ref,
    type: record.type, statement: statement.value, additions: [], filedAt: now,
    dueAt: addDuration(now, policyDuration(rules.objection.answerWithin, 'dueProcess.objection.answerWithin')),
    status: 'open', resolvedAt: null, resolvedBy: null, note: null, lapsedAt: null,
  });
}

/** Add information to an open objection; the first addition extends its deadline, once. */
export function addObjectionInformation(o: Objection, text: string, now: string, rules: DueProcessRules): Result<Objection> {
  const current = objectionAt(o, now);
  if (current.status !== 'open') return err(stateError(current, 'information can be added only while it is open'));
  const added = caseText(text, STATEMENT_MAX);
  if (!added.ok) return err(Errors.OBJECTION_STATEMENT(`addition ${added.error}`));
  const extension = policyDuration(rules.objection.extension, 'dueProcess.objection.extension');
  const dueAt = current.additions.length === 0 ? addDuration(current.dueAt, extension) : current.dueAt;
  return ok({ ...current, additions: [...current.additions, { at: now, text: added.value }], dueAt });
}

/**
 * The furnisher's answer. Open: the outcome stands. Lapsed: `upheld` certifies the record (it
 * counts again), while a correction or withdrawal is recorded as such.
 */
export function answerObjection(o: Objection, outcome: ObjectionOutcome, note: string | null, now: string, by: string): Result<Objection> {
  // The type is a promise only the compiler keeps: an outcome from a command line or a file is checked here.
  if (!OUTCOMES.includes(outcome)) return err(Errors.BAD_ARGUMENT(`answer outcome must be one of ${OUTCOMES.join(', ')}`));
  const current = objectionAt(o, now);
  if (current.status !== 'open' && current.status !== 'lapsed') return err(stateError(current, 'it has already been answered'));
  const checked = caseNote(note, NOTE_MAX);
  if (!checked.ok) return err(Errors.BAD_ARGUMENT(`answer note ${checked.error}`));
  const status = current.status === 'lapsed' && outcome === 'upheld' ? 'certified' : outcome;
  return ok({ ...current, status, resolvedAt: now, resolvedBy: by, note: checked.value });
}

/**
 * The objection in effect at `now`: an open one whose deadline has passed has lapsed, dated at its
 * deadline. Only moves forward in time, so evaluating it at any intermediate instant changes nothing.
 */
export function objectionAt(o: Objection, now: string): Objection {
  if (o.status !== 'open' || o.dueAt > now) return o;
  return { ...o, status: 'lapsed', lapsedAt: o.dueAt };
}

/** Open or lapsed: the furnisher still owes an answer, and no second objection is taken. */
export const isPending = (o: Objection): boolean => o.status === 'open' || o.status === 'lapsed';

export const sameRecord = (a: Pick<CaseRecord, 'source' | 'ref'>, b: Pick<CaseRecord, 'source' | 'ref'>): boolean =>
  a.source === b.source && a.ref === b.ref;

function stateError(o: Objection, why: string): XyError {
  return Errors.OBJECTION_STATE(o.id, o.status, why);
}
