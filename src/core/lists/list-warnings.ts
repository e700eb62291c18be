import type { Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { escalationOf } from './escalation-of.js';
import { listEntries } from './list-entries.js';
import type { ListContext, ListEntry, ListWarning } from './list-entry.js';

export type { ListWarning } from './list-entry.js';

/**
 * Warnings in force at `asOf`: an entry that escalates within its list's `warning` period, and
 * that nothing known yet ends before then. The subject can still correct the records; the warning
 * is gone the moment they do, and so is the escalation.
 */
export function listWarnings(
  policy: Policy, states: readonly RecordState[], asOf: string, context?: ListContext,
): ListWarning[] {
  return warningsOf(policy, listEntries(policy, states, asOf, context), asOf);
}

/** The same warnings from entries the caller already has (`listEntries` at the same `asOf`). */
export function warningsOf(policy: Policy, entries: readonly ListEntry[], asOf: string): ListWarning[] {
  const warnings: ListWarning[] = [];
  for (const entry of entries) {
    const escalation = escalationOf(policy, entry);
    if (escalation?.warnedAt === undefined || !escalation.due) continue;
    if (asOf < escalation.warnedAt || asOf >= escalation.escalatesAt) continue;
    warnings.push({
      list: escalation.target, fromList: entry.list, subjectId: entry.subjectId, trigger: [...entry.trigger],
      warnedAt: escalation.warnedAt, escalatesAt: escalation.escalatesAt,
    });
  }
  return warnings;
}
