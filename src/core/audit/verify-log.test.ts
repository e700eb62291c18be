import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from './audit-event.js';
import { chainEvent } from './chain-event.js';
import { checkpointBody, type Checkpoint } from './checkpoint.js';
import { leafHash, merkleRoot } from './merkle-tree.js';
import { verifyLog } from './verify-log.js';

// A stand-in for Ed25519: the core only ever sees a verify function.
const sign = (body: Buffer) => createHmac('sha256', 'test-key').update(body).digest('base64');
const verify = (body: Buffer, signature: string, keyId: string) => keyId === 'k1' && sign(body) === signature;

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const e = chainEvent(
      { at: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'cli:operator', role: 'admin', action: seq % 2 ? 'subject.read' : 'records.ingest',
        subjectId: `s-${seq % 5}`, purpose: null, detail: { n: seq }, simulated: false },
      seq, prev,
    );
    events.push(e);
    prev = e.hash;
  }
  return events;
}

function checkpointOf(events: readonly AuditEvent[], treeSize: number): Checkpoint {
  const rootHash = merkleRoot(events.slice(0, treeSize).map((e) => leafHash(Buffer.from(e.hash, 'hex')))).toString('hex');
  const head = { treeSize, rootHash, at: '2026-01-02T00:00:00.000Z', keyId: 'k1' };
  return { ...head, signature: sign(checkpointBody(head)) };
}

const codes = (events: AuditEvent[], checkpoints: Checkpoint[]) => verifyLog(events, checkpoints, verify).problems.map((p) => p.code);

describe('verifyLog', () => {
  const events = chain(30);
  const checkpoints = [checkpointOf(events, 0), checkpointOf(events, 10), checkpointOf(events, 25)];

  it('accepts an intact log with its checkpoints', () => {
    expect(verifyLog(events, checkpoints, verify)).toEqual({ ok: true, problems: [], events: 30, checkpoints: 3 });
    expect(verifyLog([], [], verify).ok).toBe(true);
  });

  it('finds an edited event', () => {
    const edited = events.map((e) => (e.seq === 12 ? { ...e, detail: { n: 999 } } : e));
    expect(verifyLog(edited, checkpoints, verify).problems).toEqual([{ code: 'XY_AUDIT_EDITED', seq: 12, message: expect.stringMatching(/event 12/) }]);
  });

  it('finds an edit whose hashes were recomputed, through the checkpoint root', () => {
    const forged = chain(30).map((e) => (e.seq === 3 ? chainEvent({ ...e, detail: { n: -1 } }, 3, e.prevHash) : e));
    expect(codes(forged, checkpoints)).toEqual(['XY_AUDIT_ORDER', 'XY_AUDIT_ROOT_MISMATCH', 'XY_AUDIT_ROOT_MISMATCH']);
  });

  it('finds a deleted event as a gap', () => {
    const deleted = events.filter((e) => e.seq !== 27);
    expect(verifyLog(deleted, checkpoints, verify).problems).toEqual([{ code: 'XY_AUDIT_GAP', seq: 28, message: 'audit event 27 is missing' }]);
    expect(codes(events.filter((e) => e.seq !== 5 && e.seq !== 6), checkpoints)).toEqual(['XY_AUDIT_GAP', 'XY_AUDIT_ROOT_MISMATCH', 'XY_AUDIT_ROOT_MISMATCH']);
  });

  it('finds two events that swapped places', () => {
    const swapped = [...events];
    [swapped[14], swapped[15]] = [{ ...(events[15] as AuditEvent), seq: 14 }, { ...(events[14] as AuditEvent), seq: 15 }];
    const found = codes(swapped, checkpoints);
    expect(found).toContain('XY_AUDIT_ORDER');
    expect(found).toContain('XY_AUDIT_EDITED');
    // Stored out of seq order (no renumbering) is a reordering too.
    expect(codes([events[0], events[2], events[1]] as AuditEvent[], [])).toEqual(['XY_AUDIT_GAP', 'XY_AUDIT_ORDER']);
  });

  it('finds truncation below the last checkpoint, but cannot see it above', () => {
    expect(verifyLog(events.slice(0, 20), checkpoints, verify).problems).toEqual([
      { code: 'XY_AUDIT_TRUNCATED', seq: 20, message: 'the audit log holds 20 events but a checkpoint covers 25: it was truncated' },
    ]);
    expect(verifyLog(events.slice(0, 26), checkpoints, verify).ok).toBe(true);
  });

  it('finds a forged or unknown-key checkpoint signature', () => {
    const forged = [...checkpoints.slice(0, 2), { ...(checkpoints[2] as Checkpoint), signature: sign(Buffer.from('other')) }];
    expect(verifyLog(events, forged, verify).problems).toEqual([expect.objectContaining({ code: 'XY_AUDIT_BAD_SIGNATURE' })]);
    expect(codes(events, [{ ...(checkpoints[1] as Checkpoint), keyId: 'k2' }])).toEqual(['XY_AUDIT_BAD_SIGNATURE']);
    // A root that does not match its own events is caught even when the signature is good.
    const lying = checkpointOf(chain(31).map((e) => ({ ...e, hash: e.hash.replace(/^./, 'f') })), 10);
    expect(codes(events, [lying])).toEqual(['XY_AUDIT_ROOT_MISMATCH']);
  });

  it('detects any single edit, deletion, swap or truncation of a checkpointed log', () => {
    const fields = ['at', 'actor', 'role', 'action', 'subjectId', 'purpose', 'detail', 'simulated', 'prevHash', 'hash'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.constantFrom('edit', 'delete', 'swap', 'truncate'), fc.constantFrom(...fields))),
        ([n, at, kind, field]) => {
          const log = chain(n);
          const cps = [checkpointOf(log, n)];
          let tampered: AuditEvent[];
          if (kind === 'edit') {
            const e = log[at] as AuditEvent;
            const value = field === 'simulated' ? !e.simulated : field === 'detail' ? { n: -1 } : field === 'prevHash' || field === 'hash' ? 'e'.repeat(64) : `${String(e[field])}x`;
            tampered = log.map((x) => (x.seq === at ? { ...x, [field]: value } : x));
          } else if (kind === 'delete') {
            tampered = log.filter((x) => x.seq !== at);
          } else if (kind === 'swap') {
            const other = (at + 1) % n;
            tampered = log.map((x) => (x.seq === at ? { ...(log[other] as AuditEvent), seq: at } : x.seq === other ? { ...(log[at] as AuditEvent), seq: other } : x));
          } else {
            tampered = log.slice(0, at);
          }
          expect(verifyLog(tampered, cps, verify).ok).toBe(false);
        }),
      { numRuns: 400 },
    );
  });
});
