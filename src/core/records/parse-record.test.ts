import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { parseRecord } from './parse-record.js';

const policy = defaultPolicy();
const now = '2026-01-01T00:00:00.000Z';
const good = {
  source: 'court.enforcement',
  ref: '(2025)京0105执123号',
  revision: 1,
  type: 'judicial.dishonest_debtor',
  subject: { kind: 'person', id: '11010519491231002X', name: '张三' },
  occurredAt: '2025-03-01',
  severity: 'serious',
  amount: 50000,
  status: 'active',
  attributes: { court: '北京市朝阳区人民法院' },
};
const parse = (over: Record<string, unknown>) => parseRecord({ ...good, ...over }, { policy, now });
const code = (over: Record<string, unknown>) => {
  const r = parse(over);
  return r.ok ? 'ok' : r.error.code;
};

describe('parseRecord', () => {
  it('accepts the contract example and normalises its dates and defaults', () => {
    const r = parseRecord({ ...good, revision: undefined, status: undefined, subject: { kind: 'person', id: '11010519491231002x' } }, { policy, now });
    expect(r.ok && r.value).toMatchObject({
      revision: 1, status: 'active', occurredAt: '2025-03-01T00:00:00.000Z',
      subject: { kind: 'person', idKind: 'resident_id', normalizedId: '11010519491231002X', name: null },
    });
  });

  it.each([
    ['not an object', () => parseRecord([1, 2], { policy, now }), 'XY_RECORD_NOT_OBJECT'],
    ['unknown field', () => parse({ occured_at: '2025-01-01' }), 'XY_RECORD_FIELD'],
    ['bad source', () => parse({ source: 'Court Enforcement' }), 'XY_RECORD_FIELD'],
    ['empty ref', () => parse({ ref: ' ' }), 'XY_RECORD_FIELD'],
    ['revision as text', () => parse({ revision: '2' }), 'XY_RECORD_FIELD'],
    ['revision zero', () => parse({ revision: 0 }), 'XY_RECORD_FIELD'],
    ['unknown type', () => parse({ type: 'social.posted_opinion' }), 'XY_UNKNOWN_RECORD_TYPE'],
    ['checksum', () => parse({ subject: { kind: 'person', id: '110105194912310021' } }), 'XY_ID_CHECKSUM'],
    ['impossible birth date', () => parse({ subject: { kind: 'person', id: '110105194902300028' } }), 'XY_ID_BIRTH_DATE'],
    ['person number on an org', () => parse({ subject: { kind: 'org', id: '11010519491231002X' } }), 'XY_ID_KIND_MISMATCH'],
    ['org number on a person', () => parse({ subject: { kind: 'person', id: '91110000600037341L' } }), 'XY_ID_KIND_MISMATCH'],
    ['masked number', () => parse({ subject: { kind: 'person', id: '1101**********002X' } }), 'XY_ID_UNLINKED'],
    ['no subject kind', () => parse({ subject: { id: '11010519491231002X' } }), 'XY_RECORD_FIELD'],
    ['impossible date', () => parse({ occurredAt: '2025-02-30' }), 'XY_RECORD_DATE'],
    ['future date', () => parse({ occurredAt: '2026-06-01' }), 'XY_RECORD_FUTURE'],
    ['date as number', () => parse({ occurredAt: 20250301 }), 'XY_RECORD_FIELD'],
    ['severity not allowed', () => parse({ severity: 'catastrophic' }), 'XY_RECORD_SEVERITY'],
    ['negative amount', () => parse({ amount: -1 }), 'XY_RECORD_FIELD'],
    ['amount as text', () => parse({ amount: '50000' }), 'XY_RECORD_FIELD'],
    ['unknown status', () => parse({ status: 'deleted' }), 'XY_RECORD_FIELD'],
    ['attributes not an object', () => parse({ attributes: 'x' }), 'XY_RECORD_FIELD'],
    ['related on a conduct record', () => parse({ related: { kind: 'person', id: '11010519491231002X' } }), 'XY_RECORD_FIELD'],
  ])('rejects %s', (_name, run, expected) => {
    const r = run();
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
  });

  it('never echoes a full identity number in an error message', () => {
    const r = parse({ subject: { kind: 'org', id: '11010519491231002X' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).not.toContain('11010519491231002X');
  });

  it('checks declared attributes: daysPastDue is a number on an overdue loan', () => {
    const loan = { type: 'financial.loan_overdue', source: 'bank.icbc', severity: undefined, attributes: { daysPastDue: 'ninety' } };
    expect(code(loan)).toBe('XY_RECORD_FIELD');
    expect(code({ ...loan, attributes: { daysPastDue: 90 } })).toBe('ok');
  });

  it('derives severity from days past due when the furnisher sends none', () => {
    const loan = (days: number, severity?: string) => parseRecord({ ...good, type: 'financial.loan_overdue', source: 'bank.icbc', severity, attributes: { daysPastDue: days } }, { policy, now });
    const severityOf = (r: ReturnType<typeof loan>) => (r.ok ? r.value.severity : r.error.code);
    expect([5, 31, 90, 91, 400].map((d) => severityOf(loan(d)))).toEqual(['minor', 'general', 'general', 'serious', 'serious']);
    expect(severityOf(loan(400, 'minor'))).toBe('minor');
  });

  it('requires a related subject of an allowed kind on relation records', () => {
    const rel = { type: 'relation.legal_representative', subject: { kind: 'org', id: '91110000600037341L' }, severity: undefined, amount: undefined, attributes: undefined };
    expect(code(rel)).toBe('XY_RECORD_FIELD');
    expect(code({ ...rel, related: { kind: 'person', id: '11010519491231002X', name: '张三' } })).toBe('ok');
    expect(code({ ...rel, related: { kind: 'org', id: '91110000600037341L' } })).not.toBe('ok');
  });
});
