import { DIMENSIONS, type Dimension, type Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';
import { capPoints } from './cap-points.js';
import { conductTypeOf, severityOf } from './conduct-type.js';
import { decayFactor } from './decay.js';
import { gradeOf } from './grade-of.js';
import { isLive } from './live-records.js';
import { reasonText, scorecardReasonText, type ReasonFacts, type ReasonLimit } from './reason-text.js';
import { scorecardCharges } from './scorecard-points.js';
import type { ScoreReason, SubjectScore } from './score-types.js';

export interface ScoreOptions {
  /** Records (`${source}\u0000${ref}`) that must not count: lapsed objections (a repair is `RecordState.repairedAt`). */
  suppressed?: ReadonlySet<string>;
}

/** A live record's points on their way through decay and caps. */
interface Draft extends ReasonFacts {
  recordId: string;
  dimension: Dimension;
  limits: ReasonLimit[];
  /** Set for a scorecard feature's cost (the bin it fell in), which replaces financial records' rule points. */
  scorecardBin?: string;
}

/**
 * Score one subject at `asOf` from its record states (as known at `asOf`). Every point of
 * `score - base` is attributed to a record: decay shrinks each record, dimension caps and the
 * score range shrink only the overflowing side, in proportion. Pure and order-independent.
 */
export function scoreSubject(policy: Policy, states: readonly RecordState[], asOf: string, options: ScoreOptions = {}): SubjectScore {
  const scorecard = policy.scoring.financialScorecard !== undefined;
  // Sums of floats depend on their order: fix it so that any permutation gives identical output.
  const live = [...states].sort(byRecord).filter((s) => isLive(s, policy, asOf, options.suppressed));
  const drafts = [...live.map((s) => draft(policy, s, asOf)).filter((d) => d.points !== 0 && !(scorecard && isFinancialRecord(d))),
    ...(scorecard ? scorecardDrafts(policy, live, asOf) : [])];

  const dimensions = {} as Record<Dimension, number>;
  for (const dimension of DIMENSIONS) {
    const cap = policy.scoring.dimensions[dimension];
    const mine = drafts.filter((d) => d.dimension === dimension);
    const capped = applyCap(mine, cap, (side) => ({ by: 'dimension', dimension, bound: side === 'positive' ? cap.max : cap.min }));
    dimensions[dimension] = round2(capped);
  }

  // Dimensions stay as capped (each within its cap, as SubjectScore documents); when the score range
  // binds too, only the reasons are shrunk further, so they still add up to score - base.
  const { base, min, max } = policy.scoring;
  const total = base + applyCap(drafts, { min: min - base, max: max - base }, (side) =>
    side === 'positive' ? { by: 'score', side: 'ceiling', bound: max } : { by: 'score', side: 'floor', bound: min },
  );
  // Rounding may step past a fractional bound; the score itself never leaves the range.
  const score = Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(total))) || 0;

  const reasons = drafts.map(toReason).sort(byAdversity);
  return { score, grade: gradeOf(policy, score), base, dimensions, reasons, asOf };
}

function draft(policy: Policy, state: RecordState, asOf: string): Draft {
  const { head } = state;
  const type = conductTypeOf(policy, head.type)!; // isLive admitted only conduct records
  const severity = severityOf(type, head);
  const basePoints = type.points[severity] ?? 0;
  const decay = decayFactor(head.occurredAt, asOf, type.halfLife);
  return {
    recordId: head.id, dimension: type.dimension, type: head.type, source: head.source, ref: head.ref,
    occurredAt: head.occurredAt, severity, basePoints, decay, halfLife: type.halfLife, points: basePoints * decay,
    limits: [], resolvedAt: head.status === 'resolved' ? state.closedAt : null,
  };
}

/** Cap the drafts' sum in place, noting the limit on each draft it shrank; returns the capped sum. */
function applyCap(drafts: Draft[], range: { min: number; max: number }, limit: (side: 'positive' | 'negative') => ReasonLimit): number {
  const capped = capPoints(drafts.map((d) => d.points), range);
  drafts.forEach((d, i) => {
    const points = capped.points[i]!;
    if (points !== d.points) d.limits.push(limit(d.points > 0 ? 'positive' : 'negative'));
    d.points = points;
  });
  return capped.sum;
}

/** With a financial scorecard, financial records count through its features instead of their rule points. */
const isFinancialRecord = (d: Draft) => d.dimension === 'financial' && d.type.startsWith('financial.');

/** A draft per scorecard feature that costs points, cited to the record the feature came from (live records only). */
function scorecardDrafts(policy: Policy, live: readonly RecordState[], asOf: string): Draft[] {
  const byId = new Map(live.map((s) => [s.head.id, s.head]));
  return scorecardCharges(policy, live, asOf, () => true).flatMap((c) => {
    const head = byId.get(c.recordId);
    if (!head) return [];
    return [{
      recordId: c.recordId, dimension: 'financial' as const, type: `scorecard.${c.feature}`, source: head.source, ref: head.ref,
      occurredAt: head.occurredAt, severity: 'general' as const, basePoints: c.points, decay: 1, halfLife: 'P0D',
      points: c.points, limits: [], resolvedAt: null, scorecardBin: c.bin,
    }];
  });
}

function toReason(d: Draft): ScoreReason {
  return {
    code: d.type, recordId: d.recordId, dimension: d.dimension, points: round2(d.points),
    text: d.scorecardBin === undefined ? reasonText(d) : scorecardReasonText({ ...d, bin: d.scorecardBin }),
    source: d.source, ref: d.ref, occurredAt: d.occurredAt,
  };
}

/** Code-unit order, not locale order: the same on every machine. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byRecord(a: RecordState, b: RecordState): number {
  return cmp(a.head.source, b.head.source) || cmp(a.head.ref, b.head.ref) || cmp(a.head.id, b.head.id);
}

/** Most negative first, then positives largest first, then those capped to zero; newest first on ties. */
function byAdversity(a: ScoreReason, b: ScoreReason): number {
  const group = (r: ScoreReason) => (r.points < 0 ? 0 : r.points > 0 ? 1 : 2);
  const byPoints = group(a) - group(b) || (group(a) === 0 ? a.points - b.points : b.points - a.points);
  return byPoints || cmp(b.occurredAt, a.occurredAt) || cmp(a.recordId, b.recordId);
}

/** Rounded to 0.01, and never -0 (which JSON would print as 0 but Object.is would not match). */
const round2 = (n: number) => Math.round(n * 100) / 100 || 0;
