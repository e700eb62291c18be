import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { organizationCodeCheckChar } from './org-code.js';
import { USCC_AUTHORITIES } from './uscc-authorities.js';
import { parseUscc, USCC_CHARSET, usccCheckChar } from './uscc.js';

const withCheck = (first17: string): string => first17 + usccCheckChar(first17);
/** A USCC whose embedded organisation code is valid. */
const build = (prefix8: string, orgBody8: string): string =>
  withCheck(prefix8 + orgBody8 + organizationCodeCheckChar(orgBody8)!);

function expectError(input: string, code: string): void {
  const result = parseUscc(input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
}

describe('usccCheckChar', () => {
  it('computes the GB 32100 MOD 31 check character', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('12120000401359081')).toBe('6');
    expect(usccCheckChar('91152201078377449')).toBe('P');
  });

  it('rejects a wrong length or a character outside its alphabet', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
  });
});

describe('parseUscc', () => {
  it('parses a valid code', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      value: {
        kind: 'uscc',
        normalized: '91350100M000100Y43',
        authority: { code: '9', name: '工商' },
        orgType: { code: '1', name: '企业' },
        regionCode: '350100',
        region: '福建省福州市',
        organizationCode: 'M000100Y4',
        organizationCodeValid: true,
        warnings: [],
      },
    });
  });

  it('normalises before parsing', () => {
    const result = parseUscc(' 9135 0100-m000 100y43 ');
    expect(result.ok && result.value.normalized).toBe('91350100M000100Y43');
  });

  it('names the national registration region and leaves unknown regions unnamed', () => {
    const national = parseUscc(build('12100000', '40000011'));
    expect(national.ok && national.value.region).toBe('全国');
    const unknown = parseUscc(build('91990000', '40000011'));
    expect(unknown.ok).toBe(true);
    expect(unknown.ok && unknown.value).not.toHaveProperty('region');
  });

  it('accepts every authority and type code of the standard', () => {
    for (const [authority, { types }] of Object.entries(USCC_AUTHORITIES)) {
      for (const type of Object.keys(types)) {
        const result = parseUscc(build(`${authority}${type}110105`, '07837628'));
        expect(result.ok, `${authority}${type}`).toBe(true);
      }
    }
  });

  it('warns, but accepts, when the embedded organisation code fails its own check', () => {
    const result = parseUscc(withCheck('9111010507837628' + '7'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.organizationCode).toBe('078376287');
    expect(result.value.organizationCodeValid).toBe(false);
    expect(result.value.warnings).toEqual([expect.stringContaining('GB 11714')]);
  });

  it('says why an individual business carries an invalid organisation code', () => {
    // 92340602MA2PBQAH7E is published and valid; the same body with another check character is not.
    expect(organizationCodeCheckChar('MA2PBQAH')).toBe('7');
    const result = parseUscc(withCheck('92340602MA2PBQAH8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.organizationCodeValid).toBe(false);
    expect(result.value.warnings[0]).toContain('个体工商户');
  });

  it('rejects empty input and the wrong length', () => {
    expectError('', 'XY_ID_EMPTY');
    expectError('91350100M000100Y4', 'XY_ID_FORMAT');
    expectError('91350100M000100Y433', 'XY_ID_FORMAT');
  });

  it('rejects characters outside its alphabet, naming the position', () => {
    for (const ch of ['I', 'O', 'S', 'V', 'Z', '*']) {
      const result = parseUscc(`91350100M000100${ch}43`);
      expect(!result.ok && result.error).toMatchObject({ code: 'XY_USCC_CHARSET', message: expect.stringContaining('position 16') });
    }
  });

  it('rejects a wrong check character, masking the code in the message', () => {
    const result = parseUscc('91350100M000100Y44');
    expect(!result.ok && result.error.code).toBe('XY_USCC_CHECKSUM');
    expect(!result.ok && result.error.message).toContain('9135**********0Y44');
    expect(!result.ok && result.error.message).not.toContain('91350100M000100Y44');
  });

  it('rejects undefined authority and type codes', () => {
    expectError(build('01110105', '07837628'), 'XY_USCC_AUTHORITY');
    expectError(build('B1110105', '07837628'), 'XY_USCC_AUTHORITY');
    expectError(build('94110105', '07837628'), 'XY_USCC_ORG_TYPE');
    expectError(build('99110105', '07837628'), 'XY_USCC_ORG_TYPE');
    expectError(build('Y2110105', '07837628'), 'XY_USCC_ORG_TYPE');
  });

  it('rejects letters in the region code', () => {
    expectError(build('9111A105', '07837628'), 'XY_ID_FORMAT');
  });
});

const authorityAndType = fc.constantFrom(
  ...Object.entries(USCC_AUTHORITIES).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t)),
);
const validUscc = fc
  .tuple(authorityAndType, fc.stringMatching(/^\d{6}$/), fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 9, maxLength: 9 }))
  .map(([at, region, subject]) => withCheck(at + region + subject));

describe('parseUscc properties', () => {
  it('parses any code with defined authority and type and its check character, and round-trips', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        const result = parseUscc(code);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.normalized).toBe(code);
        expect(result.value.organizationCodeValid).toBe(result.value.warnings.length === 0);
        const again = parseUscc(result.value.normalized);
        expect(again.ok && again.value).toEqual(result.value);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.constantFrom(...USCC_CHARSET), (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(parseUscc(changed).ok).toBe(false);
        expect(usccCheckChar(changed.slice(0, 17))).not.toBe(changed[17]);
      }),
    );
  });
});
