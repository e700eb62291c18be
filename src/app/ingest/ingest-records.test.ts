import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { LocalKeyRing } from '../../adapters/key-ring-local/local-key-ring.js';
import { SqliteStore } from '../../adapters/store-sqlite/sqlite-store.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { emptySummary, ingestRecords, type IngestDeps } from './ingest-records.js';
import { readRecords, type RecordFormat } from './read-records.js';

const policy = defaultPolicy();
const clock = { now: () => '2026-01-01T00:00:00.000Z', simulated: true };
const record = (ref: string, over: Record<string, unknown> = {}) => ({
  source: 'court.enforcement', ref, type: 'judicial.dishonest_debtor',
  subject: { kind: 'person', id: '11010519491231002X', name: '张三' }, occurredAt: '2025-03-01', severity: 'serious', amount: 50000,
  attributes: { court: '北京市朝阳区人民法院' }, ...over,
});
const jsonl = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describe('ingestRecords', () => {
  let dir: string;
  let store: SqliteStore;
  let deps: IngestDeps;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinyong-ingest-'));
    store = new SqliteStore({ path: join(dir, 'r.db') });
    await store.migrate();
    deps = { store, keyRing: new LocalKeyRing(randomBytes(32)), clock, policy, newId: () => uuidv7() };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (text: string, format: RecordFormat = 'jsonl', over: Partial<IngestDeps> = {}, batchSize = 2000) =>
    ingestRecords(readRecords(Readable.from([Buffer.from(text)]), format, policy, { maxLineBytes: 4096 }), { ...deps, ...over }, emptySummary(), { batchSize });

  it('keeps good lines, rejects bad ones with line number and code, and is idempotent', async () => {
    const text = jsonl(record('a'), '{"source": oops', record('b', { type: 'speech.opinion' }), '', record('c'), [1, 2], 'x'.repeat(5000));
    const first = await run(text);
    expect(first).toMatchObject({ accepted: 2, updated: 0, duplicates: 0, rejected: 4 });
    expect(first.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'XY_RECORD_JSON'], [3, 'XY_UNKNOWN_RECORD_TYPE'], [6, 'XY_RECORD_NOT_OBJECT'], [7, 'XY_RECORD_TOO_LONG'],
    ]);
    const again = await run(text);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: 4 });
    expect(await store.stats()).toEqual({ subjects: 1, records: 2, revisions: 2 });
  });

  it('honours revisions and refuses a changed revision', async () => {
    await run(jsonl(record('a')));
    const next = await run(jsonl(record('a', { revision: 2, status: 'resolved' }), record('a', { amount: 1 })));
    expect(next).toMatchObject({ updated: 1, rejected: 1 });
    expect(next.errors[0]).toMatchObject({ line: 2, code: 'XY_RECORD_CONFLICT' });
  });

  it('treats the same record sent as CSV as a duplicate of its JSON form', async () => {
    await run(jsonl(record('a')));
    const csv = [
      'source,ref,type,subject.kind,subject.id,subject.name,occurredAt,severity,amount,attributes.court',
      'court.enforcement,a,judicial.dishonest_debtor,person,11010519491231002X,张三,2025-03-01,serious,50000,北京市朝阳区人民法院',
      'court.enforcement,b,judicial.dishonest_debtor,person,11010519491231002Y,张三,2025-03-01,serious,50000,x',
      'court.enforcement,"c,unterminated',
    ].join('\n');
    const out = await run(csv, 'csv');
    expect(out).toMatchObject({ duplicates: 1, accepted: 0, rejected: 2 });
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[3, 'XY_USCC_CHECKSUM'], [4, 'XY_CSV_ROW']]);
  });

  it('loses nothing acknowledged when it crashes mid-file, and a re-run completes it', async () => {
    let calls = 0;
    const crashing: RegistryStore = Object.create(store, {
      appendBatch: { value: (items: Parameters<RegistryStore['appendBatch']>[0]) => (++calls === 2 ? Promise.reject(new Error('power cut')) : store.appendBatch(items)) },
    });
    const text = jsonl(...['a', 'b', 'c', 'd', 'e'].map((r) => record(r)));
    await expect(run(text, 'jsonl', { store: crashing }, 2)).rejects.toThrow('power cut');
    expect((await store.stats()).records).toBe(2);
    expect(await run(text, 'jsonl', {}, 2)).toMatchObject({ accepted: 3, duplicates: 2, rejected: 0 });
  });

  it('never stores an identity number in the clear', async () => {
    await run(jsonl(record('a')));
    const subject = [...(await store.subjectsByIndex([deps.keyRing.blindIndex('11010519491231002X')])).values()][0]!;
    expect(subject.idMasked).toBe('1101**********002X');
    expect(deps.keyRing.open(subject.idSealed!)).toBe('11010519491231002X');
    expect(JSON.stringify((await store.revisionsOfSubjects([subject.id])).get(subject.id))).not.toContain('11010519491231002X');
  });
});
