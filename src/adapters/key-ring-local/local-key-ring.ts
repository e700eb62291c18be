import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { RandomPool } from '../../lib/random-pool.js';
import type { KeyRing } from '../../ports/key-ring.js';

const NONCE = 12;
const TAG = 16;

/**
 * Key ring from one 32-byte master key: separate keys for sealing (AES-256-GCM) and for the blind
 * index (HMAC-SHA256) are derived with HKDF, so one never doubles as the other.
 */
export class LocalKeyRing implements KeyRing {
  private readonly sealKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly random = new RandomPool();

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
    this.sealKey = derive('xinyong identity seal v1');
    this.indexKey = derive('xinyong identity blind index v1');
  }

  blindIndex(normalizedId: string): string {
    return createHmac('sha256', this.indexKey).update(normalizedId).digest('hex');
  }

  seal(normalizedId: string): Buffer {
    const nonce = this.random.take(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(normalizedId, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(0, NONCE));
    decipher.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE + TAG)), decipher.final()]).toString('utf8');
  }
}
