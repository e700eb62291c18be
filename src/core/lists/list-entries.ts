import type { Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { escalatedEntries } from './escalated-entries.js';
import { gradeEntries } from './grade-entries.js';
import type { ListContext, ListEntry } from './list-entry.js';
import { recordEntries } from './record-entries.js';

export type { ListContext, ListEndReason, ListEntry } from './list-entry.js';

/**
 * List entries derived from record states at `asOf`, in order of start: entries on records
 * (resolution or retraction ends one at once, and so does the list's term or the record's
 * maximum publication term, whichever comes first), entries on the subject's grade when
 * `context.grade` is given, and entries made by escalation up to `asOf`.
 */
export function listEntries(
  policy: Policy, states: readonly RecordState[], asOf: string, context?: ListContext,
): ListEntry[] {
  const direct = Object.entries(policy.lists).flatMap(([name, list]) => recordEntries(policy, name, list, states, asOf));
  direct.push(...gradeEntries(policy, states, asOf, context));
  const entries = [...direct, ...escalatedEntries(policy, direct, states, asOf)];
  return entries.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}
