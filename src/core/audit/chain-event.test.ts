import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEventInput } from './audit-event.js';
import { canonicalJson } from '../canonical-json.js';
import { chainEvent, eventBody, eventHash } from './chain-event.js';

const sampleInput = (over: Partial<AuditEventInput> = {}): AuditEventInput => ({
  at: '2026-01-01T00:00:00.000Z',
  actor: 'cli:operator',
  role: 'admin',
  action: 'subject.read',
  subjectId: '01900000-0000-7000-8000-000000000001',
  purpose: 'credit_check',
  detail: { records: 3, outcome: 'ok' },
  simulated: false,
  ...over,
});

describe('chainEvent', () => {
  it('links to the previous hash, starting from 64 zeros', () => {
    const first = chainEvent(sampleInput(), 0, GENESIS_HASH);
    const second = chainEvent(sampleInput({ action: 'decision' }), 1, first.hash);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).not.toBe(first.hash);
  });

  it('hashes the meaning of detail, not its key order, and drops what JSON cannot hold', () => {
    const a = chainEvent(sampleInput({ detail: { b: 1, a: { y: 2, x: 1 } } }), 0, GENESIS_HASH);
    const b = chainEvent(sampleInput({ detail: { a: { x: 1, y: 2 }, b: 1, gone: undefined } }), 0, GENESIS_HASH);
    expect(b.hash).toBe(a.hash);
    expect(b.detail).toEqual({ a: { x: 1, y: 2 }, b: 1 });
    expect('gone' in b.detail).toBe(false);
  });

  it('changes the hash when any field, the position or the previous hash changes', () => {
    const base = sampleInput();
    const h = eventHash(base, 5, GENESIS_HASH);
    const changes: Array<Partial<AuditEventInput>> = [
      { at: '2026-01-01T00:00:00.001Z' }, { actor: 'key-1' }, { role: 'auditor' }, { action: 'decision' },
      { subjectId: null }, { purpose: null }, { detail: { records: 4, outcome: 'ok' } }, { simulated: true },
    ];
    for (const change of changes) expect(eventHash({ ...base, ...change }, 5, GENESIS_HASH)).not.toBe(h);
    expect(eventHash(base, 6, GENESIS_HASH)).not.toBe(h);
    expect(eventHash(base, 5, 'f'.repeat(64))).not.toBe(h);
  });

  it('is deterministic for any input', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (actor, detail, seq) => {
        const input = sampleInput({ actor, detail });
        expect(chainEvent(input, seq, GENESIS_HASH).hash).toBe(chainEvent(structuredClone(input), seq, GENESIS_HASH).hash);
      }),
    );
  });

  it('refuses a negative seq or a malformed previous hash', () => {
    expect(() => chainEvent(sampleInput(), -1, GENESIS_HASH)).toThrow(RangeError);
    expect(() => chainEvent(sampleInput(), 0, 'abc')).toThrow(RangeError);
  });
});

describe('eventBody', () => {
  it('equals the canonical JSON of the whole event, whatever the field values', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(
        fc.record({
          at: text, actor: text, role: text, action: text,
          subjectId: fc.option(text), purpose: fc.option(text),
          detail: fc.dictionary(text, fc.jsonValue()), simulated: fc.boolean(),
        }),
        fc.nat(),
        (input, seq) => {
          const detail = input.detail as Record<string, unknown>;
          expect(eventBody({ ...input, detail }, seq, canonicalJson(detail))).toBe(canonicalJson({ seq, ...input, detail }));
        },
      ),
    );
  });
});
