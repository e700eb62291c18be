import type { Policy } from '../policy/policy-schema.js';
import { termOf } from '../policy/term-of.js';
import type { RecordState } from '../records/record-state.js';
import { conductTypeOf, severityOf } from '../scoring/conduct-type.js';
import { addDuration, parseDuration } from '../time/duration.js';
import type { ListEndReason } from './list-entry.js';

export interface EntryEnd {
  endsAt: string;
  endReason: ListEndReason;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * When an entry on `records` that started at `startedAt` ends: the list's term, a record's
 * resolution, retraction or repair, or (when `publication` is set) a record's maximum publication
 * term, whichever comes first. On a tie the list's term is named, since it is the rule that applies.
 */
export function entryEnd(
  policy: Policy, startedAt: string, term: string, records: readonly RecordState[], publication: boolean,
): EntryEnd {
  let end: EntryEnd = { endsAt: addDuration(startedAt, parseDuration(term)!), endReason: 'term' };
  const consider = (endsAt: string, endReason: ListEndReason) => {
    if (endsAt < end.endsAt) end = { endsAt, endReason };
  };
  for (const s of records) {
    if (publication) {
      // The severity it is scored at, so that a record stops listing when it stops counting.
      const type = conductTypeOf(policy, s.head.type);
      const max = termOf(policy, s.head.type, type ? severityOf(type, s.head) : (s.head.severity as never)).max;
      consider(addDuration(s.head.occurredAt, parseDuration(max)!), 'publication_term');
    }
    // A record closed before the entry began ends it the moment it begins.
    if (s.closedAt) consider(later(s.closedAt, startedAt), s.head.status === 'retracted' ? 'retracted' : 'resolved');
    if (s.repairedAt) consider(later(s.repairedAt, startedAt), 'repaired');
  }
  return end;
}
