import { describe, expect, it } from 'vitest';
import { dateDigits, identityForm, prepareEvidence } from './evidence.js';

describe('prepareEvidence', () => {
  it('compares a 15-digit legacy number in its 18-digit form and takes birth date and region from it', () => {
    expect(identityForm('110105491231002')).toBe('11010519491231002X');
    const r = prepareEvidence({ name: '张三', idNumber: '110105491231002' });
    expect(r).toMatchObject({ id: '11010519491231002X', idValidResident: true, birth: '19491231', birthYear: 1949, region: '110105' });
  });

  it('keeps a masked number masked and takes nothing from it', () => {
    const r = prepareEvidence({ idNumber: '1101**********002x' });
    expect(r).toMatchObject({ id: '1101**********002X', idMasked: true, idValidResident: false, birth: '', region: '' });
  });

  it('reads the usual date spellings', () => {
    expect(['1980-01-02', '19800102', '1980/1/2', '02/01/1980', '1980年1月2日'].map(dateDigits)).toEqual(Array(5).fill('19800102'));
    expect(dateDigits('1980')).toBe('');
    expect(dateDigits('')).toBe('');
  });

  it('normalises phones and emails', () => {
    expect(prepareEvidence({ phone: '+86 138-0013-8000', email: ' Li.Na@QQ.com ' })).toMatchObject({ phone: '13800138000', email: 'li.na@qq.com', emailLocal: 'li.na' });
  });
});
