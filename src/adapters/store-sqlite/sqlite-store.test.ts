import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('will not create a file when told it must exist', () => {
    expect(() => new SqliteStore({ path: join(dir, 'missing.db'), mustExist: true })).toThrow();
  });
});
