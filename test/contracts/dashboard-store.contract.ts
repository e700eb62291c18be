import { expect, it } from 'vitest';
import type { RegistryStore } from '../../src/ports/registry-store.js';


/**
 * The dashboard's store queries (src/ports/dashboard-store.ts), run inside the RegistryStore
 * contract's describe for every adapter; `stored` appends one record about a new subject.
 */
export function dashboardStoreContract(store: () => RegistryStore, stored: (index: string, ref?: string) => Promise<string>): void {
  it('indexes subject terms with a cursor and finds them by prefix, paging in (term, id) order', async () => {
    const s = store();
    expect(await s.subjectTermsThrough()).toBeNull();
    const [a, b, c] = [await stored('t-a'), await stored('t-b'), await stored('t-c')].sort();
    await s.addSubjectTerms([{ term: '张伟', subjectId: a! }, { term: 'zhangwei', subjectId: a! }, { term: '张伟', subjectId: b! }], b!);
    // A term given twice is stored once; the cursor moves with the terms.
    await s.addSubjectTerms([{ term: 'zhangwei', subjectId: a! }, { term: 'zhanglei', subjectId: c! }, { term: '张伟国', subjectId: c! }], c!);
    expect(await s.subjectTermsThrough()).toBe(c);
    const all = await s.subjectTermsByPrefix('张', null, 10);
    expect(all).toEqual([{ term: '张伟', subjectId: a }, { term: '张伟', subjectId: b }, { term: '张伟国', subjectId: c }]);
    const first = await s.subjectTermsByPrefix('张伟', null, 2);
    expect(first.map((t) => t.subjectId)).toEqual([a, b]);
    expect(await s.subjectTermsByPrefix('张伟', first[1]!, 2)).toEqual([{ term: '张伟国', subjectId: c }]);
    expect((await s.subjectTermsByPrefix('zhang', null, 10)).map((t) => t.term)).toEqual(['zhanglei', 'zhangwei']);
    expect(await s.subjectTermsByPrefix('zhangx', null, 10)).toEqual([]);
    // A cursor from before the prefix (not one a search gave out) never reaches outside the prefix.
    expect((await s.subjectTermsByPrefix('zhang', { term: 'a', subjectId: a! }, 10)).map((t) => t.term)).toEqual(['zhanglei', 'zhangwei']);
    expect(await s.subjectTermsByPrefix('li', null, 10)).toEqual([]);
  });

  it('pages a list\'s entries in force, ending soonest first, and counts the population', async () => {
    const s = store();
    const ids = [await stored('l-a', 'case-la'), await stored('l-b', 'case-lb'), await stored('l-c', 'case-lc')];
    const entry = (list: string, startedAt: string, endsAt: string) => ({ list, listKind: 'black', startedAt, endsAt, endReason: 'term', detail: { trigger: ['r'] } });
    const base = { policyVersion: 'sha256:a', computedAt: '2025-03-02T00:00:00.000Z', dimensions: {}, reasons: [] };
    await s.saveDerived([
      { ...base, subjectId: ids[0]!, score: 450, grade: 'C', entries: [entry('debtors', '2025-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')] },
      { ...base, subjectId: ids[1]!, score: 450, grade: 'C', entries: [entry('debtors', '2025-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'), entry('other', '2025-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')] },
      // Not yet started at the instant asked about, and one already ended: neither is in force.
      { ...base, subjectId: ids[2]!, score: 700, grade: 'A', entries: [entry('debtors', '2026-02-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z'), entry('debtors', '2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z')] },
    ]);
    const asOf = '2026-01-01T00:00:00.000Z';
    const first = await s.listEntriesPage('debtors', asOf, null, 1);
    expect(first).toMatchObject([{ subjectId: ids[1], list: 'debtors', endsAt: '2026-06-01T00:00:00.000Z', detail: { trigger: ['r'] } }]);
    const next = await s.listEntriesPage('debtors', asOf, { endsAt: first[0]!.endsAt, subjectId: first[0]!.subjectId, seq: first[0]!.seq }, 5);
    expect(next.map((e) => e.subjectId)).toEqual([ids[0]]);
    expect(await s.listEntriesPage('debtors', asOf, { endsAt: '2027-01-01T00:00:00.000Z', subjectId: ids[0]!, seq: next[0]!.seq }, 5)).toEqual([]);
    // A cursor ending before the instant asked about starts at the first entry in force.
    expect((await s.listEntriesPage('debtors', asOf, { endsAt: '2020-01-01T00:00:00.000Z', subjectId: '', seq: 0 }, 5)).map((e) => e.subjectId)).toEqual([ids[1], ids[0]]);
    expect(await s.listEntriesPage('nothing', asOf, null, 5)).toEqual([]);
    const counts = await s.populationCounts(asOf);
    expect(counts.subjects).toBeGreaterThanOrEqual(3);
    expect(counts.grades).toEqual([{ grade: 'A', count: 1 }, { grade: 'C', count: 2 }]);
    expect(counts.lists).toEqual([{ list: 'debtors', listKind: 'black', count: 2 }, { list: 'other', listKind: 'black', count: 1 }]);
    expect(counts.recordsBySource).toEqual([{ source: 'court.enforcement', month: '2025-03', count: 3 }]);
  });
}
