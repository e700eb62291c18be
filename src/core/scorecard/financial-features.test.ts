import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordStates } from '../records/record-state.js';
import { day, revision } from '../scoring/test-records.js';
import { deriveFinancialFeatures, financialFeatures, monthsBetween } from './financial-features.js';

const asOf = day('2026-01-01');
const overdue = (occurred: string, dpd: number, over = {}) =>
  revision({ type: 'financial.loan_overdue', source: 'bank.icbc', occurredAt: day(occurred), receivedAt: day(occurred, 1), severity: 'general', attributes: { daysPastDue: dpd }, ...over });

describe('financialFeatures', () => {
  it('derives days past due, windows, history, repaid, write-offs and utilisation', () => {
    const resolvedLater = overdue('2024-06-10', 120);
    const revisions = [
      overdue('2025-09-01', 45),
      resolvedLater,
      { ...resolvedLater, id: 'r2', revision: 2, status: 'resolved' as const, receivedAt: day('2024-09-01') },
      overdue('2023-03-01', 200, { status: 'retracted' }),
      revision({ type: 'financial.loan_repaid', source: 'bank.icbc', occurredAt: day('2019-05-20'), receivedAt: day('2019-05-21'), attributes: { balance: 0, limit: 5000 } }),
      revision({ type: 'financial.default_written_off', source: 'bank.abc', occurredAt: day('2022-02-01'), receivedAt: day('2022-02-02') }),
      revision({ type: 'financial.loan_repaid', source: 'bank.boc', occurredAt: day('2025-12-01'), receivedAt: day('2025-12-02'), attributes: { balance: 3000, limit: 10000 } }),
      revision({ type: 'judicial.dishonest_debtor', occurredAt: day('2010-01-01'), receivedAt: day('2010-01-02') }),
      overdue('2026-03-01', 500, { receivedAt: day('2025-12-20') }), // not yet occurred at asOf
    ];
    const f = financialFeatures(recordStates(revisions, asOf), asOf);
    expect(f).toEqual({
      worstDaysPastDue: 120, currentDaysPastDue: 45, utilisation: 3000 / 15000, historyMonths: 6 * 12 + 7,
      overdue12m: 1, overdue24m: 2, repaid: 2, writeOffs: 1,
    });
  });

  it('names the records each feature comes from', () => {
    const worst = overdue('2024-06-10', 120);
    const recent = overdue('2025-09-01', 45);
    const card = revision({ type: 'financial.loan_repaid', source: 'bank.boc', occurredAt: day('2025-12-01'), receivedAt: day('2025-12-02'), attributes: { balance: 3000, limit: 10000 } });
    const { features, sources } = deriveFinancialFeatures(recordStates([worst, recent, card], asOf), asOf);
    expect(features.worstDaysPastDue).toBe(120);
    expect(sources.worstDaysPastDue).toEqual([worst.id]);
    expect(sources.currentDaysPastDue).toEqual([worst.id]);
    expect(sources.overdue12m).toEqual([recent.id]);
    expect(sources.overdue24m.sort()).toEqual([worst.id, recent.id].sort());
    expect(sources.utilisation).toEqual([card.id]);
    expect(sources.historyMonths).toEqual([worst.id]);
  });

  it('a subject without financial records has neutral features', () => {
    expect(financialFeatures([], asOf)).toEqual({ worstDaysPastDue: 0, currentDaysPastDue: 0, utilisation: null, historyMonths: null, overdue12m: 0, overdue24m: 0, repaid: 0, writeOffs: 0 });
  });

  it('leaves out repaired records and whatever the caller says does not count', () => {
    const r = overdue('2025-10-01', 60);
    const states = recordStates([r], asOf);
    expect(financialFeatures(states, asOf).worstDaysPastDue).toBe(60);
    expect(financialFeatures([{ ...states[0]!, repairedAt: day('2025-12-01') }], asOf).worstDaysPastDue).toBe(0);
    expect(financialFeatures(states, asOf, () => false).overdue24m).toBe(0);
  });

  it('is monotone in time: windows only lose records as asOf moves on, history only grows', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 400 })), { maxLength: 12 }), fc.integer({ min: 0, max: 900 }),
      (items, later) => {
        const revs = items.map(([d, dpd]) => overdue('2020-01-01', dpd, { occurredAt: day('2020-01-01', d), receivedAt: day('2020-01-01', d) }));
        const t1 = day('2025-06-30');
        const t2 = day('2025-06-30', later);
        const a = financialFeatures(recordStates(revs, t1), t1);
        const b = financialFeatures(recordStates(revs, t2), t2);
        expect(b.overdue12m).toBeLessThanOrEqual(a.overdue12m);
        expect(a.overdue12m).toBeLessThanOrEqual(a.overdue24m);
        expect(b.worstDaysPastDue).toBe(a.worstDaysPastDue);
        if (a.historyMonths !== null) expect(b.historyMonths!).toBeGreaterThanOrEqual(a.historyMonths);
      }));
  });

  it('counts calendar months', () => {
    expect(monthsBetween(day('2024-01-31'), day('2024-02-29'))).toBe(0);
    expect(monthsBetween(day('2024-01-15'), day('2025-01-15'))).toBe(12);
    expect(monthsBetween(day('2025-01-15'), day('2024-01-15'))).toBe(0);
  });
});
