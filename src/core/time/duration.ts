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

const parsed = new Map<string, Duration | undefined>();

/** Parse `P2Y`, `P3M`, `P1Y6M`, `P30D`, `P2W`; undefined when the text is not such a duration. */
export function parseDuration(text: string): Duration | undefined {
  // Policies use a handful of durations, parsed for every record evaluated: remember them.
  if (parsed.has(text)) return parsed.get(text);
  const result = parseDurationText(text);
  if (parsed.size < 1000) parsed.set(text, result);
  return result;
}

function parseDurationText(text: string): Duration | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return { years: n(m[1]), months: n(m[2]), days: n(m[3]) * 7 + n(m[4]) };
}

/** Add a duration to an instant (ISO 8601, UTC) and return the resulting instant in the same form. */
export function addDuration(instant: string, duration: Duration): string {
  if (duration.years === 0 && duration.months === 0) return new Date(Date.parse(instant) + duration.days * 86_400_000).toISOString();
  if (duration.days === 0 && CANONICAL.test(instant)) return addMonthsCanonical(instant, duration.years * 12 + duration.months);
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

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Calendar months on a canonical instant, by string arithmetic: this runs for every record scored. */
function addMonthsCanonical(instant: string, months: number): string {
  const index = Number(instant.slice(0, 4)) * 12 + Number(instant.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  if (year < 0 || year > 9999) return new Date(NaN).toISOString();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 1 && leap ? 29 : MONTH_DAYS[month]!;
  const day = Math.min(Number(instant.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}${instant.slice(10)}`;
}
