import { verifyStoredLog } from '../../src/app/verify-audit.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSigner } from '../../src/adapters/signer-local/local-signer.js';
import type { AuditEventInput } from '../../src/core/audit/audit-event.js';
import { EMPTY_ROOT, leafHash, merkleRoot, verifyInclusion } from '../../src/core/audit/merkle-tree.js';
import { checkpointBody } from '../../src/core/audit/checkpoint.js';
import type { AuditLog } from '../../src/ports/audit-log.js';

export interface AuditLogHarness {
  log: AuditLog;
  /** Run `work` inside the adapter's store transaction (commit on success, roll back on throw). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Run raw SQL against the audit tables behind the adapter's back, as an intruder would. */
  execute(statement: string): Promise<void>;
  close(): Promise<void>;
}

export interface AuditLogAdapter {
  name: string;
  /** A fresh, empty, migrated audit log. */
  create(): Promise<AuditLogHarness>;
}

export const auditInput = (n: number, over: Partial<AuditEventInput> = {}): AuditEventInput => ({
  at: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  actor: n % 3 === 0 ? 'cli:operator' : 'key-0001',
  role: n % 3 === 0 ? 'admin' : 'relying_party',
  action: n % 3 === 0 ? 'records.ingest' : 'subject.read',
  subjectId: n % 3 === 0 ? null : `subject-${n % 4}`,
  purpose: n % 3 === 0 ? null : 'credit_check',
  detail: { n, lines: { added: n, rejected: 0 } },
  simulated: false,
  ...over,
});

/** `audit verify` as the CLI runs it: page through the log in seq order, constant memory. */
/** The AuditLog contract: every adapter must pass these same cases. */
export function auditLogContract(adapter: AuditLogAdapter): void {
  describe(`AuditLog on ${adapter.name}`, () => {
    let h: AuditLogHarness;
    const signer = LocalSigner.generate();
    beforeEach(async () => {
      h = await adapter.create();
    });
    afterEach(async () => h.close());
    const codes = async () => (await verifyStoredLog(h.log, signer)).problems.map((p) => p.code);

    it('chains events from seq 0 and reads them back exactly as appended', async () => {
      const first = await h.log.append(auditInput(0));
      const more = await h.log.appendMany([auditInput(1), auditInput(2), auditInput(3, { simulated: true, detail: {} })]);
      expect(first.seq).toBe(0);
      expect(first.prevHash).toBe('0'.repeat(64));
      expect(more.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(more[0]?.prevHash).toBe(first.hash);
      expect(await h.log.events(0, 100)).toEqual([first, ...more]);
      expect((await h.log.events(2, 1)).map((e) => e.seq)).toEqual([2]);
      expect(await h.log.events(4, 10)).toEqual([]);
      expect(await h.log.size()).toBe(4);
      expect(await h.log.appendMany([])).toEqual([]);
      // The same events with each detail as stored: the canonical JSON the chain hashed.
      const stored = await h.log.storedEvents(1, 2);
      expect(stored.map((s) => s.event)).toEqual(more.slice(0, 2));
      expect(stored.map((s) => JSON.parse(s.detailText) as unknown)).toEqual(more.slice(0, 2).map((e) => e.detail));
    });

    it('lists the latest events about a subject, newest first', async () => {
      await h.log.appendMany(Array.from({ length: 24 }, (_, i) => auditInput(i)));
      const about = await h.log.eventsForSubject('subject-1', 2);
      expect(about.map((e) => e.seq)).toEqual([17, 13]);
      expect((await h.log.eventsForSubject('subject-1', 10)).map((e) => e.seq)).toEqual([17, 13, 5, 1]);
      expect(await h.log.eventsForSubject('nobody', 10)).toEqual([]);
    });

    it('signs the tree head over every event so far, once per size', async () => {
      expect(await h.log.latestCheckpoint()).toBeUndefined();
      const empty = await h.log.checkpoint(signer, '2026-01-01T00:00:00.000Z');
      expect(empty).toMatchObject({ treeSize: 0, rootHash: EMPTY_ROOT.toString('hex'), keyId: signer.keyId });
      const events = await h.log.appendMany(Array.from({ length: 5 }, (_, i) => auditInput(i)));
      const cp = await h.log.checkpoint(signer, '2026-01-01T00:01:00.000Z');
      expect(cp.treeSize).toBe(5);
      expect(cp.rootHash).toBe(merkleRoot(events.map((e) => leafHash(Buffer.from(e.hash, 'hex')))).toString('hex'));
      expect(signer.verify(checkpointBody(cp), cp.signature, cp.keyId)).toBe(true);
      expect(await h.log.checkpoint(signer, '2026-01-01T00:02:00.000Z')).toEqual(cp);
      await h.log.append(auditInput(5));
      const next = await h.log.checkpoint(signer, '2026-01-01T00:03:00.000Z');
      expect(next.treeSize).toBe(6);
      expect(await h.log.latestCheckpoint()).toEqual(next);
      expect((await h.log.checkpoints()).map((c) => c.treeSize)).toEqual([0, 5, 6]);
      expect((await verifyStoredLog(h.log, signer)).ok).toBe(true);
    });

    it('appends inside the caller\'s transaction: rolled back with it, committed with it', async () => {
      await h.log.append(auditInput(0));
      await h.log.checkpoint(signer, '2026-01-01T00:00:00.000Z');
      await expect(h.transaction(async () => {
        await h.log.appendMany([auditInput(1), auditInput(2)]);
        await h.log.checkpoint(signer, '2026-01-01T00:01:00.000Z');
        throw new Error('the audited work failed');
      })).rejects.toThrow(/audited work/);
      expect(await h.log.size()).toBe(1);
      expect((await h.log.checkpoints()).map((c) => c.treeSize)).toEqual([1]);
      await h.transaction(async () => h.log.appendMany([auditInput(3), auditInput(4), auditInput(5)]));
      // A checkpoint after the rollback must not reuse a head built over the rolled-back events.
      expect((await h.log.checkpoint(signer, '2026-01-01T00:02:00.000Z')).treeSize).toBe(4);
      expect(await verifyStoredLog(h.log, signer)).toMatchObject({ ok: true, events: 4, checkpoints: 2 });
    });

    it('fails the request when its event cannot be written, and writes none of the batch', async () => {
      const unwritable = auditInput(1, { detail: { amount: 10n } as Record<string, unknown> });
      await expect(h.log.appendMany([auditInput(0), unwritable])).rejects.toThrow();
      expect(await h.log.size()).toBe(0);
      await expect(h.transaction(async () => {
        await h.log.append(auditInput(0));
        await h.log.append(unwritable);
      })).rejects.toThrow();
      expect(await h.log.size()).toBe(0);
    });

    it('keeps concurrent appends in one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 25 }, (_, i) => h.log.append(auditInput(i))));
      expect((await h.log.events(0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      expect((await verifyStoredLog(h.log, signer)).ok).toBe(true);
    });

    describe('tamper evidence (50 events, checkpoint at 40)', () => {
      beforeEach(async () => {
        await h.log.appendMany(Array.from({ length: 40 }, (_, i) => auditInput(i)));
        await h.log.checkpoint(signer, '2026-01-01T01:00:00.000Z');
        for (let i = 40; i < 50; i++) await h.log.append(auditInput(i));
      });

      it('verifies the untouched log and proves event 7 is in the signed tree of 40', async () => {
        expect(await verifyStoredLog(h.log, signer)).toEqual({ ok: true, problems: [], events: 50, checkpoints: 1 });
        const cp = await h.log.latestCheckpoint();
        const [event] = await h.log.events(7, 1);
        const proof = (await h.log.inclusionProof(7, 40)).map((p) => Buffer.from(p, 'hex'));
        const leaf = leafHash(Buffer.from(event?.hash ?? '', 'hex'));
        expect(verifyInclusion(leaf, 7, 40, proof, Buffer.from(cp?.rootHash ?? '', 'hex'))).toBe(true);
        expect(verifyInclusion(leaf, 8, 40, proof, Buffer.from(cp?.rootHash ?? '', 'hex'))).toBe(false);
        await expect(h.log.inclusionProof(7, 51)).rejects.toThrow();
      });

      it('finds a detail edited with raw SQL', async () => {
        await h.execute(`UPDATE audit_events SET detail = '{"n":12,"lines":{"added":0,"rejected":0}}' WHERE seq = 12`);
        expect(await verifyStoredLog(h.log, signer)).toMatchObject({ ok: false, problems: [{ code: 'XY_AUDIT_EDITED', seq: 12 }] });
      });

      it('finds a row deleted from the middle', async () => {
        await h.execute('DELETE FROM audit_events WHERE seq = 20');
        expect(await codes()).toEqual(['XY_AUDIT_GAP', 'XY_AUDIT_ROOT_MISMATCH']);
      });

      it('finds two rows whose seq were swapped', async () => {
        await h.execute('UPDATE audit_events SET seq = -1 WHERE seq = 10');
        await h.execute('UPDATE audit_events SET seq = 10 WHERE seq = 11');
        await h.execute('UPDATE audit_events SET seq = 11 WHERE seq = -1');
        const found = await codes();
        expect(found).toEqual(expect.arrayContaining(['XY_AUDIT_EDITED', 'XY_AUDIT_ORDER', 'XY_AUDIT_ROOT_MISMATCH']));
      });

      it('finds the log truncated below the checkpoint', async () => {
        await h.execute('DELETE FROM audit_events WHERE seq >= 35');
        expect(await verifyStoredLog(h.log, signer)).toMatchObject({ ok: false, problems: [{ code: 'XY_AUDIT_TRUNCATED' }], events: 35 });
        await expect(h.log.checkpoint(signer, '2026-01-01T02:00:00.000Z')).rejects.toThrow(/refusing to sign/);
      });

      it('finds a forged checkpoint signature', async () => {
        const forged = LocalSigner.generate().sign(Buffer.from('forged'));
        await h.execute(`UPDATE audit_checkpoints SET signature = '${forged}' WHERE tree_size = 40`);
        expect(await codes()).toEqual(['XY_AUDIT_BAD_SIGNATURE']);
      });

      it('refuses to sign a head over events that already break the chain', async () => {
        await h.execute(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = 45`);
        await expect(h.log.checkpoint(signer, '2026-01-01T02:00:00.000Z')).rejects.toThrow(/refusing to sign: audit event 45/);
        expect((await h.log.checkpoints()).map((c) => c.treeSize)).toEqual([40]);
      });
    });
  });
}
