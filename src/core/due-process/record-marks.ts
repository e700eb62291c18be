import type { Policy } from '../policy/policy-schema.js';
import { recordKey } from '../scoring/live-records.js';
import type { DueProcessCase, Objection, RecordMark, Repair } from './case-types.js';
import { objectionAt } from './objection.js';
import { repairAt } from './repair.js';

const RANK: Record<RecordMark, number> = { disputed: 1, suppressed: 2, repaired: 3 };

/**
 * How due process marks each record at `asOf` (keyed by `source\u0000ref`), from the cases as they
 * stood then: disputed while an objection awaits its answer, suppressed from its lapse until the
 * furnisher certifies, corrects or withdraws, repaired from a repair's approval. Every case holds
 * the instants of its transitions, so a past `asOf` is reproduced exactly, and a case filed after
 * `asOf` has no effect. Repaired outranks suppressed outranks disputed.
 */
export function recordMarks(cases: readonly DueProcessCase[], asOf: string, policy: Policy): Map<string, RecordMark> {
  const marks = new Map<string, RecordMark>();
  for (const c of cases) {
    const mark = c.kind === 'objection' ? objectionMark(c, asOf) : repairedSince(c, asOf, policy) === undefined ? undefined : 'repaired';
    if (mark === undefined) continue;
    const key = recordKey(c);
    const held = marks.get(key);
    if (held === undefined || RANK[mark] > RANK[held]) marks.set(key, mark);
  }
  return marks;
}

/** Records whose repair was approved at or before `asOf`, with the approval instant (the evaluation's `repaired`). */
export function repairedAt(cases: readonly DueProcessCase[], asOf: string, policy: Policy): Map<string, string> {
  const repaired = new Map<string, string>();
  for (const c of cases) {
    if (c.kind !== 'repair') continue;
    const since = repairedSince(c, asOf, policy);
    const key = recordKey(c);
    const held = repaired.get(key);
    if (since !== undefined && (held === undefined || since < held)) repaired.set(key, since);
  }
  return repaired;
}

function objectionMark(o: Objection, asOf: string): RecordMark | undefined {
  if (o.filedAt > asOf) return undefined;
  const { lapsedAt, resolvedAt } = objectionAt(o, asOf);
  // An answer given after asOf had not happened yet at asOf.
  const answeredAt = resolvedAt !== null && resolvedAt <= asOf ? resolvedAt : null;
  if (lapsedAt === null || lapsedAt > asOf) return answeredAt === null ? 'disputed' : undefined;
  return answeredAt === null ? 'suppressed' : undefined;
}

function repairedSince(c: Repair, asOf: string, policy: Policy): string | undefined {
  if (c.appliedAt > asOf) return undefined;
  const r = repairAt(c, asOf, policy);
  return r.status === 'approved' && r.decidedAt !== null && r.decidedAt <= asOf ? r.decidedAt : undefined;
}
