import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { organizationCodeCheckChar } from './org-code.js';

describe('organizationCodeCheckChar', () => {
  it('computes the GB 11714 check character', () => {
    expect(organizationCodeCheckChar('D2143569')).toBe('X'); // 10 -> X
    expect(organizationCodeCheckChar('00000000')).toBe('0'); // 11 -> 0
    expect(organizationCodeCheckChar('07837628')).toBe('6');
    expect(organizationCodeCheckChar('12345678')).toBe('8');
  });

  it('returns undefined outside its charset or length', () => {
    expect(organizationCodeCheckChar('0783762a')).toBeUndefined();
    expect(organizationCodeCheckChar('0783-628')).toBeUndefined();
    expect(organizationCodeCheckChar('0783762')).toBeUndefined();
    expect(organizationCodeCheckChar('078376280')).toBeUndefined();
  });

  it('detects every single substitution of a digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.nat(7), fc.integer({ min: 0, max: 9 }), (body, pos, digit) => {
        fc.pre(body[pos] !== String(digit));
        const changed = body.slice(0, pos) + String(digit) + body.slice(pos + 1);
        expect(organizationCodeCheckChar(changed)).not.toBe(organizationCodeCheckChar(body));
      }),
    );
  });
});
