import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIdentity } from './check-identity.js';
import { residentIdCheckChar } from './resident-id.js';
import { usccCheckChar } from './uscc.js';

const TODAY = '2025-06-15';

describe('checkIdentity', () => {
  it('reports a resident ID', () => {
    expect(checkIdentity('11010519491231002X', TODAY)).toEqual({
      input: '11010519491231002X',
      valid: true,
      kind: 'resident_id',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      region: '北京市朝阳区',
      regionCode: '110105',
    });
  });

  it('reports a legacy resident ID by its 18-digit form, echoing the input', () => {
    expect(checkIdentity(' 110105491231002 ', TODAY)).toMatchObject({
      input: ' 110105491231002 ',
      valid: true,
      kind: 'resident_id',
      normalized: '11010519491231002X',
    });
  });

  it('reports a USCC', () => {
    expect(checkIdentity('91350100M000100Y43', TODAY)).toEqual({
      input: '91350100M000100Y43',
      valid: true,
      kind: 'uscc',
      normalized: '91350100M000100Y43',
      region: '福建省福州市',
      regionCode: '350100',
      authority: { code: '9', name: '工商' },
      orgType: { code: '1', name: '企业' },
      organizationCode: 'M000100Y4',
    });
  });

  it('reports a USCC whose organisation code fails its check as valid, with a warning', () => {
    const code = '9111010507837628' + '7';
    const check = checkIdentity(code + usccCheckChar(code), TODAY);
    expect(check.valid).toBe(true);
    expect(check.warnings).toEqual([expect.stringContaining('GB 11714')]);
  });

  it('warns when a resident ID is also a valid USCC', () => {
    const check = checkIdentity('11010519491231037X', TODAY);
    expect(check).toMatchObject({ valid: true, kind: 'resident_id', warnings: [expect.stringContaining('USCC')] });
  });

  it('reports an invalid value with its error and no details', () => {
    expect(checkIdentity('110105194912310021', TODAY)).toEqual({
      input: '110105194912310021',
      valid: false,
      kind: null,
      normalized: null,
      error: { code: 'XY_ID_CHECKSUM', message: 'identity number 1101**********0021 fails its check digit' },
    });
    expect(checkIdentity('', TODAY)).toMatchObject({ valid: false, error: { code: 'XY_ID_EMPTY' } });
  });

  it('never shows more of an invalid number than its mask', () => {
    const inputs = fc.oneof(
      fc.stringMatching(/^\d{17}[\dX]$/),
      fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{18}$/),
      fc.stringMatching(/^\d{15}$/),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        const check = checkIdentity(input, TODAY);
        if (!check.valid) expect(check.error?.message).not.toContain(input.slice(4, 14));
      }),
    );
  });

  it('finds every valid resident ID valid', () => {
    const first17 = fc
      .tuple(fc.stringMatching(/^\d{6}$/), fc.date({ min: new Date('1900-01-01'), max: new Date(TODAY), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/))
      .map(([region, date, seq]) => region + date.toISOString().slice(0, 10).replaceAll('-', '') + seq);
    fc.assert(
      fc.property(first17, (body) => {
        const check = checkIdentity(body + residentIdCheckChar(body), TODAY);
        expect(check).toMatchObject({ valid: true, kind: 'resident_id' });
      }),
    );
  });
});
