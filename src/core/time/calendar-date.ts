/** Dates and instants as they arrive in records: `YYYY-MM-DD` or a full ISO 8601 instant. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** True when year, month and day name a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1]!;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Normalise a date or instant to a UTC ISO instant; undefined when it is not a real one.
 * A bare date means midnight UTC of that day.
 */
export function toInstant(text: string): string | undefined {
  const d = DATE.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    return isRealDate(y, m, day) ? `${d[1]}-${d[2]}-${d[3]}T00:00:00.000Z` : undefined;
  }
  const t = INSTANT.exec(text);
  if (!t) return undefined;
  const [y, m, day, hh, mm, ss] = [t[1], t[2], t[3], t[4], t[5], t[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (!isRealDate(y, m, day) || hh > 23 || mm > 59 || ss > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The calendar date (UTC) of an instant, `YYYY-MM-DD`. */
export function dateOf(instant: string): string {
  return instant.slice(0, 10);
}
