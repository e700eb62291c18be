import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Objection, Repair } from '../../src/core/due-process/case-types.js';
import type { AppendItem, NewSubject, Notice, RegistryStore } from '../../src/ports/registry-store.js';
import { dashboardStoreContract } from './dashboard-store.contract.js';
import { linkageStoreContract } from './linkage-store.contract.js';

export interface StoreAdapter {
  name: string;
  /** A fresh, empty store. */
  create(): Promise<RegistryStore>;
}

let serial = 0;
const id = (prefix: string) => `${prefix}-${String(++serial).padStart(8, '0')}-0000-7000-8000-000000000000`.slice(0, 36);

export function subject(index: string, kind: 'person' | 'org' = 'person'): NewSubject {
  return { id: id('5'), kind, idKind: kind === 'person' ? 'resident_id' : 'uscc', idIndex: index, idSealed: Buffer.from(`sealed-${index}`), idMasked: '1101**********002X', name: `name-${index}` };
}

export function item(over: Partial<AppendItem['revision']> = {}, who: NewSubject = subject('idx-a'), related?: NewSubject): AppendItem {
  return {
    subject: who,
    ...(related ? { related } : {}),
    revision: {
      id: id('r'),
      source: 'court.enforcement',
      ref: 'case-1',
      revision: 1,
      type: 'judicial.dishonest_debtor',
      occurredAt: '2025-03-01T00:00:00.000Z',
      receivedAt: '2025-03-02T00:00:00.000Z',
      severity: 'serious',
      amount: 50000,
      status: 'active',
      attributes: { court: '北京市朝阳区人民法院' },
      contentHash: 'hash-1',
      ...over,
    },
  };
}

/** An instant in April 2025, by day. */
const day = (d: number) => `2025-04-${String(d).padStart(2, '0')}T00:00:00.000Z`;

export function objection(subjectId: string, over: Partial<Objection> = {}): Objection {
  return {
    kind: 'objection', id: id('c'), subjectId, recordId: 'r-1', source: 'court.enforcement', ref: 'case-1',
    type: 'judicial.dishonest_debtor', statement: 'the debt was paid', additions: [], filedAt: day(1), dueAt: day(20),
    status: 'open', resolvedAt: null, resolvedBy: null, note: null, lapsedAt: null, ...over,
  };
}

export function repair(subjectId: string, over: Partial<Repair> = {}): Repair {
  return {
    kind: 'repair', id: id('c'), subjectId, recordId: 'r-1', source: 'court.enforcement', ref: 'case-1',
    type: 'judicial.dishonest_debtor', commitment: 'I will keep to the payment plan', appliedAt: day(1), dueAt: day(20),
    status: 'pending', decidedAt: null, decidedBy: null, note: null, ...over,
  };
}

function notice(key: string, recipient: string, at: string, over: Partial<Notice> = {}): Notice {
  return { id: id('n'), key, recipient, subjectId: null, at, kind: 'objection_received', body: { key }, ...over };
}

/** Store a record about a new subject (cases and notices refer to stored subjects); its subject id. */
async function storedSubject(store: RegistryStore, index: string, ref = `case-${index}`): Promise<string> {
  const [out] = await store.appendBatch([item({ id: id('r'), ref }, subject(index))]);
  return (out as { subjectId: string }).subjectId;
}

/**
 * Store a record about a new subject (a provisional one: no identity kind or masked number), optionally
 * naming a new related party by its blind index; its subject and revision ids.
 */
async function storedRecord(store: RegistryStore, index: string, ref: string, options: { provisional?: boolean; relatedIndex?: string } = {}) {
  const who = options.provisional ? { ...subject(index), idKind: null, idMasked: null } : subject(index);
  const related = options.relatedIndex === undefined ? undefined : subject(options.relatedIndex);
  const over = related ? { id: id('r'), ref, type: 'relation.legal_representative', severity: null, amount: null } : { id: id('r'), ref };
  const [out] = await store.appendBatch([item(over, related ? subject(index, 'org') : who, related)]);
  if (out?.kind !== 'added') throw new Error(`the record ${ref} was not added: ${out?.kind}`);
  return { subjectId: out.subjectId, revisionId: out.revisionId };
}

/** The RegistryStore contract: every adapter must pass these same cases. */
export function registryStoreContract(adapter: StoreAdapter): void {
  describe(`RegistryStore on ${adapter.name}`, () => {
    let store: RegistryStore;
    beforeEach(async () => {
      store = await adapter.create();
      await store.migrate();
    });
    afterEach(async () => store.close());

    dashboardStoreContract(() => store, (index, ref) => storedSubject(store, index, ref));
    linkageStoreContract({ store: () => store, stored: (index, ref, options) => storedRecord(store, index, ref, options) });

    it('reads a record of a linked subject naming its target as related party once, as the target\'s own', async () => {
      const [a] = await store.appendBatch([item({ id: 'r-a', ref: 'a-1' }, subject('idx-a'))]);
      const relation = { id: 'r-p', ref: 'p-1', type: 'relation.legal_representative', severity: null, amount: null };
      const [p] = await store.appendBatch([item(relation, { ...subject('idx-p'), idKind: null }, subject('idx-a'))]);
      const [aId, pId] = [a, p].map((o) => (o as { subjectId: string }).subjectId) as [string, string];
      await store.transaction(async (tx) => tx.saveLink({
        id: 'l-1', subjectId: pId, targetId: aId, linkedAt: '2025-05-01T00:00:00.000Z', linkedBy: 'op', basis: 'manual', weight: null,
        detail: { reason: 'same person', probability: 1, comparisons: [] }, unlinkedAt: null, unlinkedBy: null, unlinkReason: null,
      }));
      const read = await store.revisionsOfSubjects([aId, pId]);
      expect(read.get(aId)!.map((r) => [r.id, r.subjectId, r.relatedSubjectId])).toEqual([['r-a', aId, null], ['r-p', aId, aId]]);
      expect(read.get(pId)).toEqual([]);
    });

    it('migrates idempotently and reports itself initialised', async () => {
      await store.migrate();
      expect(await store.isInitialised()).toBe(true);
    });

    it('keeps every policy version and activates the latest', async () => {
      const p = (version: string) => ({ version, name: 'default', content: '{}', sourceText: 'x: 1', createdAt: '2025-01-01T00:00:00.000Z' });
      expect(await store.savePolicy(p('sha256:a'))).toBe('added');
      expect(await store.savePolicy(p('sha256:a'))).toBe('exists');
      await store.savePolicy(p('sha256:b'));
      await store.activatePolicy('sha256:a', '2025-01-01T00:00:00.000Z');
      await store.activatePolicy('sha256:b', '2025-02-01T00:00:00.000Z');
      expect((await store.activePolicy())?.version).toBe('sha256:b');
      expect((await store.policyVersions()).map((v) => v.version).sort()).toEqual(['sha256:a', 'sha256:b']);
    });

    it('adds, deduplicates and refuses conflicting content for the same (source, ref, revision)', async () => {
      const [added] = await store.appendBatch([item()]);
      expect(added?.kind).toBe('added');
      const [dup] = await store.appendBatch([item({ id: id('r') })]);
      expect(dup).toMatchObject({ kind: 'duplicate' });
      const [conflict] = await store.appendBatch([item({ id: id('r'), contentHash: 'other' })]);
      expect(conflict?.kind).toBe('conflict');
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
    });

    it('stores a large batch byte for byte: tabs, newlines, backslashes, quotes, CJK and nulls', async () => {
      // 300 lines: the PostgreSQL adapter writes batches this size with COPY, whose text format escapes these.
      const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N \\x00', '"quoted" \'single\'', '（2025）京0105执123号', ''];
      const lines = Array.from({ length: 300 }, (_, i) => {
        const text = awkward[i % awkward.length]!;
        const who = { ...subject(`idx-big-${i % 50}`), name: i % 2 ? text || null : null, idSealed: Buffer.from([0, 92, 9, 10, i % 256]) };
        return item({ id: id('r'), ref: `${text}#${i}`, amount: i % 3 ? i / 7 : null, severity: i % 4 ? 'general' : null, attributes: { note: text, n: i } }, who);
      });
      const outcomes = await store.appendBatch(lines);
      expect(outcomes.every((o) => o.kind === 'added')).toBe(true);
      const ids = [...new Set(outcomes.map((o) => (o as { subjectId: string }).subjectId))];
      const stored = await store.revisionsOfSubjects(ids);
      const byRef = new Map([...stored.values()].flat().map((r) => [r.ref, r]));
      for (const line of lines) {
        const r = byRef.get(line.revision.ref)!;
        expect({ ref: r.ref, amount: r.amount, severity: r.severity, attributes: r.attributes })
          .toEqual({ ref: line.revision.ref, amount: line.revision.amount, severity: line.revision.severity, attributes: line.revision.attributes });
      }
      const first = await store.subjectById((outcomes[1] as { subjectId: string }).subjectId);
      expect(first?.name).toBe(lines[1]!.subject.name);
      expect(first?.idSealed).toEqual(lines[1]!.subject.idSealed);
      expect(await store.stats()).toEqual({ subjects: 50, records: 300, revisions: 300 });
      // The same batch again: all duplicates, nothing added.
      expect((await store.appendBatch(lines.map((l) => ({ ...l, revision: { ...l.revision, id: id('r') } })))).every((o) => o.kind === 'duplicate')).toBe(true);
    });

    it('keeps every revision, the latest being live, even when an older one arrives late', async () => {
      await store.appendBatch([item()]);
      const [r3] = await store.appendBatch([item({ id: id('r'), revision: 3, status: 'resolved', contentHash: 'h3' })]);
      const [r2] = await store.appendBatch([item({ id: id('r'), revision: 2, contentHash: 'h2' })]);
      expect([r3?.kind, r2?.kind]).toEqual(['updated', 'updated']);
      const subjectId = (r3 as { subjectId: string }).subjectId;
      const revisions = (await store.revisionsOfSubjects([subjectId])).get(subjectId)!;
      expect(revisions.map((r) => [r.revision, r.status])).toEqual([[1, 'active'], [2, 'active'], [3, 'resolved']]);
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 3 });
    });

    it('refuses a revision that moves a record to another subject and creates nothing for it', async () => {
      await store.appendBatch([item()]);
      const [moved] = await store.appendBatch([item({ id: id('r'), revision: 2, contentHash: 'h2' }, subject('idx-b'))]);
      expect(moved?.kind).toBe('subject_changed');
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
    });

    it('finds subjects by blind index and by id, and relations from both ends', async () => {
      const org = subject('idx-org', 'org');
      const rep = subject('idx-rep');
      const [out] = await store.appendBatch([
        item({ type: 'relation.legal_representative', severity: null, amount: null, ref: 'rel-1' }, org, rep),
      ]);
      const found = await store.subjectsByIndex(['idx-org', 'idx-rep', 'idx-none']);
      expect([...found.keys()].sort()).toEqual(['idx-org', 'idx-rep']);
      expect(found.get('idx-org')?.idSealed?.toString()).toBe('sealed-idx-org');
      const repId = found.get('idx-rep')!.id;
      expect((await store.subjectById(repId))?.name).toBe('name-idx-rep');
      const both = await store.revisionsOfSubjects([repId, found.get('idx-org')!.id]);
      expect([...both.values()].map((rows) => rows.map((r) => r.id))).toEqual([[(out as { revisionId: string }).revisionId], [(out as { revisionId: string }).revisionId]]);
      expect(await store.revisionsOfSubjects([])).toEqual(new Map());
    });

    it('applies a batch all or nothing', async () => {
      const broken = { ...subject('idx-broken'), idSealed: null };
      await expect(store.appendBatch([item(), item({ id: id('r'), ref: 'case-2' }, broken)])).rejects.toThrow();
      expect(await store.stats()).toEqual({ subjects: 0, records: 0, revisions: 0 });
    });

    it('commits a transaction as a whole and rolls it back as a whole', async () => {
      await store.transaction(async (tx) => {
        await tx.appendBatch([item()]);
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.appendBatch([item({ id: id('r'), ref: 'case-2' })]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
    });

    it('keeps concurrent transactions apart: one rolling back never takes the other with it', async () => {
      const a = store.transaction(async (tx) => {
        await tx.appendBatch([item()]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('a fails');
      });
      const b = store.transaction(async (tx) => {
        await tx.appendBatch([item({ id: id('r'), ref: 'case-2' }, subject('idx-b'))]);
      });
      await expect(a).rejects.toThrow('a fails');
      await b;
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
    });

    it('replaces derived state and finds the list entries in force at an instant', async () => {
      const [out] = await store.appendBatch([item()]);
      const subjectId = (out as { subjectId: string }).subjectId;
      const entry = (startedAt: string, endsAt: string) => ({ list: 'dishonest_judgment_debtors', listKind: 'black', startedAt, endsAt, endReason: 'term', detail: { trigger: ['r1'] } });
      const state = { subjectId, policyVersion: 'sha256:a', computedAt: '2025-03-02T00:00:00.000Z', score: 450, grade: 'C', dimensions: { judicial: -250 }, reasons: [{ code: 'x' }] };
      await store.saveDerived([{ ...state, entries: [entry('2025-03-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'), entry('2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z')] }]);
      await store.saveDerived([{ ...state, score: 460, entries: [entry('2025-03-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z')] }]);
      expect(await store.derivedState(subjectId)).toMatchObject({ score: 460, grade: 'C', dimensions: { judicial: -250 }, entries: [{ detail: { trigger: ['r1'] } }] });
      expect(await store.listEntriesAt('2026-01-01T00:00:00.000Z')).toHaveLength(1);
      expect(await store.listEntriesAt('2026-01-01T00:00:00.000Z', 'serious_violation')).toHaveLength(0);
      expect(await store.listEntriesAt('2027-03-01T00:00:00.000Z')).toHaveLength(0);
      expect(await store.derivedState('no-such-subject')).toBeUndefined();
      const many = await store.listEntriesOf([subjectId, 'no-such-subject']);
      expect([...many.keys()]).toEqual([subjectId, 'no-such-subject']);
      expect(many.get(subjectId)).toMatchObject([{ list: 'dishonest_judgment_debtors', startedAt: '2025-03-01T00:00:00.000Z', detail: { trigger: ['r1'] } }]);
      expect(many.get('no-such-subject')).toEqual([]);
    });

    it('pages through every subject in id order, and reads revisions of many subjects at once', async () => {
      const outs = await store.appendBatch(['a', 'b', 'c'].map((k) => item({ id: id('r'), ref: `case-${k}` }, subject(`idx-${k}`))));
      const ids = outs.map((o) => (o as { subjectId: string }).subjectId).sort();
      const first = await store.subjectPage(null, 2);
      const rest = await store.subjectPage(first[first.length - 1]!.id, 2);
      expect([...first, ...rest].map((s) => s.id)).toEqual(ids);
      const byId = await store.revisionsOfSubjects([ids[0]!, ids[1]!, 'none']);
      expect([...byId.values()].map((rows) => rows.length)).toEqual([1, 1, 0]);
    });

    it('keeps two lines for one new subject in one batch as one subject', async () => {
      const who = subject('idx-same');
      const outcomes = await store.appendBatch([item({}, who), item({ id: id('r'), ref: 'case-2' }, who)]);
      expect(outcomes.map((o) => o.kind)).toEqual(['added', 'added']);
      expect((await store.stats()).subjects).toBe(1);
    });

    it('finds one revision by its id, and tells its data version as a number', async () => {
      const [out] = await store.appendBatch([item({ attributes: { court: 'x', nested: { n: 1 } } })]);
      const revisionId = (out as { revisionId: string }).revisionId;
      expect(await store.revisionById(revisionId)).toMatchObject({
        id: revisionId, source: 'court.enforcement', ref: 'case-1', revision: 1, subjectKind: 'person', relatedSubjectId: null,
        attributes: { court: 'x', nested: { n: 1 } }, contentHash: 'hash-1',
      });
      expect(await store.revisionById('no-such-revision')).toBeUndefined();
      expect(Number.isInteger(await store.dataVersion())).toBe(true);
    });

    it('keeps due-process cases whole, replaces them by id, and reads them per subject oldest first', async () => {
      const a = await storedSubject(store, 'idx-a', 'case-1');
      const b = await storedSubject(store, 'idx-b', 'case-2');
      const later = objection(a, { filedAt: day(5) });
      const sameInstant = objection(a, { filedAt: day(5), ref: 'case-9' });
      const earlier = repair(a, { appliedAt: day(2) });
      const ofB = objection(b, { ref: 'case-2' });
      for (const c of [sameInstant, later, earlier, ofB]) await store.saveCase(c);
      expect(await store.caseById(later.id)).toEqual(later);
      expect(await store.caseById(earlier.id)).toEqual(earlier);
      expect(await store.caseById('no-such-case')).toBeUndefined();

      const upheld: Objection = { ...later, status: 'upheld', resolvedAt: day(6), resolvedBy: 'court.enforcement', note: 'stands' };
      await store.saveCase(upheld);
      expect(await store.caseById(later.id)).toEqual(upheld);
      const none = Array.from({ length: 9 }, (_, i) => `no-such-subject-${i}`);
      for (const asked of [[a, b, 'no-such-subject', a], [...none, b, a]]) {
        const bySubject = await store.casesOfSubjects(asked);
        expect([...bySubject.keys()].sort()).toEqual([a, b].sort());
        expect(bySubject.get(a)).toEqual([earlier, upheld, sameInstant]); // same instant: by id
        expect(bySubject.get(b)).toEqual([ofB]);
      }
      expect(await store.casesOfSubjects([])).toEqual(new Map());
    });

    it('queues open objections and pending repairs per source oldest first, and by deadline earliest first', async () => {
      const a = await storedSubject(store, 'idx-a', 'case-1');
      const answered = { resolvedAt: day(3), resolvedBy: 'court.enforcement', note: null };
      const repairing = repair(a, { appliedAt: day(1), dueAt: day(25) });
      const first = objection(a, { filedAt: day(3), dueAt: day(20) });
      const second = objection(a, { filedAt: day(4), dueAt: day(10) });
      const otherSource = objection(a, { source: 'tax.arrears', ref: 't-1', filedAt: day(1), dueAt: day(20) });
      const upheld = objection(a, { filedAt: day(2), dueAt: day(8), status: 'upheld', ...answered });
      const approved = repair(a, { appliedAt: day(2), dueAt: day(9), status: 'approved', decidedAt: day(3), decidedBy: 'op' });
      for (const c of [second, upheld, otherSource, approved, repairing, first]) await store.saveCase(c);

      const ids = (cases: Array<{ id: string }>) => cases.map((c) => c.id);
      expect(ids(await store.openCasesOfSource('court.enforcement', 10))).toEqual(ids([repairing, first, second]));
      expect(ids(await store.openCasesOfSource('court.enforcement', 2))).toEqual(ids([repairing, first]));
      expect(await store.openCasesOfSource('no.such.source', 10)).toEqual([]);
      // Due at or before the instant; equal deadlines by id; closed cases never, however early their deadline.
      expect(ids(await store.openCasesDue(day(20), 10))).toEqual(ids([second, first, otherSource]));
      expect(ids(await store.openCasesDue(day(20), 1))).toEqual(ids([second]));
      expect(await store.openCasesDue(day(9), 10)).toEqual([]);

      // A deadline extended moves the case along the queue; a lapse takes it off both queues.
      await store.saveCase({ ...second, dueAt: day(30), additions: [{ at: day(5), text: 'receipt attached' }] });
      await store.saveCase({ ...first, status: 'lapsed', lapsedAt: first.dueAt });
      expect(ids(await store.openCasesDue(day(25), 10))).toEqual(ids([otherSource, repairing]));
      expect(ids(await store.openCasesOfSource('court.enforcement', 10))).toEqual(ids([repairing, second]));
      expect(await store.openCasesDue(day(30), 10)).toEqual([otherSource, repairing, { ...second, dueAt: day(30), additions: [{ at: day(5), text: 'receipt attached' }] }]);
    });

    it('counts objections, repairs and the cases still open', async () => {
      expect(await store.caseCounts()).toEqual({ objections: 0, repairs: 0, open: 0 });
      const a = await storedSubject(store, 'idx-a', 'case-1');
      await store.saveCase(objection(a));
      await store.saveCase(objection(a, { status: 'withdrawn', resolvedAt: day(2), resolvedBy: 'court.enforcement' }));
      await store.saveCase(repair(a));
      await store.saveCase(repair(a, { status: 'approved', decidedAt: day(2), decidedBy: 'policy' }));
      await store.saveCase(repair(a, { status: 'rejected', decidedAt: day(2), decidedBy: 'op' }));
      expect(await store.caseCounts()).toEqual({ objections: 2, repairs: 3, open: 2 });
    });

    it('stores a notice once per key and lists a recipient\'s notices newest first', async () => {
      const a = await storedSubject(store, 'idx-a', 'case-1');
      const furnisher = 'source:court.enforcement';
      const n1 = notice('objection:1', furnisher, day(1));
      const n2 = notice('objection:2', furnisher, day(3));
      const n3 = notice('objection:3', furnisher, day(3));
      const toSubject = notice('adverse:1', `subject:${a}`, day(2), { subjectId: a, kind: 'adverse_change', body: { list: 'x', n: 1 } });
      expect(await store.addNotices([n1, n2, toSubject])).toBe(3);
      // A key already stored, or repeated within the call, is not stored again (whatever its id).
      expect(await store.addNotices([{ ...n1, id: id('n'), at: day(9) }, n3, { ...n3, id: id('n') }])).toBe(1);
      expect(await store.addNotices([])).toBe(0);
      expect(await store.noticesFor(furnisher, 10)).toEqual([n3, n2, n1]); // same instant: larger id first
      expect(await store.noticesFor(furnisher, 2)).toEqual([n3, n2]);
      expect(await store.noticesFor(`subject:${a}`, 10)).toEqual([toSubject]);
      expect(await store.noticesFor('source:nobody', 10)).toEqual([]);
    });

    it('keeps the next instant a subject\'s state changes and finds the subjects due by an instant', async () => {
      const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((k) => storedSubject(store, `idx-${k}`)));
      const state = (subjectId: string, nextChangeAt?: string | null) => ({
        subjectId, policyVersion: 'sha256:a', computedAt: day(1), score: 500, grade: 'B', dimensions: {}, reasons: [], entries: [],
        ...(nextChangeAt === undefined ? {} : { nextChangeAt }),
      });
      await store.saveDerived([state(a!, day(10)), state(b!, day(5)), state(c!), state(d!, null)]);
      expect((await store.derivedState(a!))?.nextChangeAt).toBe(day(10));
      expect((await store.derivedState(c!))?.nextChangeAt).toBeNull();
      expect((await store.derivedState(d!))?.nextChangeAt).toBeNull();
      expect(await store.subjectsDueBy(day(10), 10)).toEqual([b, a]);
      expect(await store.subjectsDueBy(day(10), 1)).toEqual([b]);
      expect(await store.subjectsDueBy(day(9), 10)).toEqual([b]);
      expect(await store.subjectsDueBy(day(4), 10)).toEqual([]);
      await store.saveDerived([state(a!, day(5)), state(b!)]);
      await store.saveDerived([state(c!, day(5))]);
      expect(await store.subjectsDueBy(day(5), 10)).toEqual([a, c].sort()); // same instant: by subject id
    });

    it('erases every revision of a record, keeps a tombstone, and refuses the record afterwards', async () => {
      const [first] = await store.appendBatch([item()]);
      const subjectId = (first as { subjectId: string }).subjectId;
      await store.appendBatch([item({ id: id('r'), revision: 2, contentHash: 'h2' }), item({ id: id('r'), ref: 'case-2' })]);
      const aboutErased = objection(subjectId, { ref: 'case-1' });
      const aboutKept = repair(subjectId, { ref: 'case-2' });
      await store.saveCase(aboutErased);
      await store.saveCase(aboutKept);
      const state = { subjectId, policyVersion: 'sha256:a', computedAt: day(1), score: 450, grade: 'C', dimensions: {}, reasons: [], entries: [] };
      await store.saveDerived([{ ...state, nextChangeAt: day(30) }]);
      expect(await store.stats()).toEqual({ subjects: 1, records: 2, revisions: 3 });

      expect(await store.eraseRecord('court.enforcement', 'case-1', day(10))).toEqual({
        source: 'court.enforcement', ref: 'case-1', revisions: 2, erasedAt: day(10),
      });
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
      expect((await store.revisionsOfSubjects([subjectId])).get(subjectId)?.map((r) => r.ref)).toEqual(['case-2']);
      // Nothing about the record is left but the tombstone: its cases go with it.
      expect(await store.caseById(aboutErased.id)).toBeUndefined();
      expect(await store.revisionById((first as { revisionId: string }).revisionId)).toBeUndefined();
      expect((await store.casesOfSubjects([subjectId])).get(subjectId)).toEqual([aboutKept]);
      // The derived state still cites the erased revisions: it falls due for recomputation at once.
      expect(await store.subjectsDueBy(day(10), 10)).toEqual([subjectId]);

      const again = await store.appendBatch([
        item({ id: id('r') }), item({ id: id('r'), revision: 3, contentHash: 'h3' }, subject('idx-new')),
      ]);
      expect(again).toEqual([{ kind: 'erased', erasedAt: day(10) }, { kind: 'erased', erasedAt: day(10) }]);
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
      expect(await store.eraseRecord('court.enforcement', 'case-1', day(11))).toBeUndefined();
      expect(await store.eraseRecord('court.enforcement', 'no-such-ref', day(11))).toBeUndefined();
      // Erasing a record of a relation takes it from both parties.
      const [rel] = await store.appendBatch([
        item({ id: id('r'), type: 'relation.legal_representative', severity: null, amount: null, ref: 'rel-1' }, subject('idx-org', 'org'), subject('idx-rep')),
      ]);
      const { subjectId: org, relatedSubjectId: rep } = rel as { subjectId: string; relatedSubjectId: string };
      expect(await store.eraseRecord('court.enforcement', 'rel-1', day(12))).toMatchObject({ revisions: 1 });
      expect([...(await store.revisionsOfSubjects([org, rep])).values()]).toEqual([[], []]);
    });

    it('writes cases, notices and erasures in a transaction and rolls them back with it', async () => {
      const a = await storedSubject(store, 'idx-a', 'case-1');
      const kept = objection(a, { ref: 'case-2' });
      await expect(
        store.transaction(async (tx) => {
          await tx.saveCase(kept);
          expect(await tx.addNotices([notice('objection:1', 'source:court.enforcement', day(1))])).toBe(1);
          expect(await tx.eraseRecord('court.enforcement', 'case-1', day(10))).toMatchObject({ revisions: 1 });
          expect(await tx.appendBatch([item({ id: id('r'), ref: 'case-1' })])).toEqual([{ kind: 'erased', erasedAt: day(10) }]);
          expect(await tx.caseCounts()).toEqual({ objections: 1, repairs: 0, open: 1 });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.caseCounts()).toEqual({ objections: 0, repairs: 0, open: 0 });
      expect(await store.caseById(kept.id)).toBeUndefined();
      expect(await store.noticesFor('source:court.enforcement', 10)).toEqual([]);
      expect(await store.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });

      await store.transaction(async (tx) => {
        await tx.saveCase(kept);
        await tx.addNotices([notice('objection:1', 'source:court.enforcement', day(1))]);
        await tx.eraseRecord('court.enforcement', 'case-1', day(10));
      });
      expect(await store.caseById(kept.id)).toEqual(kept);
      expect(await store.noticesFor('source:court.enforcement', 10)).toHaveLength(1);
      expect(await store.stats()).toEqual({ subjects: 1, records: 0, revisions: 0 });
      expect(await store.appendBatch([item({ id: id('r'), ref: 'case-1' })])).toEqual([{ kind: 'erased', erasedAt: day(10) }]);
    });
  });
}
