/**
 * Deadlines in working days. A working day is a calendar day in the policy's time zone that is
 * not a weekend or holiday, or that is a weekend day made a working day (调休). The core has no
 * time-zone database, so the zone is a fixed UTC offset, which suits China (no daylight saving).
 */
import type { WorkingCalendar } from './due-process-rules.js';

const DAY_MS = 86_400_000;

/** `+08:00` -> 28_800_000; `Z` -> 0. */
export function offsetMs(timeZone: string): number {
  if (timeZone === 'Z') return 0;
  const sign = timeZone.startsWith('-') ? -1 : 1;
  return sign * (Number(timeZone.slice(1, 3)) * 60 + Number(timeZone.slice(4, 6))) * 60_000;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the zone. */
export function localDate(instant: string, timeZone: string): string {
  return new Date(Date.parse(instant) + offsetMs(timeZone)).toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Whether work is done on `date` (`YYYY-MM-DD`) under the calendar. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekends.includes(date)) return true;
  return !isWeekend(date) && !calendar.holidays.includes(date);
}

/**
 * The deadline `n` working days after `instant`: the end of the n-th working day after the
 * instant's own calendar day, i.e. the first moment of the next calendar day, as a UTC instant.
 * Filed at 23:59 or 00:01 on the same local day, the deadline is the same.
 * Example: Friday 2026-09-18 10:00+08:00, 3 working days (Sunday 20 September is a 调休 working day)
 * -> the end of Tuesday 22 September = `2026-09-22T16:00:00.000Z`.
 */
export function addWorkingDays(instant: string, n: number, calendar: WorkingCalendar): string {
  const offset = offsetMs(calendar.timeZone);
  const holidays = new Set(calendar.holidays);
  const working = new Set(calendar.workingWeekends);
  let day = Math.floor((Date.parse(instant) + offset) / DAY_MS);
  for (let left = n; left > 0; ) {
    day += 1;
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    // 1970-01-01 (day 0) was a Thursday.
    const weekday = (((day + 4) % 7) + 7) % 7;
    const weekend = weekday === 0 || weekday === 6;
    if (working.has(date) || (!weekend && !holidays.has(date))) left -= 1;
  }
  return new Date((day + 1) * DAY_MS - offset).toISOString();
}
