import { describe, expect, it } from 'vitest';
import { identifySubjectNumber } from './identify.js';
import { parseResidentId, residentIdCheckChar } from './resident-id.js';
import { parseUscc, usccCheckChar } from './uscc.js';

const TODAY = '2025-06-15';

function errorCode(input: string): string | undefined {
  const result = identifySubjectNumber(input, TODAY);
  return result.ok ? undefined : result.error.code;
}

describe('identifySubjectNumber', () => {
  it('identifies a resident ID', () => {
    const result = identifySubjectNumber('11010519491231002x', TODAY);
    expect(result.ok && result.value).toMatchObject({
      kind: 'resident_id',
      normalized: '11010519491231002X',
      info: { birthDate: '1949-12-31', sex: 'female' },
      warnings: [],
    });
  });

  it('identifies a legacy 15-digit resident ID by its 18-digit form', () => {
    const result = identifySubjectNumber('110105491231002', TODAY);
    expect(result.ok && result.value).toMatchObject({
      kind: 'resident_id',
      normalized: '11010519491231002X',
      info: { upgradedFrom: '110105491231002' },
    });
  });

  it('identifies a USCC, including an all-digit one', () => {
    expect(identifySubjectNumber('91350100M000100Y43', TODAY)).toMatchObject({ ok: true, value: { kind: 'uscc' } });
    expect(identifySubjectNumber('911522010783762860', TODAY)).toMatchObject({ ok: true, value: { kind: 'uscc' } });
  });

  it('prefers a resident ID when the value is valid as both, with a warning', () => {
    const both = '11010519491231037X';
    expect(parseResidentId(both, TODAY).ok).toBe(true);
    expect(parseUscc(both).ok).toBe(true);
    const result = identifySubjectNumber(both, TODAY);
    expect(result.ok && result.value.kind).toBe('resident_id');
    expect(result.ok && result.value.warnings).toEqual([expect.stringContaining('also a valid USCC')]);
  });

  it('reports the USCC error for values with letters other than a final X', () => {
    expect(errorCode('91350100M000100Y44')).toBe('XY_USCC_CHECKSUM');
    expect(errorCode('91350100M000100I43')).toBe('XY_USCC_CHARSET');
    expect(errorCode('1101051949123100X2')).toBe('XY_USCC_CHECKSUM');
  });

  it('reports the resident-ID error for all-digit values', () => {
    expect(errorCode('110105194912310021')).toBe('XY_ID_CHECKSUM');
    expect(errorCode('11010520300101002' + residentIdCheckChar('11010520300101002'))).toBe('XY_ID_FUTURE_BIRTH');
    // An impossible date whose USCC check also fails: still a resident ID gone wrong.
    expect(usccCheckChar('11010519491331002')).not.toBe('1');
    expect(errorCode('110105194913310021')).toBe('XY_ID_BIRTH_DATE');
  });

  it('reports the USCC error for digits with an impossible date but a correct USCC check', () => {
    const meantAsUscc = '010105194913310032'; // authority 0 is undefined; MOD 31 check is right
    expect(usccCheckChar(meantAsUscc.slice(0, 17))).toBe('2');
    expect(errorCode(meantAsUscc)).toBe('XY_USCC_AUTHORITY');
  });

  it('rejects empty, masked and wrong-length values', () => {
    expect(errorCode(' ')).toBe('XY_ID_EMPTY');
    expect(errorCode('1101**********002X')).toBe('XY_ID_FORMAT');
    expect(errorCode('1101051949123100')).toBe('XY_ID_FORMAT');
    expect(errorCode('11010519491231002X0')).toBe('XY_ID_FORMAT');
    expect(errorCode('11010549123100X')).toBe('XY_ID_FORMAT');
    expect(errorCode('张三')).toBe('XY_ID_FORMAT');
  });
});
