import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { auditInput, auditLogContract } from '../../../test/contracts/audit-log.contract.js';
import { verifyStoredLog } from '../../app/verify-audit.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { LocalSigner } from '../signer-local/local-signer.js';
import { PostgresAuditLog } from './postgres-audit-log.js';
import { run } from './postgres-schema.js';
import { PostgresStore } from './postgres-store.js';

// CI sets DATABASE_URL (postgres://postgres@127.0.0.1:5432/test); without it these tests are skipped.
const url = process.env.DATABASE_URL;
const title = url ? 'PostgresAuditLog' : 'PostgresAuditLog (skipped: DATABASE_URL is not set, e.g. postgres://postgres@127.0.0.1:5432/test)';

// Every log gets a schema of its own (its search path), dropped when the file is done.
const schemas: string[] = [];
const newSchema = () => {
  const schema = `xy_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
};
const open = async (schema: string) => {
  const store = new PostgresStore({ connectionString: url!, schema, maxConnections: 4 });
  await store.migrate();
  return { store, log: new PostgresAuditLog(store) };
};

afterAll(async () => {
  if (!url || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

/** The log the contract sees: bound to the harness transaction while one is open (tests are sequential). */
function following(base: AuditLog, current: () => RegistryStore | undefined): AuditLog {
  const log = () => {
    const tx = current();
    return tx ? base.within(tx) : base;
  };
  return {
    within: (tx) => base.within(tx),
    append: (input) => log().append(input),
    appendMany: (inputs) => log().appendMany(inputs),
    events: (fromSeq, limit) => log().events(fromSeq, limit),
    storedEvents: (fromSeq, limit) => log().storedEvents(fromSeq, limit),
    eventsForSubject: (subjectId, limit) => log().eventsForSubject(subjectId, limit),
    size: () => log().size(),
    latestCheckpoint: () => log().latestCheckpoint(),
    checkpoints: () => log().checkpoints(),
    checkpoint: (signer, at) => log().checkpoint(signer, at),
    inclusionProof: (seq, treeSize) => log().inclusionProof(seq, treeSize),
  };
}

describe.skipIf(!url)(title, () => {
  auditLogContract({
    name: 'postgres',
    create: async () => {
      const { store, log: base } = await open(newSchema());
      let current: RegistryStore | undefined;
      return {
        log: following(base, () => current),
        transaction: <T>(work: () => Promise<T>) =>
          store.transaction(async (tx) => {
            current = tx;
            try {
              return await work();
            } finally {
              current = undefined;
            }
          }),
        execute: async (statement: string) => void (await run(store.kysely, statement)),
        close: () => store.close(),
      };
    },
  });

  describe('PostgresAuditLog specifics', () => {
    const signer = LocalSigner.generate();

    it('reports a detail edited into non-JSON text as an edited event, not a crash', async () => {
      const { store, log } = await open(newSchema());
      await log.appendMany([auditInput(0), auditInput(1)]);
      await run(store.kysely, "UPDATE audit_events SET detail = 'not json' WHERE seq = 1");
      expect((await log.events(1, 1))[0]?.detail).toEqual({ unreadable: 'not json' });
      expect((await verifyStoredLog(log, signer)).problems).toMatchObject([{ code: 'XY_AUDIT_EDITED', seq: 1 }]);
      await store.close();
    });

    it('keeps one unbroken chain when two processes append and sign at once', async () => {
      const schema = newSchema();
      const [a, b] = [await open(schema), await open(schema)];
      const batch = (proc: number, k: number) => Array.from({ length: 7 }, (_, i) => auditInput(proc * 1000 + k * 10 + i));
      await a.log.append(auditInput(0));
      await a.log.checkpoint(signer, '2026-01-01T00:00:00.000Z'); // a caches its head at 1; b's appends follow it
      const written = await Promise.all([
        ...Array.from({ length: 6 }, (_, k) => a.log.appendMany(batch(1, k))),
        ...Array.from({ length: 6 }, (_, k) => b.log.appendMany(batch(2, k))),
        b.log.checkpoint(signer, '2026-01-01T00:01:00.000Z'),
        a.log.checkpoint(signer, '2026-01-01T00:02:00.000Z'),
      ]);
      // Each batch is contiguous: no other append got in between its events.
      for (const events of written.slice(0, 12) as Array<Array<{ seq: number }>>) {
        expect(events.map((e) => e.seq - events[0]!.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      }
      expect(await a.log.size()).toBe(85);
      expect((await a.log.checkpoint(signer, '2026-01-01T00:03:00.000Z')).treeSize).toBe(85);
      const verified = await verifyStoredLog(b.log, signer);
      expect(verified).toMatchObject({ ok: true, events: 85 });
      expect(verified.checkpoints).toBeGreaterThanOrEqual(2);
      await Promise.all([a.store.close(), b.store.close()]);
    });

    it('leaves no event when the store transaction it was appended in throws, and refuses the handle afterwards', async () => {
      const { store, log } = await open(newSchema());
      let bound: AuditLog | undefined;
      await expect(
        store.transaction(async (tx) => {
          bound = log.within(tx);
          await tx.addNotices([{ id: 'n-1', key: 'k', recipient: 'source:x', subjectId: null, at: 't', kind: 'k', body: {} }]);
          await bound.appendMany([auditInput(0), auditInput(1)]);
          expect(await bound.size()).toBe(2);
          expect(await log.size()).toBe(0); // not committed: other connections do not see it
          throw new Error('the audited work failed');
        }),
      ).rejects.toThrow(/audited work/);
      expect(await log.size()).toBe(0);
      expect(await store.noticesFor('source:x', 10)).toEqual([]);
      await expect(bound!.append(auditInput(2))).rejects.toThrow(/transaction has ended/);
      await store.close();
    });

    it('chains appends made at once inside one transaction', async () => {
      const { store, log } = await open(newSchema());
      await store.transaction(async (tx) => {
        const inTx = log.within(tx);
        await Promise.all(Array.from({ length: 10 }, (_, i) => inTx.append(auditInput(i))));
      });
      expect((await verifyStoredLog(log, signer)).ok).toBe(true);
      expect(await log.size()).toBe(10);
      await store.close();
    });

    it('holds another process\'s append until the transaction that appended commits, then chains after it', async () => {
      const schema = newSchema();
      const [a, b] = [await open(schema), await open(schema)];
      let waiting: Promise<unknown> | undefined;
      let appendedByB = false;
      await a.store.transaction(async (tx) => {
        await a.log.within(tx).append(auditInput(0));
        waiting = b.log.append(auditInput(1)).then((e) => {
          appendedByB = true;
          return e;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(appendedByB).toBe(false); // blocked on the audit lock
      });
      expect(await waiting).toMatchObject({ seq: 1 });
      const [first, second] = await a.log.events(0, 10);
      expect(second?.prevHash).toBe(first?.hash);
      expect((await verifyStoredLog(a.log, signer)).ok).toBe(true);
      await Promise.all([a.store.close(), b.store.close()]);
    });
  });
});
