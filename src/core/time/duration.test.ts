import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('parses the policy subset and refuses anything else', () => {
    expect(parseDuration('P1Y6M')).toEqual({ years: 1, months: 6, days: 0 });
    expect(parseDuration('P2W')).toEqual({ years: 0, months: 0, days: 14 });
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT1H')).toBeUndefined();
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(addDuration('2024-01-31T00:00:00.000Z', parseDuration('P1M')!)).toBe('2024-02-29T00:00:00.000Z');
    expect(addDuration('2023-01-31T10:20:30.400Z', parseDuration('P1M')!)).toBe('2023-02-28T10:20:30.400Z');
    expect(addDuration('2024-02-29T00:00:00.000Z', parseDuration('P1Y')!)).toBe('2025-02-28T00:00:00.000Z');
    expect(addDuration('2025-03-01T00:00:00.000Z', parseDuration('P60D')!)).toBe('2025-04-30T00:00:00.000Z');
  });

  it('gives the same answer by string arithmetic as through Date, for any instant and term', () => {
    const viaDate = (instant: string, months: number) => {
      const t = new Date(instant);
      const index = t.getUTCMonth() + months;
      const year = t.getUTCFullYear() + Math.floor(index / 12);
      const month = ((index % 12) + 12) % 12;
      const day = Math.min(t.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
      return new Date(Date.UTC(year, month, day, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds())).toISOString();
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 120 }), (date, months) => {
        const instant = date.toISOString();
        expect(addDuration(instant, { years: 0, months, days: 0 })).toBe(viaDate(instant, months));
      }),
    );
  });
});
