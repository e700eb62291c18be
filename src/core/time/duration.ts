/**
 * Calendar durations in the ISO 8601 subset the policy uses: PnYnMnWnD (no time part).
 * Terms such as "3 months" or "2 years" are calendar terms in law, so they add calendar units,
 * clamping to the month's last day (2024-01-31 + P1M = 2024-02-29).
 */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parse `P2Y`, `P3M`, `P1Y6M`, `P30D`, `P2W`; undefined when the text is not such a duration. */
export function parseDuration(text: string): Duration | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return { years: n(m[1]), months: n(m[2]), days: n(m[3]) * 7 + n(m[4]) };
}

/** Add a duration to an instant (ISO 8601, UTC) and return the resulting instant in the same form. */
export function addDuration(instant: string, duration: Duration): string {
  const t = new Date(instant);
  const y = t.getUTCFullYear() + duration.years;
  const mIndex = t.getUTCMonth() + duration.months;
  const year = y + Math.floor(mIndex / 12);
  const month = ((mIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(t.getUTCDate(), lastDay);
  const moved = Date.UTC(year, month, day, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds());
  return new Date(moved + duration.days * 86_400_000).toISOString();
}

/** Approximate length in days, for comparing terms (a year is 365.25 days, a month 30.44). */
export function approximateDays(duration: Duration): number {
  return duration.years * 365.25 + duration.months * 30.4375 + duration.days;
}
