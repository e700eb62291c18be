import { approximateDays } from '../time/duration.js';
import { policyDuration } from './policy-duration.js';

const DAY_MS = 86_400_000;

/**
 * How much of a record's points still count at `asOf`: 1 when it occurred, 0.5 one half-life
 * later, 0.25 after two. Old conduct weighs less, good and bad alike. Half-lives are compared in
 * approximate days (a year is 365.25) so the curve is smooth rather than stepping by month.
 *
 * @example decayFactor('2023-01-01T00:00:00.000Z', '2025-01-01T12:00:00.000Z', 'P2Y') // 0.5
 */
export function decayFactor(occurredAt: string, asOf: string, halfLife: string): number {
  const halfLifeDays = approximateDays(policyDuration(halfLife, 'half-life'));
  if (!(halfLifeDays > 0)) throw new Error(`half-life "${halfLife}" must be longer than zero`);
  // A record dated after asOf is not live; clamping keeps the factor at most 1 if one slips through.
  const ageDays = Math.max(0, (Date.parse(asOf) - Date.parse(occurredAt)) / DAY_MS);
  return 0.5 ** (ageDays / halfLifeDays);
}
