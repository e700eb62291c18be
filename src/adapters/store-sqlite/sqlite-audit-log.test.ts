import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditInput, auditLogContract } from '../../../test/contracts/audit-log.contract.js';
import { verifyStoredLog } from '../../app/verify-audit.js';
import { LocalSigner } from '../signer-local/local-signer.js';
import { auditMigration } from './migration-audit.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-audit-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) });
  await auditMigration.up(kysely);
  return { db, close: () => kysely.destroy() };
}

auditLogContract({
  name: 'sqlite',
  create: async () => {
    const { db, close } = await open(join(dir, `audit-${++n}.db`));
    return {
      log: new SqliteAuditLog(db),
      // What SqliteStore.transaction does: one connection, BEGIN IMMEDIATE around async work.
      transaction: async <T>(work: () => Promise<T>) => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work();
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      },
      execute: async (statement: string) => void db.exec(statement),
      close,
    };
  },
});

describe('SqliteAuditLog specifics', () => {
  it('reports a detail edited into non-JSON text as an edited event, not a crash', async () => {
    const { db, close } = await open(join(dir, 'garbage.db'));
    const log = new SqliteAuditLog(db);
    await log.appendMany([auditInput(0), auditInput(1)]);
    db.exec("UPDATE audit_events SET detail = 'not json' WHERE seq = 1");
    const result = await verifyStoredLog(log, LocalSigner.generate());
    expect(result.problems).toMatchObject([{ code: 'XY_AUDIT_EDITED', seq: 1 }]);
    await close();
  });

  it('continues the chain written by another connection to the same file', async () => {
    const path = join(dir, 'shared.db');
    const a = await open(path);
    const b = new Database(path);
    const signer = LocalSigner.generate();
    const logA = new SqliteAuditLog(a.db);
    const logB = new SqliteAuditLog(b);
    await logA.append(auditInput(0));
    await logA.checkpoint(signer, '2026-01-01T00:00:00.000Z');
    await logB.appendMany([auditInput(1), auditInput(2)]);
    await logA.append(auditInput(3));
    expect((await logA.checkpoint(signer, '2026-01-01T00:01:00.000Z')).treeSize).toBe(4);
    expect((await verifyStoredLog(logB, signer)).ok).toBe(true);
    b.close();
    await a.close();
  });
});
