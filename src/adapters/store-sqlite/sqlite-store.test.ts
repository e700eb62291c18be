import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { item, registryStoreContract } from '../../../test/contracts/registry-store.contract.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registryStoreContract({ name: 'sqlite', create: async () => new SqliteStore({ path: join(dir, `store-${++n}.db`) }) });

describe('SqliteStore specifics', () => {
  it('refuses UPDATE and DELETE of record revisions at the database level', async () => {
    const path = join(dir, 'append-only.db');
    const store = new SqliteStore({ path });
    await store.migrate();
    await store.appendBatch([item()]);
    await store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE record_revisions SET status = 'retracted'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM record_revisions').run()).toThrow(/append-only/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('lets a revision be deleted only once its record has a tombstone', async () => {
    const path = join(dir, 'erasure.db');
    const store = new SqliteStore({ path });
    await store.migrate();
    await store.appendBatch([item(), item({ ref: 'case-2', id: '01900000-0000-7000-8000-00000000e2a5' })]);
    await store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO erased_records VALUES ('court.enforcement', 'case-1', 1, '2025-04-01T00:00:00.000Z')").run();
    expect(db.prepare("DELETE FROM record_revisions WHERE ref = 'case-1'").run().changes).toBe(1);
    expect(() => db.prepare('DELETE FROM record_revisions').run()).toThrow(/append-only/);
    db.close();
  });

  it('serves the due-process reads and the erasure from indexes, in index order', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    const db = store.database;
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    vi.spyOn(db, 'prepare').mockImplementation(((source: string) => (statements.push(source), prepare(source))) as typeof db.prepare);
    await store.openCasesOfSource('s', 1);
    await store.openCasesDue('t', 1);
    await store.casesOfSubjects(['s']);
    await store.noticesFor('r', 1);
    await store.subjectsDueBy('t', 1);
    await store.eraseRecord('s', 'r', 't');
    // caseCounts scans on purpose: it is for `stats`, and an index on kind would cost every save.
    const planned = statements.filter((q) => !q.startsWith('INSERT') && !q.includes('count(*)'));
    expect(planned.length).toBeGreaterThanOrEqual(9);
    for (const q of planned) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(...q.split('?').slice(1).map(() => null)) as Array<{ detail: string }>);
      expect(plan.map((r) => r.detail).join('; '), q).toMatch(/^SEARCH [^;]* USING (COVERING )?(INDEX|PRIMARY KEY)[^;]*$/);
    }
    await store.close();
  });

  it('changes its data version when another connection commits', async () => {
    const path = join(dir, 'data-version.db');
    const reader = new SqliteStore({ path });
    await reader.migrate();
    const writer = new SqliteStore({ path, mustExist: true });
    const before = await reader.dataVersion();
    expect(await reader.dataVersion()).toBe(before);
    await writer.appendBatch([item()]);
    expect(await reader.dataVersion()).not.toBe(before);
    await Promise.all([reader.close(), writer.close()]);
  });

  it('will not create a file when told it must exist', () => {
    expect(() => new SqliteStore({ path: join(dir, 'missing.db'), mustExist: true })).toThrow();
  });
});
