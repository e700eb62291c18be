import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalKeyRing } from './local-key-ring.js';

describe('LocalKeyRing', () => {
  const ring = new LocalKeyRing(randomBytes(32));

  it('round-trips any number and never stores it in the clear', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{18}$/), (id) => {
        const sealed = ring.seal(id);
        expect(sealed.includes(Buffer.from(id))).toBe(false);
        expect(ring.open(sealed)).toBe(id);
      }),
    );
  });

  it('gives a stable blind index per key, different under another key', () => {
    const id = '11010519491231002X';
    expect(ring.blindIndex(id)).toBe(ring.blindIndex(id));
    expect(new LocalKeyRing(randomBytes(32)).blindIndex(id)).not.toBe(ring.blindIndex(id));
  });

  it('refuses tampered ciphertext and short keys', () => {
    const sealed = ring.seal('11010519491231002X');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => ring.open(sealed)).toThrow();
    expect(() => new LocalKeyRing(randomBytes(16))).toThrow(/32 bytes/);
  });
});
