import type { Policy } from '../policy/policy-schema.js';
import { addDuration, parseDuration, type Duration } from '../time/duration.js';
import type { ListEntry } from './list-entry.js';

/** Where an entry is headed if nothing corrects it in time. */
export interface Escalation {
  /** The list the subject moves to. */
  target: string;
  /** The entry's start plus the list's `escalatesTo.after`. */
  escalatesAt: string;
  /** When the subject is warned (never before the entry began), if the list gives warning. */
  warnedAt: string | undefined;
  /**
   * Whether, as far as is known, the entry is still in force at `escalatesAt`. Its own term ending
   * exactly then does not stop it: reaching that date uncorrected is what escalation is for.
   */
  due: boolean;
}

const negated = (d: Duration): Duration => ({ years: -d.years, months: -d.months, days: -d.days });

/**
 * The escalation of an entry whose list has `escalatesTo` (example: abnormal_operations entered on
 * 2022-03-01, after P3Y, warning P60D -> escalatesAt 2025-03-01, warnedAt 2024-12-31).
 */
export function escalationOf(policy: Policy, entry: ListEntry): Escalation | undefined {
  const list = Object.hasOwn(policy.lists, entry.list) ? policy.lists[entry.list] : undefined;
  if (list?.escalatesTo === undefined) return undefined;
  const escalatesAt = addDuration(entry.startedAt, parseDuration(list.escalatesTo.after)!);
  let warnedAt: string | undefined;
  if (list.warning !== undefined) {
    const from = addDuration(escalatesAt, negated(parseDuration(list.warning)!));
    warnedAt = from < entry.startedAt ? entry.startedAt : from;
  }
  // endsAt already reflects every resolution, retraction and publication term known at asOf.
  return { target: list.escalatesTo.list, escalatesAt, warnedAt, due: entry.endsAt >= escalatesAt };
}
