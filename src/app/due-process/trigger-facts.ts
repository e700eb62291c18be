import type { ListEntry } from '../../core/lists/list-entry.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import type { Evaluation } from '../../core/subject/evaluate-subject.js';
import type { TriggerFacts } from './notices.js';

/** The records behind an entry, from the evaluation that made it. */
export function triggerFacts(policy: Policy, evaluation: Evaluation, entry: ListEntry): TriggerFacts[] {
  const wanted = new Set(entry.trigger);
  return evaluation.records.filter((s) => wanted.has(s.head.id)).map(({ head }) => ({
    recordId: head.id, type: head.type, source: head.source, ref: head.ref, occurredAt: head.occurredAt,
    legalBasis: policy.recordTypes[head.type]?.legalBasis ?? null,
  }));
}

/**
 * Whether an entry began after the registry held its records (an escalation, a count reached):
 * the scheduler tells the subject of those when they start. Entries that began with a record's
 * arrival were told at ingest, and entries over before their records arrived are history.
 */
export function startsLater(evaluation: Evaluation, entry: ListEntry): boolean {
  const wanted = new Set(entry.trigger);
  const received = evaluation.records.filter((s) => wanted.has(s.head.id)).map((s) => s.head.receivedAt);
  return received.length > 0 && received.every((at) => at < entry.startedAt);
}
