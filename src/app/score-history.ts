import type { Policy } from '../core/policy/policy-schema.js';
import type { RevisionFacts } from '../core/records/record-state.js';
import type { DueProcessCase } from '../core/due-process/case-types.js';
import { evaluateWithCases } from '../core/due-process/case-overlay.js';

export interface HistoryPoint {
  at: string;
  score: number;
  grade: string;
  /** The record event at this instant: a record occurring, or a revision arriving. */
  event: { recordId: string; type: string; kind: 'occurred' | 'received'; status: string } | null;
}

/**
 * The subject's score at each record event up to `asOf`, in the light of everything known at
 * `asOf` (valid-time history): a record counts from when it occurred, a later revision (resolved,
 * retracted) from when it arrived. Recomputed from the records, so it is reproducible.
 */
export function scoreHistory(
  policy: Policy, subjectId: string, revisions: readonly RevisionFacts[], asOf: string, limit = 60, cases: readonly DueProcessCase[] = [],
): HistoryPoint[] {
  const own = revisions.filter((r) => r.subjectId === subjectId && policy.recordTypes[r.type]?.kind === 'conduct');
  const events = new Map<string, HistoryPoint['event']>();
  for (const r of own) {
    if (r.revision === 1 && r.occurredAt <= asOf) events.set(r.occurredAt, { recordId: r.id, type: r.type, kind: 'occurred', status: r.status });
    if (r.receivedAt <= asOf && r.revision > 1) events.set(r.receivedAt, { recordId: r.id, type: r.type, kind: 'received', status: r.status });
  }
  const instants = [...events.keys()].sort().slice(-limit);
  const points = instants.map((at) => {
    const { score } = evaluateWithCases(policy, subjectId, revisions, cases, at, { knownAt: asOf }).evaluation;
    return { at, score: score.score, grade: score.grade, event: events.get(at) ?? null };
  });
  const now = evaluateWithCases(policy, subjectId, revisions, cases, asOf).evaluation.score;
  if (points.at(-1)?.at !== asOf) points.push({ at: asOf, score: now.score, grade: now.grade, event: null });
  return points;
}
