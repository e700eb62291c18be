import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initRegistry } from '../init-registry.js';
import { openRegistry, type Registry } from '../registry.js';
import type { DeadLetter } from '../../ports/record-stream.js';
import { applyStreamBatch, appliedSeqs, lastAnnouncements } from './apply-stream-batch.js';

const record = (ref: string, revision = 1) => ({
  source: 'court.enforcement', ref, revision, type: 'judicial.dishonest_debtor', occurredAt: '2025-03-01', severity: 'serious',
  amount: 50000, status: revision === 1 ? 'active' : 'resolved',
  subject: { kind: 'person', id: '11010519491231002X', name: '张三' }, attributes: { court: '北京市朝阳区人民法院' },
});
const batch = (partition: number, from: number, raws: unknown[]) =>
  ({ partition, attempt: 1, records: raws.map((raw, i) => ({ seq: from + i, subjectKey: 'id:11010519491231002X', raw })) });

describe('applyStreamBatch', () => {
  let dir: string;
  let registry: Registry;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinyong-stream-'));
    registry = await openRegistry({ dbPath: join(dir, 'registry.db'), masterKey: Buffer.alloc(32, 9).toString('base64'), clock: '2026-01-01T00:00:00Z' }, true);
    await initRegistry(registry);
  });
  afterEach(async () => {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a batch with an audit event naming its stream positions, read back as the applied position', async () => {
    const applied = new Map<number, number>();
    const s = await applyStreamBatch(registry, 'S', batch(3, 10, [record('A'), record('A', 2), 'not json']), applied);
    expect(s).toMatchObject({ accepted: 1, updated: 1, rejected: 1, skipped: 0, firstSeq: 10, lastSeq: 12 });
    expect(s.errors[0]).toMatchObject({ line: 12 });
    expect(applied.get(3)).toBe(12);
    expect(await appliedSeqs(registry.audit, 'S')).toEqual(new Map([[3, 12]]));
    expect(await appliedSeqs(registry.audit, 'OTHER')).toEqual(new Map());
  });

  it('skips what was applied and takes a redelivery of the rest as duplicates', async () => {
    await applyStreamBatch(registry, 'S', batch(0, 1, [record('A'), record('B')]), new Map());
    const skipped = await applyStreamBatch(registry, 'S', batch(0, 1, [record('A'), record('B'), record('C')]), await appliedSeqs(registry.audit, 'S'));
    expect(skipped).toMatchObject({ skipped: 2, accepted: 1, duplicates: 0 });
    const again = await applyStreamBatch(registry, 'S', batch(0, 1, [record('A'), record('B'), record('C')]), new Map());
    expect(again).toMatchObject({ skipped: 0, accepted: 0, duplicates: 3 });
    expect(await registry.store.stats()).toMatchObject({ records: 3, revisions: 3 });
  });

  it('sets refused records aside with the reason inside the batch, and rolls the batch back when that fails', async () => {
    const sent: DeadLetter[][] = [];
    const deadLetter = (letters: readonly DeadLetter[]) => {
      sent.push([...letters]);
      return Promise.resolve();
    };
    const conflicting = { ...record('A'), amount: 1 };
    const s = await applyStreamBatch(registry, 'S', batch(2, 5, [record('A'), 'not json', conflicting, { ...record('B'), type: 'speech.posts' }]), new Map(), { deadLetter });
    expect(s.accepted).toBe(1);
    expect(s.deadLetters.map((l) => [l.seq, l.code])).toEqual([[6, 'XY_RECORD_NOT_OBJECT'], [7, 'XY_RECORD_CONFLICT'], [8, 'XY_UNKNOWN_RECORD_TYPE']]);
    expect(s.deadLetters[1]).toMatchObject({ stream: 'S', partition: 2, source: 'court.enforcement', ref: 'A' });
    expect(sent).toEqual([s.deadLetters]);
    // The store unreachable for dead letters: nothing of the batch is kept, so its redelivery starts afresh.
    const failing = () => Promise.reject(new Error('nats down'));
    await expect(applyStreamBatch(registry, 'S', batch(2, 9, [record('C'), 'bad']), new Map([[2, 8]]), { deadLetter: failing })).rejects.toThrow('nats down');
    expect(await registry.store.stats()).toMatchObject({ records: 1 });
    expect(await appliedSeqs(registry.audit, 'S')).toEqual(new Map([[2, 8]]));
  });

  it('reports the list changes a batch causes when asked to announce them', async () => {
    const s = await applyStreamBatch(registry, 'S', batch(0, 1, [record('A')]), new Map(), { announce: true });
    expect(s.listChanges).toMatchObject([{ type: 'list.entered', list: 'dishonest_judgment_debtors' }]);
    const resolved = await applyStreamBatch(registry, 'S', batch(0, 2, [record('A', 2)]), new Map(), { announce: true });
    expect(resolved.listChanges).toMatchObject([{ type: 'list.exited', list: 'dishonest_judgment_debtors' }]);
    const quiet = await applyStreamBatch(registry, 'S', batch(0, 3, [record('B')]), new Map());
    expect(quiet.listChanges).toEqual([]);
  });

  it('keeps each batch\'s announcements with it, so a restarted worker can publish the last ones again', async () => {
    const first = await applyStreamBatch(registry, 'S', batch(1, 1, [record('A')]), new Map(), { announce: true });
    expect(await lastAnnouncements(registry.audit, 'S')).toEqual(first.listChanges);
    const second = await applyStreamBatch(registry, 'S', batch(1, 2, [record('A', 2)]), new Map(), { announce: true });
    expect(await lastAnnouncements(registry.audit, 'S')).toEqual(second.listChanges); // only the partition's last batch
    expect(await lastAnnouncements(registry.audit, 'OTHER')).toEqual([]);
  });

  it('announces again, on a redelivery, what the batches it covers announced (their worker may have died first)', async () => {
    const first = await applyStreamBatch(registry, 'S', batch(4, 10, [record('A')]), new Map(), { announce: true });
    await applyStreamBatch(registry, 'S', batch(4, 11, [record('B', 1)]), new Map(), { announce: true });
    const again = await applyStreamBatch(registry, 'S', { ...batch(4, 10, [record('A')]), attempt: 2 }, new Map([[4, 11]]), { announce: true });
    expect(again.skipped).toBe(1);
    expect(again.listChanges).toEqual(first.listChanges);
  });
});
