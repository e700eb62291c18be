import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { item, registryStoreContract, subject } from '../../../test/contracts/registry-store.contract.js';
import type { AppendItem } from '../../ports/registry-store.js';
import { PostgresStore } from './postgres-store.js';

// CI sets DATABASE_URL (postgres://postgres@127.0.0.1:5432/test); without it these tests are skipped.
const url = process.env.DATABASE_URL;
const title = url ? 'PostgresStore' : 'PostgresStore (skipped: DATABASE_URL is not set, e.g. postgres://postgres@127.0.0.1:5432/test)';

// Every store gets a schema of its own (its search path), dropped when the file is done.
const schemas: string[] = [];
const newSchema = () => {
  const schema = `xy_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
};
const open = (schema: string) => new PostgresStore({ connectionString: url!, schema, maxConnections: 4 });

/** Plain SQL in a store's schema, around the adapter (as an operator with psql would). */
async function withClient<T>(schema: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (!url || schemas.length === 0) return;
  await withClient('public', async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
});

describe.skipIf(!url)(title, () => {
  registryStoreContract({ name: 'postgres', create: async () => open(newSchema()) });

  describe('PostgresStore specifics', () => {
    it('hash-partitions every hot table by subject id', async () => {
      const schema = newSchema();
      const store = open(schema);
      await store.migrate();
      await store.close();
      const partitioned = await withClient(schema, async (client) =>
        (await client.query<{ table: string; key: string; parts: number }>(
          `SELECT c.relname AS table, pg_get_partkeydef(c.oid) AS key,
             (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid)::int AS parts
           FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 ORDER BY c.relname`,
          [schema],
        )).rows,
      );
      expect(partitioned).toEqual([
        { table: 'cases', key: 'HASH (subject_id)', parts: 8 },
        { table: 'link_reviews', key: 'HASH (subject_id)', parts: 8 },
        { table: 'list_entries', key: 'HASH (subject_id)', parts: 8 },
        { table: 'notices', key: 'HASH (subject_id)', parts: 8 },
        { table: 'record_revisions', key: 'HASH (subject_id)', parts: 8 },
        { table: 'subject_links', key: 'HASH (subject_id)', parts: 8 },
        { table: 'subject_states', key: 'HASH (subject_id)', parts: 8 },
        { table: 'subjects', key: 'HASH (id)', parts: 8 },
      ]);
    });

    it('refuses UPDATE and DELETE of record revisions, except deletes behind a tombstone', async () => {
      const schema = newSchema();
      const store = open(schema);
      await store.migrate();
      await store.appendBatch([item(), item({ ref: 'case-2', id: '01900000-0000-7000-8000-00000000e2a5' })]);
      await store.close();
      await withClient(schema, async (client) => {
        for (const table of ['record_revisions', 'record_keys', 'records']) {
          await expect(client.query(`UPDATE ${table} SET ref = 'x'`)).rejects.toThrow(/append-only/);
          await expect(client.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
        }
        await client.query("INSERT INTO erased_records VALUES ('court.enforcement', 'case-1', 1, '2025-04-01T00:00:00.000Z')");
        expect((await client.query("DELETE FROM record_revisions WHERE ref = 'case-1'")).rowCount).toBe(1);
        await expect(client.query('DELETE FROM record_revisions')).rejects.toThrow(/append-only/);
      });
    });

    it('never creates a subject or revision twice when two processes append the same records at once', async () => {
      const schema = newSchema();
      const [a, b] = [open(schema), open(schema)];
      await Promise.all([a.migrate(), b.migrate()]); // the second waits on the advisory lock, then finds nothing to do
      // The same 300 lines read by two processes: each mints its own revision and subject ids.
      const lines = (proc: string, round: number): AppendItem[] =>
        Array.from({ length: 300 }, (_, i) => {
          const k = i % 100; // 100 records about 40 subjects, some related to one of 5 organisations; 3 revisions each
          const who = { ...subject(`idx-${k % 40}`), id: `s-${proc}-${k % 40}` };
          const related = k % 7 === 0 ? { ...subject(`idx-rel-${k % 5}`, 'org'), id: `s-${proc}-rel-${k % 5}` } : undefined;
          return item({ id: `r-${proc}-${round}-${i}`, ref: `case-${k}`, revision: round + Math.floor(i / 100), contentHash: `h-${round}-${i}` }, who, related);
        });
      const [first, second] = await Promise.all([a.appendBatch(lines('a', 1)), b.appendBatch(lines('b', 1))]);
      first.forEach((outcome, i) => {
        expect([outcome.kind, second[i]!.kind].sort()).toEqual(i < 100 ? ['added', 'duplicate'] : ['duplicate', 'updated']);
      });
      // Later revisions of the same records, one process reading the file backwards: claims are in key order, so no deadlock.
      const again = lines('b', 4);
      await Promise.all([a.appendBatch(lines('a', 4)), b.appendBatch(again.toReversed())]);
      expect(await a.stats()).toEqual({ subjects: 45, records: 100, revisions: 600 });
      await Promise.all([a.close(), b.close()]);
      const counts = await withClient(schema, async (client) =>
        (await client.query(
          `SELECT (SELECT count(*) FROM record_revisions)::int AS revisions, (SELECT count(DISTINCT (source, ref, revision)) FROM record_revisions)::int AS keys,
             (SELECT count(*) FROM subject_index)::int AS indexes, (SELECT count(DISTINCT id_index) FROM subjects)::int AS subjects`,
        )).rows[0],
      );
      expect(counts).toEqual({ revisions: 600, keys: 600, indexes: 45, subjects: 45 });
    });

    it('lets one of two processes own a new record, and never lets a revision outlive its erasure', async () => {
      const schema = newSchema();
      const [a, b] = [open(schema), open(schema)];
      await a.migrate();
      // The first revisions of one record about two different subjects, sent at once: one owns it.
      const [[first], [second]] = await Promise.all([
        a.appendBatch([item({ id: 'r-a' }, { ...subject('idx-a'), id: 's-a' })]),
        b.appendBatch([item({ id: 'r-b', revision: 2, contentHash: 'h2' }, { ...subject('idx-b'), id: 's-b' })]),
      ]);
      expect([first!.kind, second!.kind].sort()).toEqual(['added', 'subject_changed']);
      expect(await a.stats()).toEqual({ subjects: 1, records: 1, revisions: 1 });
      // An erasure and a new revision at once: the revision is erased with the record, or refused after it.
      const owner = (first!.kind === 'added' ? first : second) as { subjectId: string };
      const who = { ...subject('unused'), id: owner.subjectId, idSealed: null };
      const [erased, [late]] = await Promise.all([
        a.eraseRecord('court.enforcement', 'case-1', '2025-04-10T00:00:00.000Z'),
        b.appendBatch([item({ id: 'r-late', revision: 3, contentHash: 'h3' }, who)]),
      ]);
      if (late!.kind === 'updated') expect(erased?.revisions).toBe(2); // appended first: erased with the record
      else expect(late).toEqual({ kind: 'erased', erasedAt: '2025-04-10T00:00:00.000Z' });
      expect(await a.stats()).toEqual({ subjects: 1, records: 0, revisions: 0 });
      await Promise.all([a.close(), b.close()]);
    });

    it('runs nested work on the transaction connection, and refuses a handle used after its transaction', async () => {
      const store = open(newSchema());
      await store.migrate();
      let kept: Parameters<Parameters<PostgresStore['transaction']>[0]>[0] | undefined;
      await expect(
        store.transaction(async (tx) => {
          kept = tx;
          await tx.transaction(async (inner) => inner.appendBatch([item()]));
          expect((await tx.stats()).revisions).toBe(1);
          expect((await store.stats()).revisions).toBe(0); // not committed: other connections do not see it
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await store.stats()).revisions).toBe(0);
      await expect(kept!.stats()).rejects.toThrow(/transaction has ended/);
      const setting = async (db: PostgresStore['kysely']) =>
        (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(db)).rows[0]?.s;
      await store.transaction(async (tx) => {
        expect(await setting((tx as PostgresStore).kysely)).toBe('off'); // for this transaction only
        await tx.appendBatch([item()]);
      }, { durability: 'os' });
      expect(await setting(store.kysely)).toBe('on');
      expect((await store.stats()).revisions).toBe(1);
      await store.close();
    });

    it('changes its data version when another process commits a write, and not on reads', async () => {
      const schema = newSchema();
      const [reader, writer] = [open(schema), open(schema)];
      await reader.migrate();
      const before = await reader.dataVersion();
      await writer.stats();
      await writer.transaction(async (tx) => tx.subjectById('none'));
      expect(await reader.dataVersion()).toBe(before);
      await writer.appendBatch([item()]);
      const afterAppend = await reader.dataVersion();
      expect(afterAppend).not.toBe(before);
      await writer.transaction(async (tx) => tx.addNotices([{ id: 'n-1', key: 'k', recipient: 'source:x', subjectId: null, at: 't', kind: 'k', body: {} }]));
      expect(await reader.dataVersion()).not.toBe(afterAppend);
      await Promise.all([reader.close(), writer.close()]);
    });

    it('keeps API keys, and revokes one once', async () => {
      const store = open(newSchema());
      await store.migrate();
      const key = {
        id: '0123456789abcdef', role: 'relying_party' as const, secretHash: 'ab'.repeat(32), source: null, subjectId: null,
        actions: ['loan.approve'], purposes: ['credit'], label: 'bank', createdAt: '2025-01-01T00:00:00.000Z', revokedAt: null,
      };
      await store.saveApiKey(key);
      expect(await store.apiKey(key.id)).toEqual(key);
      expect(await store.apiKeys()).toEqual([key]);
      expect(await store.revokeApiKey(key.id, '2025-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.revokeApiKey(key.id, '2025-03-01T00:00:00.000Z')).toBe(false);
      expect((await store.apiKey(key.id))?.revokedAt).toBe('2025-02-01T00:00:00.000Z');
      expect(await store.apiKey('none')).toBeUndefined();
      await store.close();
    });
  });
});
