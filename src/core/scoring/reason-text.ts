import type { Dimension, Severity } from '../policy/policy-schema.js';
import { policyDuration } from './policy-duration.js';
import { reasonLabel } from './reason-labels.js';

/** A limit that shrank a record's points: its dimension's cap, or the score's range. */
export type ReasonLimit =
  | { by: 'dimension'; dimension: Dimension; bound: number }
  | { by: 'score'; side: 'floor' | 'ceiling'; bound: number };

/** What a reason line says about one record. Records carry no identity numbers, so neither does this. */
export interface ReasonFacts {
  type: string;
  source: string;
  ref: string;
  occurredAt: string;
  severity: Severity;
  /** The type's points for the severity, before decay. */
  basePoints: number;
  decay: number;
  halfLife: string;
  /** Points after decay and every limit. */
  points: number;
  limits: readonly ReasonLimit[];
  /** When the record was resolved, if it was: it still counts, and the line says why. */
  resolvedAt: string | null;
}

/**
 * One readable line per record, e.g. "Dishonest judgment debtor (court.enforcement (2025)京0105执123号,
 * 2025-03-01, serious): -250 points, 84% after decay (half-life 2 years), now -210.06".
 */
export function reasonText(f: ReasonFacts): string {
  const head = `${reasonLabel(f.type)} (${f.source} ${f.ref}, ${f.occurredAt.slice(0, 10)}, ${f.severity})`;
  const decay = `${signed(f.basePoints)} points, ${Math.round(f.decay * 100)}% after decay (half-life ${halfLifeText(f.halfLife)})`;
  const now = f.limits.length === 0
    ? `now ${signed(f.points)}`
    : `limited to ${signed(f.points)} by ${f.limits.map(limitText).join(' and ')}`;
  const resolved = f.resolvedAt === null ? '' : `; resolved ${f.resolvedAt.slice(0, 10)}, still counts as past conduct until its term ends`;
  return `${head}: ${decay}, ${now}${resolved}`;
}

/**
 * The line for a scorecard feature's cost, e.g. "Scorecard: worstDaysPastDue: [90, inf) (from bank.x
 * L-17, 2025-03-01): -42 points against the feature's best bin, now -42".
 */
export function scorecardReasonText(f: { bin: string; source: string; ref: string; occurredAt: string; basePoints: number; points: number; limits: readonly ReasonLimit[] }): string {
  const now = f.limits.length === 0 ? `now ${signed(f.points)}` : `limited to ${signed(f.points)} by ${f.limits.map(limitText).join(' and ')}`;
  return `Scorecard: ${f.bin} (from ${f.source} ${f.ref}, ${f.occurredAt.slice(0, 10)}): ${signed(f.basePoints)} points against the feature's best bin, ${now}`;
}

function limitText(limit: ReasonLimit): string {
  return limit.by === 'dimension'
    ? `the ${limit.dimension} cap (${signed(limit.bound)})`
    : `the score ${limit.side} (${limit.bound})`;
}

/** Two decimals at most, a sign on both sides of zero, never "-0". */
function signed(n: number): string {
  const r = Math.round(n * 100) / 100 || 0;
  return r > 0 ? `+${r}` : `${r}`;
}

function halfLifeText(text: string): string {
  const d = policyDuration(text, 'half-life');
  const part = (n: number, unit: string) => (n === 0 ? [] : [`${n} ${unit}${n === 1 ? '' : 's'}`]);
  return [...part(d.years, 'year'), ...part(d.months, 'month'), ...part(d.days, 'day')].join(' ') || text;
}
