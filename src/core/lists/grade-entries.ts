import type { Policy, SubjectKind } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { addDuration, parseDuration } from '../time/duration.js';
import type { ListContext, ListEntry } from './list-entry.js';

/**
 * Entries made by the subject's grade. A grade is computed at an instant, not earned on a date, so
 * the entry starts at `asOf` and runs the list's term: recomputed later, it follows the new grade.
 */
export function gradeEntries(
  policy: Policy, states: readonly RecordState[], asOf: string, context: ListContext = {},
): ListEntry[] {
  const { grade } = context;
  if (grade === undefined) return [];
  const subject = subjectOf(states, context);
  if (subject === undefined) return [];
  const entries: ListEntry[] = [];
  for (const [name, list] of Object.entries(policy.lists)) {
    if (!list.entry.grades?.includes(grade) || !list.subjectKinds.includes(subject.kind)) continue;
    entries.push({
      list: name, listKind: list.kind, subjectId: subject.id, trigger: [], startedAt: asOf,
      endsAt: addDuration(asOf, parseDuration(list.term)!), endReason: 'term', active: true, grade,
    });
  }
  return entries;
}

/** The graded subject: named by the caller, or else the one subject every state belongs to. */
function subjectOf(states: readonly RecordState[], context: ListContext): { id: string; kind: SubjectKind } | undefined {
  const first = states[0]?.head;
  const id = context.subjectId ?? first?.subjectId;
  if (id === undefined) return undefined;
  const own = states.filter((s) => s.head.subjectId === id);
  if (context.subjectId === undefined && own.length !== states.length) return undefined;
  const kind = context.subjectKind ?? own[0]?.head.subjectKind;
  return kind === undefined ? undefined : { id, kind };
}
