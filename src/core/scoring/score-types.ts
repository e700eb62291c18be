import type { Dimension } from '../policy/policy-schema.js';

/** One record's share of a score: every point of `score - base` is attributed to a record. */
export interface ScoreReason {
  /** Stable reason code: the record type (e.g. `judicial.dishonest_debtor`). */
  code: string;
  /** Id of the record's live revision. */
  recordId: string;
  dimension: Dimension;
  /** Signed points after decay and caps, rounded to 0.01. */
  points: number;
  /** One line a person can read: what, when, who reported it, how much it weighs now and why. */
  text: string;
  source: string;
  ref: string;
  occurredAt: string;
}

export interface SubjectScore {
  /** base + sum of dimension points, clamped to the policy range, rounded to an integer. */
  score: number;
  grade: string;
  base: number;
  /** Each dimension's contribution (points after its cap), rounded to 0.01. */
  dimensions: Record<Dimension, number>;
  /** Most adverse first (most negative points), then the positive ones, largest first. */
  reasons: ScoreReason[];
  asOf: string;
}
