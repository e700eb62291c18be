import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Signer } from '../../ports/signer.js';

/**
 * Ed25519 signer for audit checkpoints, from keys held by this process. It signs with its current
 * key and verifies with any key it knows, so checkpoints signed before a rotation still verify.
 */
export class LocalSigner implements Signer {
  readonly keyId: string;
  private readonly privateKey: KeyObject;
  private readonly known = new Map<string, KeyObject>();

  /** `previous`: public keys used before a rotation (the current one may be among them). */
  constructor(privateKey: KeyObject, previous: readonly KeyObject[] = []) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 private key');
    this.privateKey = privateKey;
    for (const key of previous) this.known.set(keyIdOf(key), key);
    const current = createPublicKey(privateKey);
    this.keyId = keyIdOf(current);
    this.known.set(this.keyId, current);
  }

  /** A signer with a fresh key held only in memory (tests, simulations). */
  static generate(): LocalSigner {
    return new LocalSigner(generateKeyPairSync('ed25519').privateKey);
  }

  sign(body: Buffer): string {
    return sign(null, body, this.privateKey).toString('base64');
  }

  verify(body: Buffer, signature: string, keyId: string): boolean {
    const key = this.known.get(keyId);
    if (!key) return false;
    const bytes = Buffer.from(signature, 'base64');
    // Ed25519 signatures are 64 bytes; anything else (or text that is not base64) is simply bad.
    if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
    return verify(null, body, key, bytes);
  }

  /** Every public key this signer knows, by key id (to publish for auditors). */
  publicKeys(): Map<string, KeyObject> {
    return new Map(this.known);
  }
}

/** Key id: the first 16 hex characters of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('audit signing keys are Ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}
