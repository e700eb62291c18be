import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.js';
import type { ParsedRecord } from './record-input.js';

const base: ParsedRecord = {
  source: 'court.enforcement', ref: 'r1', revision: 1, type: 'judicial.dishonest_debtor',
  subject: { kind: 'person', idKind: 'resident_id', normalizedId: '11010519491231002X', name: '张三' },
  related: null, occurredAt: '2025-03-01T00:00:00.000Z', severity: 'serious', amount: 5, status: 'active', attributes: { b: 1, a: [1, 2] },
};

describe('contentHash', () => {
  it('ignores attribute key order but not attribute values', () => {
    expect(contentHash({ ...base, attributes: { a: [1, 2], b: 1 } }, 'i', null)).toBe(contentHash(base, 'i', null));
    expect(contentHash({ ...base, attributes: { a: [2, 1], b: 1 } }, 'i', null)).not.toBe(contentHash(base, 'i', null));
  });

  it('changes when any contract field changes', () => {
    fc.assert(
      fc.property(fc.constantFrom('source', 'ref', 'revision', 'type', 'occurredAt', 'severity', 'amount', 'status'), (field) => {
        const changed = { ...base, [field]: field === 'revision' || field === 'amount' ? 99 : 'other' } as ParsedRecord;
        expect(contentHash(changed, 'i', null)).not.toBe(contentHash(base, 'i', null));
      }),
    );
    expect(contentHash(base, 'other-index', null)).not.toBe(contentHash(base, 'i', null));
  });

  it('never contains the identity number itself in what it hashes', () => {
    // The number enters only as the blind index: the same record with another number but the same index hashes the same.
    const other = { ...base, subject: { ...base.subject, normalizedId: '110105194912310037' } };
    expect(contentHash(other, 'i', null)).toBe(contentHash(base, 'i', null));
  });
});
