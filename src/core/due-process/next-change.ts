import { escalationOf } from '../lists/escalation-of.js';
import type { Policy } from '../policy/policy-schema.js';
import type { Evaluation } from '../subject/evaluate-subject.js';
import type { DueProcessCase } from './case-types.js';
import { erasureDueAt, publicationEndAt } from './erasure-due-at.js';
import { objectionAt } from './objection.js';
import { repairAt } from './repair.js';

/**
 * The earliest instant after `asOf` at which time alone changes something for this subject, so a
 * scheduler can re-evaluate it then (and not poll): a list entry starts or ends, a warning is due
 * or an entry escalates, a record starts or stops counting or falls due for erasure, an objection
 * lapses, a repair's deadline decides it; or an erasure already overdue (at or before `asOf`).
 * null when nothing is scheduled.
 * Decay changes the score continuously and is not a scheduled change.
 */
export function nextChangeAt(policy: Policy, evaluation: Evaluation, cases: readonly DueProcessCase[], asOf: string): string | null {
  let next: string | null = null;
  let overdue = null as string | null;
  const consider = (t: string | null | undefined) => {
    if (t != null && t > asOf && (next === null || t < next)) next = t;
  };
  for (const entry of evaluation.entries) {
    if (entry.startedAt > asOf) consider(entry.startedAt);
    else if (!entry.active) continue;
    consider(entry.endsAt);
    const escalation = escalationOf(policy, entry);
    if (escalation?.due) {
      consider(escalation.warnedAt);
      consider(escalation.escalatesAt);
    }
  }
  for (const warning of evaluation.warnings) {
    consider(warning.warnedAt);
    consider(warning.escalatesAt);
  }
  for (const { head, repairedAt } of evaluation.records) {
    if (head.status !== 'retracted' && (repairedAt === undefined || repairedAt > asOf)) {
      consider(head.occurredAt); // dated in the future: it starts counting then
      consider(publicationEndAt(policy, head));
      consider(repairedAt);
    }
    // A record still held past its erasure instant is overdue: the subject is due at once.
    const erasure = erasureDueAt(policy, head);
    if (erasure !== null && erasure <= asOf) overdue = overdue === null || erasure < overdue ? erasure : overdue;
    else consider(erasure);
  }
  for (const c of cases) {
    if (c.subjectId !== evaluation.subjectId) continue;
    if (c.kind === 'objection') {
      if (c.filedAt <= asOf && objectionAt(c, asOf).status === 'open') consider(c.dueAt);
    } else if (c.appliedAt <= asOf && repairAt(c, asOf, policy).status === 'pending') consider(c.dueAt);
  }
  return overdue ?? next;
}
