import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf, LocalSigner } from './local-signer.js';
import { loadLocalSigner, rotateLocalSigner } from './signing-key-file.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-signer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const body = Buffer.from('{"treeSize":1}');

describe('LocalSigner', () => {
  it('signs with Ed25519 and verifies only the same body by the same key', () => {
    const signer = LocalSigner.generate();
    const signature = signer.sign(body);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(signer.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(signer.verify(body, signature, signer.keyId)).toBe(true);
    expect(signer.verify(Buffer.from('{"treeSize":2}'), signature, signer.keyId)).toBe(false);
    expect(signer.verify(body, signature, 'ffffffffffffffff')).toBe(false);
    expect(signer.verify(body, 'not base64!', signer.keyId)).toBe(false);
    expect(LocalSigner.generate().verify(body, signature, signer.keyId)).toBe(false);
  });

  it('derives the key id from the raw public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    expect(new LocalSigner(privateKey).keyId).toBe(keyIdOf(publicKey));
    expect(() => new LocalSigner(generateKeyPairSync('x25519').privateKey)).toThrow(/Ed25519/);
  });
});

describe('signing key file', () => {
  it('creates the key once (mode 0600) and loads the same key afterwards', () => {
    const file = join(dir, 'a', 'audit-signing.pem');
    expect(loadLocalSigner({ file, create: false })).toBeUndefined();
    const created = loadLocalSigner({ file, create: true });
    const loaded = loadLocalSigner({ file, create: false });
    expect(loaded?.keyId).toBe(created?.keyId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(readFileSync(`${file}.pub`, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
  });

  it('keeps verifying signatures of a rotated-out key', () => {
    const file = join(dir, 'b', 'audit-signing.pem');
    const before = loadLocalSigner({ file, create: true }) as LocalSigner;
    const oldSignature = before.sign(body);
    const after = rotateLocalSigner(file);
    expect(after.keyId).not.toBe(before.keyId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reloaded = loadLocalSigner({ file, create: false }) as LocalSigner;
    expect(reloaded.keyId).toBe(after.keyId);
    expect(reloaded.verify(body, oldSignature, before.keyId)).toBe(true);
    expect(reloaded.verify(body, reloaded.sign(body), after.keyId)).toBe(true);
    expect([...reloaded.publicKeys().keys()].sort()).toEqual([before.keyId, after.keyId].sort());
  });
});
