import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from '../time/duration.js';
import { abnormal, entriesAt, policy, warningsAt } from './test-revisions.js';

const entered = '2022-03-01T00:00:00.000Z';
const threeYears = '2025-03-01T00:00:00.000Z';
const justBefore = '2025-02-28T23:59:59.999Z';
const resolvedAt = (receivedAt: string) => abnormal(entered, { revision: 2, status: 'resolved', receivedAt });

describe('escalation from abnormal operations to serious violation', () => {
  it('moves an enterprise uncorrected for exactly 3 years onto serious_violation, on the same record', () => {
    const record = abnormal(entered);
    expect(entriesAt([record], justBefore).map((e) => [e.list, e.active])).toEqual([['abnormal_operations', true]]);
    const [source, escalated, ...rest] = entriesAt([record], threeYears);
    expect(rest).toEqual([]);
    expect(source).toMatchObject({ list: 'abnormal_operations', active: false, endsAt: threeYears, endReason: 'term' });
    expect(source?.escalatedFrom).toBeUndefined();
    expect(escalated).toEqual({
      list: 'serious_violation', listKind: 'black', subjectId: 'org-1', trigger: [record.id], startedAt: threeYears,
      endsAt: '2028-03-01T00:00:00.000Z', endReason: 'term', active: true, escalatedFrom: 'abnormal_operations',
    });
  });

  it('does not escalate when the records are resolved at 2 years 11 months', () => {
    const revisions = [abnormal(entered), resolvedAt('2025-02-01T00:00:00.000Z')];
    const entries = entriesAt(revisions, '2025-06-01T00:00:00.000Z');
    expect(entries.map((e) => [e.list, e.endReason, e.endsAt])).toEqual([['abnormal_operations', 'resolved', '2025-02-01T00:00:00.000Z']]);
  });

  it('does not escalate when correction comes at the very instant of escalation', () => {
    expect(entriesAt([abnormal(entered), resolvedAt(threeYears)], '2025-06-01T00:00:00.000Z').map((e) => e.list)).toEqual(['abnormal_operations']);
  });

  it('ends the escalated entry when the records are resolved later, and never before it is reached', () => {
    const revisions = [abnormal(entered), resolvedAt('2026-01-01T00:00:00.000Z')];
    const escalated = entriesAt(revisions, '2026-06-01T00:00:00.000Z').find((e) => e.escalatedFrom);
    expect(escalated).toMatchObject({ list: 'serious_violation', startedAt: threeYears, endsAt: '2026-01-01T00:00:00.000Z', endReason: 'resolved', active: false });
  });

  it('does not escalate an entry its own term ended before the escalation date', () => {
    const short = structuredClone(policy);
    short.lists.abnormal_operations!.term = 'P2Y';
    expect(entriesAt([abnormal(entered)], '2026-01-01T00:00:00.000Z', short).map((e) => e.list)).toEqual(['abnormal_operations']);
  });

  it('never starts an escalated entry before its source start + after, and shows warnings only inside their window', () => {
    const day = (d: number) => new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2500 }), fc.integer({ min: 0, max: 2500 }), fc.option(fc.integer({ min: 0, max: 2500 })),
        fc.constantFrom('P1Y', 'P3Y', 'P5Y'), fc.constantFrom('P6M', 'P3Y'), fc.constantFrom('P60D', 'P1Y'),
        (occurred, asOfDay, closed, term, after, warning) => {
          const p = structuredClone(policy);
          Object.assign(p.lists.abnormal_operations!, { term, warning, escalatesTo: { list: 'serious_violation', after } });
          const revisions = [abnormal(day(occurred))];
          const closedAt = closed === null ? undefined : day(Math.max(occurred, closed));
          if (closedAt) revisions.push(abnormal(day(occurred), { revision: 2, status: 'resolved', receivedAt: closedAt }));
          const asOf = day(asOfDay);
          const entries = entriesAt(revisions, asOf, p);
          const source = entries.find((e) => e.list === 'abnormal_operations');
          const escalatesAt = addDuration(day(occurred), parseDuration(after)!);
          // Corrected in time (or at the instant itself): no escalation, whatever the terms.
          if (closedAt !== undefined && closedAt <= escalatesAt) expect(entries.filter((e) => e.escalatedFrom)).toEqual([]);
          for (const e of entries.filter((x) => x.escalatedFrom !== undefined)) {
            expect(source).toBeDefined();
            expect(e.startedAt >= addDuration(source!.startedAt, parseDuration(after)!)).toBe(true);
            expect(e.startedAt <= asOf && e.startedAt < e.endsAt).toBe(true);
            expect(e.active).toBe(e.startedAt <= asOf && asOf < e.endsAt);
          }
          for (const w of warningsAt(revisions, asOf, p)) {
            expect(w.warnedAt <= asOf && asOf < w.escalatesAt).toBe(true);
            expect(w.warnedAt >= source!.startedAt && asOf < source!.endsAt).toBe(true);
            expect(w.escalatesAt).toBe(addDuration(source!.startedAt, parseDuration(after)!));
          }
        },
      ),
    );
  });
});
