import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesAt, policy, rev } from './test-revisions.js';

describe('listEntries', () => {
  it('lists a dishonest debtor for the list term (2 years) from the judgment date', () => {
    const [entry] = entriesAt([rev()], '2025-06-01T00:00:00.000Z');
    expect(entry).toMatchObject({ list: 'dishonest_judgment_debtors', listKind: 'black', active: true, endsAt: '2027-01-10T00:00:00.000Z', endReason: 'term' });
    expect(entriesAt([rev()], '2027-01-10T00:00:00.000Z').filter((e) => e.list === 'dishonest_judgment_debtors')[0]?.active).toBe(false);
  });

  it('ends the listing the moment the record is resolved or retracted', () => {
    const resolved = [rev(), rev({ revision: 2, status: 'resolved', receivedAt: '2025-03-01T00:00:00.000Z' })];
    const before = entriesAt(resolved, '2025-02-01T00:00:00.000Z');
    expect(before[0]?.active).toBe(true);
    const after = entriesAt(resolved, '2025-03-01T00:00:00.000Z');
    expect(after[0]).toMatchObject({ active: false, endsAt: '2025-03-01T00:00:00.000Z', endReason: 'resolved' });
    const retracted = [rev(), rev({ revision: 2, status: 'retracted', receivedAt: '2025-03-01T00:00:00.000Z' })];
    expect(entriesAt(retracted, '2025-04-01T00:00:00.000Z')[0]).toMatchObject({ active: false, endReason: 'retracted' });
  });

  it('puts only the subject kinds a list accepts on it', () => {
    const org = { subjectKind: 'org' as const, type: 'commercial.serious_violation', source: 'market.samr', severity: 'serious' };
    expect(entriesAt([rev(org)], '2025-06-01T00:00:00.000Z').map((e) => e.list)).toContain('serious_violation');
    const relaxed = structuredClone(policy);
    relaxed.lists.serious_violation!.subjectKinds = ['org'];
    relaxed.recordTypes['commercial.serious_violation']!.subjectKinds = ['person', 'org'];
    expect(entriesAt([rev({ ...org, subjectKind: 'person' })], '2025-06-01T00:00:00.000Z', relaxed).map((e) => e.list)).not.toContain('serious_violation');
  });

  it('enters a counted list only when enough records fall within its window', () => {
    const counted = structuredClone(policy);
    counted.lists.dishonest_judgment_debtors!.entry = { recordTypes: ['judicial.dishonest_debtor'], count: 2, within: 'P1Y' };
    const far = [rev({ ref: 'a' }), rev({ ref: 'b', occurredAt: '2026-06-01T00:00:00.000Z', receivedAt: '2026-06-02T00:00:00.000Z' })];
    expect(entriesAt(far, '2026-07-01T00:00:00.000Z', counted)).toHaveLength(0);
    const near = [rev({ ref: 'a' }), rev({ ref: 'b', occurredAt: '2025-05-01T00:00:00.000Z' })];
    const [entry] = entriesAt(near, '2025-06-01T00:00:00.000Z', counted);
    expect(entry).toMatchObject({ startedAt: '2025-05-01T00:00:00.000Z', active: true });
    expect(entry?.trigger).toHaveLength(2);
  });

  it('never shows an entry active outside [start, end), and never past its term', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString());
    fc.assert(
      fc.property(day, day, fc.option(day), fc.constantFrom('resolved', 'retracted'), (occurred, asOf, closed, status) => {
        const revisions = [rev({ occurredAt: occurred, receivedAt: occurred })];
        if (closed) revisions.push(rev({ revision: 2, status, receivedAt: closed > occurred ? closed : occurred }));
        for (const e of entriesAt(revisions, asOf)) {
          expect(e.active).toBe(e.startedAt <= asOf && asOf < e.endsAt);
          expect(e.endsAt <= new Date(Date.parse(e.startedAt) + 3 * 366 * 86_400_000).toISOString()).toBe(true);
        }
      }),
    );
  });
});
