import { dueProcessRules } from '../due-process/due-process-rules.js';
import type { ListDefinition, Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { conductTypeOf, severityOf } from '../scoring/conduct-type.js';
import { addDuration, parseDuration } from '../time/duration.js';
import { entryEnd } from './entry-end.js';
import type { ListEntry } from './list-entry.js';

/**
 * Entries on one list made by records: an active record of an entry type enters its subject (or,
 * with `count`, that many within `within`); see `entryEnd` for how each entry ends. Minor records
 * are not published (make no entry) unless the policy's `dueProcess.publishMinor` says so.
 */
export function recordEntries(
  policy: Policy, name: string, list: ListDefinition, states: readonly RecordState[], asOf: string,
): ListEntry[] {
  const types = new Set(list.entry.recordTypes ?? []);
  if (types.size === 0) return [];
  const published = dueProcessRules(policy).publishMinor ? () => true : (s: RecordState) => !isMinor(policy, s);
  const qualifying = states.filter(
    (s) =>
      types.has(s.head.type) &&
      list.subjectKinds.includes(s.head.subjectKind) &&
      (list.entry.severities === undefined || list.entry.severities.includes(s.head.severity as never)) &&
      s.head.occurredAt <= asOf &&
      published(s),
  );
  const needed = list.entry.count ?? 1;
  const bySubject = new Map<string, RecordState[]>();
  for (const s of qualifying) {
    const records = bySubject.get(s.head.subjectId);
    if (records) records.push(s);
    else bySubject.set(s.head.subjectId, [s]);
  }
  const entries: ListEntry[] = [];
  const make = (subjectId: string, group: RecordState[]) => {
    const startedAt = group.reduce((m, s) => (s.head.occurredAt > m ? s.head.occurredAt : m), '');
    const end = entryEnd(policy, startedAt, list.term, group, true);
    entries.push({
      list: name, listKind: list.kind, subjectId, trigger: group.map((s) => s.head.id), startedAt, ...end,
      active: startedAt <= asOf && asOf < end.endsAt,
    });
  };
  for (const [subjectId, records] of bySubject) {
    if (needed <= 1) {
      for (const s of records) make(subjectId, [s]);
      continue;
    }
    records.sort((a, b) => (a.head.occurredAt < b.head.occurredAt ? -1 : 1));
    const window = list.entry.within ? parseDuration(list.entry.within) : undefined;
    for (let i = needed - 1; i < records.length; i++) {
      const group = records.slice(i - needed + 1, i + 1);
      const first = group[0]!.head.occurredAt;
      if (window && addDuration(first, window) < group[group.length - 1]!.head.occurredAt) continue;
      make(subjectId, group);
      break;
    }
  }
  return entries;
}

/** Minor at the severity the record is scored at (its own, or its type's default when it has none). */
function isMinor(policy: Policy, s: RecordState): boolean {
  const type = conductTypeOf(policy, s.head.type);
  return (type ? severityOf(type, s.head) : s.head.severity) === 'minor';
}
