import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseResidentId, residentIdCheckChar, upgradeLegacyResidentId } from './resident-id.js';

const TODAY = '2025-06-15';
const withCheck = (first17: string): string => first17 + residentIdCheckChar(first17);

function expectError(input: string, code: string, today = TODAY): void {
  const result = parseResidentId(input, today);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
}

describe('residentIdCheckChar', () => {
  it('computes ISO 7064 MOD 11-2, with X for 10', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    // Worked by hand: weighted sum 248, 248 mod 11 = 6, (12 - 6) mod 11 = 6.
    expect(residentIdCheckChar('44030519900307123')).toBe('6');
    expect(residentIdCheckChar('00000000000000000')).toBe('1');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('upgradeLegacyResidentId', () => {
  it('inserts the century and appends the check character', () => {
    expect(upgradeLegacyResidentId('110105491231002')).toBe('11010519491231002X');
  });

  it('rejects anything but 15 digits', () => {
    expect(() => upgradeLegacyResidentId('11010549123100')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('parses a valid number', () => {
    expect(parseResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: {
        kind: 'resident_id',
        normalized: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
        region: '北京市朝阳区',
      },
    });
  });

  it('reads the sex from the 17th digit (odd = male)', () => {
    const male = parseResidentId(withCheck('44030519900307123'), TODAY);
    expect(male.ok && male.value.sex).toBe('male');
  });

  it('accepts a lowercase x, spaces and full-width digits', () => {
    const result = parseResidentId(' 110105 19491231 002x', TODAY);
    expect(result.ok && result.value.normalized).toBe('11010519491231002X');
    const wide = parseResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY);
    expect(wide.ok && wide.value.normalized).toBe('11010519491231002X');
  });

  it('upgrades a legacy 15-digit number', () => {
    const result = parseResidentId('110105491231002', TODAY);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        normalized: '11010519491231002X',
        birthDate: '1949-12-31',
        upgradedFrom: '110105491231002',
      }),
    });
  });

  it('accepts a region code it does not know, without a region name', () => {
    const result = parseResidentId(withCheck('99010519491231002'), TODAY);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.regionCode).toBe('990105');
      expect(result.value).not.toHaveProperty('region');
    }
  });

  it('accepts leap days in leap years only', () => {
    expect(parseResidentId(withCheck('11010520000229001'), TODAY).ok).toBe(true);
    expect(parseResidentId(withCheck('11010519960229001'), TODAY).ok).toBe(true);
    expectError(withCheck('11010519000229001'), 'XY_ID_BIRTH_DATE'); // 1900 is not a leap year
    expectError(withCheck('11010520230229001'), 'XY_ID_BIRTH_DATE');
    expectError('110105230229001', 'XY_ID_BIRTH_DATE'); // legacy: 1923-02-29
  });

  it('rejects impossible birth dates and years before 1800', () => {
    expectError(withCheck('11010519491331002'), 'XY_ID_BIRTH_DATE');
    expectError(withCheck('11010519490431002'), 'XY_ID_BIRTH_DATE');
    expectError(withCheck('11010519490000002'), 'XY_ID_BIRTH_DATE');
    expectError(withCheck('11010517991231002'), 'XY_ID_BIRTH_DATE');
    expect(parseResidentId(withCheck('11010518000101002'), TODAY).ok).toBe(true);
  });

  it('rejects a birth date after today but accepts one born today', () => {
    expectError(withCheck('11010520250616002'), 'XY_ID_FUTURE_BIRTH');
    expect(parseResidentId(withCheck('11010520250615002'), TODAY).ok).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expectError('110105194912310021', 'XY_ID_CHECKSUM');
    expectError('110105194912310020', 'XY_ID_CHECKSUM');
  });

  it('rejects empty input and malformed numbers', () => {
    expectError('', 'XY_ID_EMPTY');
    expectError('   ', 'XY_ID_EMPTY');
    expectError('1101051949123100', 'XY_ID_FORMAT');
    expectError('1101051949123100X2', 'XY_ID_FORMAT');
    expectError('91350100M000100Y43', 'XY_ID_FORMAT');
    expectError('11010549123100X', 'XY_ID_FORMAT');
  });

  it('never puts the full number in an error message', () => {
    const result = parseResidentId('110105194912310021', TODAY);
    expect(!result.ok && result.error.message).toContain('1101**********0021');
    expect(!result.ok && result.error.message).not.toContain('110105194912310021');
  });

  it('rejects a malformed today as a programming error', () => {
    expect(() => parseResidentId('11010519491231002X', '2025-6-15')).toThrow(RangeError);
  });
});

// A 17-digit body with a real birth date between 1800 and TODAY.
const body = fc
  .record({
    region: fc.stringMatching(/^\d{6}$/),
    birth: fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    sequence: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ region, birth, sequence }) => ({
    first17: region + birth.toISOString().slice(0, 10).replaceAll('-', '') + sequence,
    birthDate: birth.toISOString().slice(0, 10),
  }));

describe('parseResidentId properties', () => {
  it('parses any body with a real past birth date and its check character, and round-trips', () => {
    fc.assert(
      fc.property(body, ({ first17, birthDate }) => {
        const id = first17 + residentIdCheckChar(first17);
        const result = parseResidentId(id, TODAY);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.normalized).toBe(id);
        expect(result.value.birthDate).toBe(birthDate);
        expect(result.value.sex).toBe(Number(first17[16]) % 2 === 1 ? 'male' : 'female');
        const again = parseResidentId(result.value.normalized, TODAY);
        expect(again.ok && again.value).toEqual(result.value);
      }),
    );
  });

  it('detects every single-character substitution', () => {
    const alphabet = '0123456789X'.split('');
    fc.assert(
      fc.property(body, fc.nat(17), fc.constantFrom(...alphabet), ({ first17 }, pos, ch) => {
        const id = first17 + residentIdCheckChar(first17);
        fc.pre(id[pos] !== ch);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(parseResidentId(changed, TODAY).ok).toBe(false);
        // The check character alone catches it, whatever the date checks say.
        if (/^\d{17}[\dX]$/.test(changed)) {
          expect(residentIdCheckChar(changed.slice(0, 17))).not.toBe(changed[17]);
        }
      }),
    );
  });
});
