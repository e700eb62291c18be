import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isMaskedIdentity, maskIdentity } from './mask-identity.js';

describe('maskIdentity', () => {
  it('keeps the first 4 and last 4 characters of an 18-character number', () => {
    expect(maskIdentity('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdentity('91350100M000100Y43')).toBe('9135**********0Y43');
  });

  it('keeps less of shorter values', () => {
    expect(maskIdentity('110105491231002')).toBe('110*********002');
    expect(maskIdentity('12345678')).toBe('12****78');
    expect(maskIdentity('1234567')).toBe('1*****7');
    expect(maskIdentity('123')).toBe('***');
    expect(maskIdentity('')).toBe('');
  });

  it('never keeps more than 4 at each end of longer values', () => {
    expect(maskIdentity('1234567890123456789012')).toBe('1234**************9012');
  });

  it('recognises its own output', () => {
    expect(isMaskedIdentity(maskIdentity('11010519491231002X'))).toBe(true);
    expect(isMaskedIdentity('11010519491231002X')).toBe(false);
  });

  it('never reveals more than 8 characters nor more than half of the value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => !s.includes('*')), (s) => {
        const chars = Array.from(s);
        const masked = Array.from(maskIdentity(s));
        expect(masked).toHaveLength(chars.length);
        const revealed = masked.filter((ch) => ch !== '*').length;
        expect(revealed).toBeLessThanOrEqual(8);
        expect(revealed).toBeLessThanOrEqual(Math.floor(chars.length / 2));
        masked.forEach((ch, i) => {
          if (ch !== '*') expect(ch).toBe(chars[i]);
        });
      }),
    );
  });
});
