import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordStates } from '../records/record-state.js';
import { listEntries } from './list-entries.js';
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

  it('ends the entries a repaired record made at the approval, and no earlier', () => {
    const states = recordStates([rev()], '2025-06-01T00:00:00.000Z').map((s) => ({ ...s, repairedAt: '2025-05-01T00:00:00.000Z' }));
    expect(listEntries(policy, states, '2025-04-30T00:00:00.000Z')[0]).toMatchObject({ active: true, endsAt: '2025-05-01T00:00:00.000Z', endReason: 'repaired' });
    expect(listEntries(policy, states, '2025-06-01T00:00:00.000Z')[0]).toMatchObject({ active: false, endReason: 'repaired' });
    // A resolution before the repair names the resolution.
    const resolved = recordStates([rev(), rev({ revision: 2, status: 'resolved', receivedAt: '2025-03-01T00:00:00.000Z' })], '2025-06-01T00:00:00.000Z')
      .map((s) => ({ ...s, repairedAt: '2025-05-01T00:00:00.000Z' }));
    expect(listEntries(policy, resolved, '2025-06-01T00:00:00.000Z')[0]).toMatchObject({ endsAt: '2025-03-01T00:00:00.000Z', endReason: 'resolved' });
  });

  it('publishes no minor record unless the policy says so', () => {
    const p = structuredClone(policy);
    p.lists.dishonest_judgment_debtors!.entry = { recordTypes: ['commercial.administrative_penalty', 'societal.traffic_violation'] };
    const penalty = (severity: string | null) => rev({ type: 'commercial.administrative_penalty', source: 'market.samr', ref: `p-${severity}`, severity });
    const traffic = rev({ type: 'societal.traffic_violation', source: 'police.traffic', ref: 't', severity: null }); // default severity: minor
    const revisions = [penalty('minor'), penalty('general'), penalty(null), traffic];
    const listed = (q = p) => entriesAt(revisions, '2025-02-01T00:00:00.000Z', q).map((e) => e.trigger[0]);
    expect(listed()).toEqual([revisions[1]!.id, revisions[2]!.id]);
    p.dueProcess = { ...p.dueProcess, publishMinor: true };
    expect(listed()).toEqual(revisions.map((r) => r.id));
  });
});
