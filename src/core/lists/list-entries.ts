import type { Policy } from '../policy/policy-schema.js';
import { termOf } from '../policy/term-of.js';
import type { RecordState } from '../records/record-state.js';
import { addDuration, parseDuration } from '../time/duration.js';

export type ListEndReason = 'term' | 'resolved' | 'retracted' | 'publication_term';

/** One subject's entry on one list, with the records that put it there. */
export interface ListEntry {
  list: string;
  listKind: 'black' | 'red' | 'watch';
  subjectId: string;
  /** Revision ids of the records that triggered the entry. */
  trigger: string[];
  startedAt: string;
  /** When the entry ends (or ended): resolution, the list's term or the record's publication term. */
  endsAt: string;
  endReason: ListEndReason;
  active: boolean;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * List entries derived from record states at `asOf`. A record enters its subject when it is
 * active; resolution or retraction ends the entry at once, and so does the list's term or the
 * record's maximum publication term, whichever comes first.
 */
export function listEntries(policy: Policy, states: readonly RecordState[], asOf: string): ListEntry[] {
  const entries: ListEntry[] = [];
  for (const [name, list] of Object.entries(policy.lists)) {
    const types = new Set(list.entry.recordTypes);
    const qualifying = states.filter(
      (s) =>
        types.has(s.head.type) &&
        list.subjectKinds.includes(s.head.subjectKind) &&
        (list.entry.severities === undefined || list.entry.severities.includes(s.head.severity as never)) &&
        s.head.occurredAt <= asOf,
    );
    const needed = list.entry.count ?? 1;
    const bySubject = new Map<string, RecordState[]>();
    for (const s of qualifying) {
      const list = bySubject.get(s.head.subjectId);
      if (list) list.push(s);
      else bySubject.set(s.head.subjectId, [s]);
    }
    for (const [subjectId, records] of bySubject) {
      if (needed <= 1) {
        for (const s of records) entries.push(entryFor(name, list.kind, subjectId, [s], policy, list.term, asOf));
        continue;
      }
      records.sort((a, b) => (a.head.occurredAt < b.head.occurredAt ? -1 : 1));
      const window = list.entry.within ? parseDuration(list.entry.within) : undefined;
      for (let i = needed - 1; i < records.length; i++) {
        const group = records.slice(i - needed + 1, i + 1);
        const first = group[0]!.head.occurredAt;
        if (window && addDuration(first, window) < group[group.length - 1]!.head.occurredAt) continue;
        entries.push(entryFor(name, list.kind, subjectId, group, policy, list.term, asOf));
        break;
      }
    }
  }
  return entries.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

function entryFor(
  list: string, listKind: ListEntry['listKind'], subjectId: string, group: RecordState[], policy: Policy, term: string, asOf: string,
): ListEntry {
  const startedAt = group.reduce((m, s) => later(m, s.head.occurredAt), '');
  const candidates: Array<[string, ListEndReason]> = [[addDuration(startedAt, parseDuration(term)!), 'term']];
  for (const s of group) {
    const publication = termOf(policy, s.head.type, s.head.severity as never).max;
    candidates.push([addDuration(s.head.occurredAt, parseDuration(publication)!), 'publication_term']);
    if (s.closedAt) candidates.push([later(s.closedAt, startedAt), s.head.status === 'retracted' ? 'retracted' : 'resolved']);
  }
  candidates.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const [endsAt, endReason] = candidates[0]!;
  return {
    list,
    listKind,
    subjectId,
    trigger: group.map((s) => s.head.id),
    startedAt,
    endsAt,
    endReason,
    active: startedAt <= asOf && asOf < endsAt,
  };
}
