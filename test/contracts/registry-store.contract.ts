import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppendItem, NewSubject, RegistryStore } from '../../src/ports/registry-store.js';

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

/** The RegistryStore contract: every adapter must pass these same cases. */
export function registryStoreContract(adapter: StoreAdapter): void {
  describe(`RegistryStore on ${adapter.name}`, () => {
    let store: RegistryStore;
    beforeEach(async () => {
      store = await adapter.create();
      await store.migrate();
    });
    afterEach(async () => store.close());

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
  });
}
