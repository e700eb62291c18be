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

describe('LocalKeyRing rotation', () => {
  it('opens values sealed under an older key, seals under the newest, and keeps the blind index', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const before = new LocalKeyRing([k1]);
    const after = new LocalKeyRing([k1, k2]);
    const old = before.seal('11010519491231002X');
    expect(after.open(old)).toBe('11010519491231002X');
    expect(after.keyIdOf(after.seal('x'))).toBe(after.currentKeyId);
    expect(after.currentKeyId).not.toBe(before.currentKeyId);
    expect(after.blindIndex('11010519491231002X')).toBe(before.blindIndex('11010519491231002X'));
    expect(() => new LocalKeyRing([k2]).open(old)).toThrow(/does not hold/);
  });
});
