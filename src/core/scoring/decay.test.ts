import { describe, expect, it } from 'vitest';
import { decayFactor } from './decay.js';

const DAY_MS = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const t0 = '2023-01-01T00:00:00.000Z';

describe('decayFactor', () => {
  it('is 1 on the day the conduct occurred', () => {
    expect(decayFactor(t0, t0, 'P2Y')).toBe(1);
  });

  it('halves at one half-life and quarters at two (years of 365.25 days)', () => {
    expect(decayFactor(t0, plusDays(t0, 730.5), 'P2Y')).toBeCloseTo(0.5, 12);
    expect(decayFactor(t0, plusDays(t0, 1461), 'P2Y')).toBeCloseTo(0.25, 12);
    expect(decayFactor(t0, plusDays(t0, 30.4375 * 3), 'P3M')).toBeCloseTo(0.5, 12);
    expect(decayFactor(t0, plusDays(t0, 14), 'P2W')).toBeCloseTo(0.5, 12);
  });

  it('never exceeds 1, even for a date after asOf', () => {
    expect(decayFactor(plusDays(t0, 10), t0, 'P1Y')).toBe(1);
  });

  it('refuses a half-life that is not a positive duration', () => {
    expect(() => decayFactor(t0, t0, 'two years')).toThrow(/not an ISO 8601 duration/);
    expect(() => decayFactor(t0, t0, 'P0D')).toThrow(/longer than zero/);
  });
});
