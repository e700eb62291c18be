import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from './due-process-rules.js';
import { addWorkingDays, isWorkingDay, localDate } from './working-days.js';

const china: WorkingCalendar = {
  timeZone: '+08:00',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workingWeekends: ['2026-09-20', '2026-10-10'],
};
const plain: WorkingCalendar = { timeZone: 'Z', holidays: [], workingWeekends: [] };

describe('addWorkingDays', () => {
  it('counts from the next calendar day and ends at local midnight after the n-th working day', () => {
    // Monday 10:00 in Beijing: 3 working days are Tue, Wed, Thu; the deadline is Friday 00:00 +08:00.
    expect(addWorkingDays('2026-09-07T02:00:00.000Z', 3, china)).toBe('2026-09-10T16:00:00.000Z');
  });

  it('skips weekends and holidays and counts make-up working weekends (调休)', () => {
    // Friday 18 September: Sunday 20 is a working day, so Sun, Mon, Tue.
    expect(addWorkingDays('2026-09-18T02:00:00.000Z', 3, china)).toBe('2026-09-22T16:00:00.000Z');
    // Wednesday 30 September: the National Day week is off; Thu 8, Fri 9, Sat 10 (a working Saturday).
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 3, china)).toBe('2026-10-10T16:00:00.000Z');
  });

  it('decides the calendar day in the policy zone, not in UTC', () => {
    // 2026-09-06T20:00Z is Monday 04:00 in Beijing (a Sunday in UTC): same deadline as Monday 10:00.
    expect(addWorkingDays('2026-09-06T20:00:00.000Z', 3, china)).toBe('2026-09-10T16:00:00.000Z');
    expect(localDate('2026-09-06T20:00:00.000Z', '+08:00')).toBe('2026-09-07');
    expect(localDate('2026-09-07T02:00:00.000Z', '-05:00')).toBe('2026-09-06');
  });

  it('counts Monday to Friday when there are no holidays', () => {
    expect(addWorkingDays('2026-09-11T12:00:00.000Z', 1, plain)).toBe('2026-09-15T00:00:00.000Z'); // Friday -> end of Monday
    expect(addWorkingDays('2026-09-11T12:00:00.000Z', 0, plain)).toBe('2026-09-12T00:00:00.000Z'); // the day itself
  });

  it('reads a calendar', () => {
    expect(isWorkingDay('2026-10-01', china)).toBe(false);
    expect(isWorkingDay('2026-10-10', china)).toBe(true);
    expect(isWorkingDay('2026-10-11', china)).toBe(false);
    expect(isWorkingDay('2026-10-12', china)).toBe(true);
  });

  const DAY = 86_400_000;
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }).map((ms) => new Date(ms).toISOString());
  const zone = fc.constantFrom('+08:00', 'Z', '-05:00', '+05:45', '+14:00');
  const someDate = fc.integer({ min: 0, max: 1200 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString().slice(0, 10));
  const calendar = fc.record({
    timeZone: zone,
    holidays: fc.uniqueArray(someDate, { maxLength: 80 }),
    workingWeekends: fc.uniqueArray(someDate, { maxLength: 20 }),
  });
  const datesBetween = (from: string, to: string) => {
    const out: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00.000Z`) + DAY; t < Date.parse(`${to}T00:00:00.000Z`); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  };

  it('gives a deadline after the instant with exactly n working days between (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), calendar, (at, n, cal) => {
        const due = addWorkingDays(at, n, cal);
        expect(due > at).toBe(true);
        expect(due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
        // The deadline is a local midnight, and the day before it is the n-th working day.
        expect(localDate(new Date(Date.parse(due) - 1).toISOString(), cal.timeZone)).not.toBe(localDate(due, cal.timeZone));
        const between = datesBetween(localDate(at, cal.timeZone), localDate(due, cal.timeZone));
        expect(between.filter((d) => isWorkingDay(d, cal))).toHaveLength(n);
        if (n > 0) expect(isWorkingDay(between[between.length - 1]!, cal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never depends on the time of day within the same local day (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: 1, max: 20 }), calendar, (at, ms, n, cal) => {
        const sameDay = new Date(Date.parse(`${localDate(at, cal.timeZone)}T00:00:00${cal.timeZone}`) + ms).toISOString();
        expect(localDate(sameDay, cal.timeZone)).toBe(localDate(at, cal.timeZone));
        expect(addWorkingDays(sameDay, n, cal)).toBe(addWorkingDays(at, n, cal));
      }),
      { numRuns: 300 },
    );
  });
});
