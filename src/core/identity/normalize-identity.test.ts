import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeIdentity } from './normalize-identity.js';

describe('normalizeIdentity', () => {
  it('trims and removes inner spaces and hyphens', () => {
    expect(normalizeIdentity('  110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normalizeIdentity('110105-19491231-002X')).toBe('11010519491231002X');
    expect(normalizeIdentity('\t91350100\u3000M000100Y43\n')).toBe('91350100M000100Y43');
  });

  it('turns full-width digits and letters into ASCII', () => {
    expect(normalizeIdentity('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdentity('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeIdentity('110105－19491231－002x')).toBe('11010519491231002X');
  });

  it('uppercases', () => {
    expect(normalizeIdentity('91350100m000100y43')).toBe('91350100M000100Y43');
  });

  it('keeps characters it does not understand, so parsers can reject them', () => {
    expect(normalizeIdentity('1101**********002X')).toBe('1101**********002X');
    expect(normalizeIdentity('张三')).toBe('张三');
  });

  it('returns an empty string for blank input', () => {
    expect(normalizeIdentity('  \u3000 ')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeIdentity(s);
        expect(normalizeIdentity(once)).toBe(once);
      }),
    );
  });
});
