import { describe, expect, it } from 'vitest';
import { maskIdentity } from '../identity/mask-identity.js';
import { maskNumbersIn } from './mask-comparison.js';

describe('maskNumbersIn', () => {
  it('masks full numbers in an explanation and leaves masked numbers and dates alone', () => {
    expect(maskNumbersIn('idNumber "4405**********1239" / "440582198001011239": masked parts agree, +13.43 bits'))
      .toBe('idNumber "4405**********1239" / "4405**********1239": masked parts agree, +13.43 bits');
    expect(maskNumbersIn('birthDate "1980-01-01" / "19800101": exact, +12.95 bits')).toBe('birthDate "1980-01-01" / "19800101": exact, +12.95 bits');
  });

  it('masks legacy 15-digit numbers and USCCs too, but not a longer run of digits', () => {
    expect(maskNumbersIn('a 110105491231002 b')).toBe(`a ${maskIdentity('110105491231002')} b`);
    expect(maskNumbersIn('张三91350100M000100Y43')).toBe('张三9135**********0Y43');
    expect(maskNumbersIn('12345678901234567890')).toBe('12345678901234567890');
  });
});
