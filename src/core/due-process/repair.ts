/**
 * Credit repair: after an adverse record's conduct has ended and its minimum publication term has
 * passed, the subject may apply (with a written commitment) to have it stop counting before its
 * maximum term. An operator decides within the policy's working days; if nobody does, the policy
 * decides at the deadline (approves, by default), so silence never works against the subject.
 */
import { Errors } from '../errors.js';
import type { Policy } from '../policy/policy-schema.js';
import { termOf } from '../policy/term-of.js';
import type { RecordState } from '../records/record-state.js';
import { err, ok, type Result } from '../result.js';
import { conductTypeOf, severityOf } from '../scoring/conduct-type.js';
import { policyDuration } from '../scoring/policy-duration.js';
import { addDuration } from '../time/duration.js';
import type { CaseRecord, DueProcessCase, Repair } from './case-types.js';
import { caseNote, caseText } from './case-text.js';
import { dueProcessRules, repairDecisionOf } from './due-process-rules.js';
import { isPending, objectionAt, sameRecord } from './objection.js';
import { addWorkingDays } from './working-days.js';

export const COMMITMENT_MAX = 2000;
export const DECISION_NOTE_MAX = 1000;
/** `decidedBy` of a repair decided by its deadline. */
export const BY_POLICY = 'policy';

/** Whether the record (as known at `now`) may be repaired now, given the cases about it. */
export function repairEligibility(policy: Policy, state: RecordState, now: string, cases: readonly DueProcessCase[]): Result<void> {
  const { head } = state;
  const no = (why: string) => err(Errors.REPAIR_NOT_ELIGIBLE(why));
  const type = conductTypeOf(policy, head.type);
  if (type === undefined || type.sign !== 'negative') return no('only adverse conduct records can be repaired');
  if (type.repair === 'never') {
    return no(`${head.type} records are not repaired on application: they end by other means (such as performing the judgment), or when their publication term ends`);
  }
  if (head.status === 'retracted') return no('the furnisher has withdrawn it; it no longer counts');
  if (head.status !== 'resolved') {
    return no('the conduct has not ended: resolve it first (pay, perform or correct what it records), and apply once the furnisher reports it resolved');
  }
  const term = termOf(policy, head.type, severityOf(type, head));
  const from = addDuration(head.occurredAt, policyDuration(term.min, `minimum term of ${head.type}`));
  if (now < from) return no(`it can be repaired from ${from.slice(0, 10)}, when its minimum publication term (${term.min}) has passed`);
  const ends = addDuration(head.occurredAt, policyDuration(term.max, `publication term of ${head.type}`));
  if (now >= ends) return no(`its publication ended on ${ends.slice(0, 10)}: there is nothing left to repair`);
  for (const c of cases) {
    if (!sameRecord(c, head)) continue;
    if (c.kind === 'repair') {
      const current = repairAt(c, now, policy);
      if (current.status === 'pending' || current.status === 'approved') return err(Errors.REPAIR_EXISTS(c.id, current.status));
    } else if (isPending(objectionAt(c, now))) {
      return no(`it is under objection ${c.id}; wait for the furnisher's answer`);
    }
  }
  return ok(undefined);
}

export interface RepairApplication {
  id: string;
  record: CaseRecord;
  /** The record as known at `now`. */
  state: RecordState;
  commitment: string;
  now: string;
  cases: readonly DueProcessCase[];
}

/** A complete application: pending, due the type's (or the policy's) working days from now. */
export function applyForRepair(application: RepairApplication, policy: Policy): Result<Repair> {
  const { id, record, state, now, cases } = application;
  const commitment = caseText(application.commitment, COMMITMENT_MAX);
  if (!commitment.ok) return err(Errors.REPAIR_COMMITMENT(commitment.error));
  const { head } = state;
  if (head.subjectId !== record.subjectId || !sameRecord(head, record)) return err(Errors.RECORD_NOT_FOUND(record.recordId));
  const eligible = repairEligibility(policy, state, now, cases);
  if (!eligible.ok) return eligible;
  const days = repairDecisionOf(policy, head.type).withinWorkingDays;
  return ok({
    kind: 'repair', id, subjectId: record.subjectId, recordId: record.recordId, source: record.source, ref: record.ref,
    type: record.type, commitment: commitment.value, appliedAt: now, dueAt: addWorkingDays(now, days, dueProcessRules(policy)),
    status: 'pending', decidedAt: null, decidedBy: null, note: null,
  });
}

/** An operator's decision on a pending repair, before its deadline (after it, the policy has decided). */
export function decideRepair(r: Repair, approve: boolean, note: string | null, now: string, by: string): Result<Repair> {
  if (r.status !== 'pending') return err(Errors.REPAIR_STATE(r.id, r.status));
  if (r.dueAt <= now) return err(Errors.REPAIR_STATE(r.id, `decided by the policy at its deadline (${r.dueAt})`));
  const checked = caseNote(note, DECISION_NOTE_MAX);
  if (!checked.ok) return err(Errors.BAD_ARGUMENT(`decision note ${checked.error}`));
  return ok({ ...r, status: approve ? 'approved' : 'rejected', decidedAt: now, decidedBy: by, note: checked.value });
}

/**
 * The repair in effect at `now`: a pending one past its deadline was decided at the deadline by
 * the policy's `onDeadline` for its type. Only moves forward in time, like `objectionAt`.
 */
export function repairAt(r: Repair, now: string, policy: Policy): Repair {
  if (r.status !== 'pending' || r.dueAt > now) return r;
  const approve = repairDecisionOf(policy, r.type).onDeadline === 'approve';
  return {
    ...r, status: approve ? 'approved' : 'rejected', decidedAt: r.dueAt, decidedBy: BY_POLICY,
    note: `not decided by the deadline: ${approve ? 'approved' : 'rejected'} under the policy`,
  };
}
