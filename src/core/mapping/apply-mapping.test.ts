import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMapping } from './apply-mapping.js';
import type { Mapping } from './mapping-schema.js';

const mapping: Mapping = {
  schemaVersion: 1, name: 'test', input: { format: 'csv' }, required: ['id'],
  emit: [
    {
      record: {
        source: { const: 'court.x' }, ref: { template: '{case}/{id}' }, revision: { const: 1 }, type: { const: 'judicial.dishonest_debtor' },
        'subject.kind': { field: 'kind', map: { 自然人: 'person' }, otherwise: 'org' }, 'subject.id': { field: 'id' },
        occurredAt: { field: ['reg', 'pub'], date: true }, amount: { field: 'amount', number: true, optional: true },
        status: { field: 'perf', map: { 全部未履行: 'active', 全部已履行: 'resolved' } }, 'attributes.note': { field: 'note', default: 'none' },
      },
    },
    { when: { present: ['removed'] }, record: { source: { const: 'court.x' }, ref: { field: 'case' }, revision: { const: 2 }, type: { const: 't' }, 'subject.kind': { const: 'org' } } },
  ],
};
const row = { id: '11010519491231002X', case: 'C1', kind: '自然人', reg: '', pub: '2019年07月13日', amount: '1.5万元', perf: '全部未履行' };

describe('applyMapping', () => {
  it('derives each field: templates, first non-empty field, tables, dates, amounts, defaults', () => {
    const out = applyMapping(mapping, row);
    expect(out).toEqual({ ok: true, value: [{
      source: 'court.x', ref: 'C1/11010519491231002X', revision: 1, type: 'judicial.dishonest_debtor',
      subject: { kind: 'person', id: '11010519491231002X' }, occurredAt: '2019-07-13', amount: 15000, status: 'active', attributes: { note: 'none' },
    }] });
  });

  it('emits the conditional record only when its fields are present', () => {
    const out = applyMapping(mapping, { ...row, removed: '2020-01-01' });
    expect(out.ok && out.value.map((r) => r.revision)).toEqual([1, 2]);
  });

  it('names the input field and value of every refusal', () => {
    expect(applyMapping(mapping, { ...row, id: ' ' })).toMatchObject({ ok: false, error: { code: 'XY_MAPPING_MISSING', message: expect.stringContaining('"id"') as unknown } });
    expect(applyMapping(mapping, { ...row, perf: '不知道' })).toMatchObject({ ok: false, error: { code: 'XY_MAPPING_VALUE' } });
    expect(applyMapping(mapping, { ...row, pub: '2019-02-30' })).toMatchObject({ ok: false, error: { code: 'XY_MAPPING_DATE', message: expect.stringContaining('"pub"') as unknown } });
    expect(applyMapping(mapping, { ...row, amount: 'some' })).toMatchObject({ ok: false, error: { code: 'XY_MAPPING_NUMBER' } });
    expect(applyMapping(mapping, { ...row, case: '' })).toMatchObject({ ok: false, error: { code: 'XY_MAPPING_MISSING', message: expect.stringContaining('"case"') as unknown } });
  });

  it('never throws, whatever the row holds', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.object());
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('id', 'case', 'kind', 'reg', 'pub', 'amount', 'perf', 'note', 'removed', '__proto__'), value), (r) => {
      const out = applyMapping(mapping, r);
      expect(typeof out.ok).toBe('boolean');
    }));
  });
});
