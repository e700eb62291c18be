import type { Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { entryEnd } from './entry-end.js';
import { escalationOf } from './escalation-of.js';
import type { ListEntry } from './list-entry.js';

/**
 * Entries made by escalation, up to `asOf`: an entry still in force `after` its start moves the
 * subject to the target list from that instant, on the same records. The new entry ends by the
 * target's term or the records' resolution, not by the records' publication term: it is a new
 * listing with its own term (e.g. 3 years on serious_violation after 3 years uncorrected abnormal
 * operations, whose record's own publication ends just as it escalates).
 * Escalated entries escalate in turn; the loop is bounded so that even a cyclic policy ends.
 */
export function escalatedEntries(
  policy: Policy, entries: readonly ListEntry[], states: readonly RecordState[], asOf: string,
): ListEntry[] {
  const byId = new Map(states.map((s) => [s.head.id, s]));
  const made: ListEntry[] = [];
  let wave = [...entries];
  for (let depth = 0; wave.length > 0 && depth < Object.keys(policy.lists).length; depth++) {
    const next: ListEntry[] = [];
    for (const source of wave) {
      const escalation = escalationOf(policy, source);
      if (!escalation?.due || escalation.escalatesAt > asOf) continue;
      const target = Object.hasOwn(policy.lists, escalation.target) ? policy.lists[escalation.target] : undefined;
      if (target === undefined) continue;
      const startedAt = escalation.escalatesAt;
      const records = source.trigger.flatMap((id) => byId.get(id) ?? []);
      const end = entryEnd(policy, startedAt, target.term, records, false);
      // Corrected at the very instant of escalation: nothing to publish.
      if (end.endsAt <= startedAt) continue;
      next.push({
        list: escalation.target, listKind: target.kind, subjectId: source.subjectId, trigger: [...source.trigger],
        startedAt, ...end, active: startedAt <= asOf && asOf < end.endsAt, escalatedFrom: source.list,
      });
    }
    made.push(...next);
    wave = next;
  }
  return made;
}
