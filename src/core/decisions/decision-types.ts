/** What a decision says: the effect for one action, and every measure behind it with its reasons. */
import type { Relation } from '../policy/policy-schema.js';
import type { TriggerRecord } from './subject-state.js';

/** Why a measure applies: a list standing (the subject's own, or an organisation's via a role) or a grade. */
export interface MeasureTrigger {
  list?: string;
  grade?: string;
  /** The standing's trigger record (its first, when a counted list needed several). */
  record?: TriggerRecord;
  /** Set when the standing is an organisation's and the measure reaches the subject through a role. */
  via?: { role: Relation; orgId: string; orgName: string | null };
}

export interface AppliedMeasure {
  id: string;
  kind: 'punishment' | 'reward';
  effect: 'deny' | 'review' | 'benefit';
  trigger: MeasureTrigger;
  legalBasis: string;
  /** ISO instant the measure ends at the latest (the list entry's endsAt); absent for grade measures. */
  until?: string;
  remedy: string;
  /** Listed but not counted: every record behind it is under dispute and the measure pauses for that. */
  paused?: boolean;
}

export type Effect = 'allow' | 'deny' | 'review' | 'benefit';

export interface Decision {
  action: string;
  effect: Effect;
  measures: AppliedMeasure[];
}

/** Severity of an effect: the decision takes the most severe one among the measures that count. */
export const EFFECT_RANK: Readonly<Record<Effect, number>> = { allow: 0, benefit: 1, review: 2, deny: 3 };
/** Effects by rank, the inverse of EFFECT_RANK. */
export const EFFECTS_BY_RANK: readonly Effect[] = ['allow', 'benefit', 'review', 'deny'];
