import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import type { KeyRing } from '../../ports/key-ring.js';
import { RandomPool } from '../../lib/random-pool.js';

const VERSION = 1;
const KEY_ID = 8;
const NONCE = 12;
const TAG = 16;
const HEADER = 1 + KEY_ID + NONCE + TAG;

/** A master key's id: the first 8 bytes of its SHA-256, stored with everything it seals. */
export const masterKeyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, KEY_ID * 2);

/**
 * Key ring from master keys, oldest first. Sealing (AES-256-GCM) uses the newest key and stores its
 * id in the sealed value, so older values still open after a rotation. The blind index (HMAC-SHA256)
 * keys off the oldest key, because every stored index would change with it. Separate keys for
 * sealing and indexing are derived with HKDF, so one never doubles as the other.
 */
export class LocalKeyRing implements KeyRing {
  private readonly sealKeys = new Map<string, Buffer>();
  private readonly currentId: string;
  private readonly indexKey: Buffer;
  private readonly random = new RandomPool();

  constructor(masterKeys: Buffer | readonly Buffer[]) {
    const keys = Array.isArray(masterKeys) ? masterKeys : [masterKeys as Buffer];
    if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error('each master key must be 32 bytes');
    const derive = (key: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
    for (const key of keys) this.sealKeys.set(masterKeyId(key), derive(key, 'xinyong identity seal v1'));
    this.currentId = masterKeyId(keys[keys.length - 1]!);
    this.indexKey = derive(keys[0]!, 'xinyong identity blind index v1');
  }

  blindIndex(normalizedId: string): string {
    return createHmac('sha256', this.indexKey).update(normalizedId).digest('hex');
  }

  seal(normalizedId: string): Buffer {
    const nonce = this.random.take(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.sealKeys.get(this.currentId)!, nonce);
    const body = Buffer.concat([cipher.update(normalizedId, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), Buffer.from(this.currentId, 'hex'), nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < HEADER || sealed[0] !== VERSION) throw new Error('not a sealed identity number');
    const keyId = sealed.subarray(1, 1 + KEY_ID).toString('hex');
    const key = this.sealKeys.get(keyId);
    if (!key) throw new Error(`sealed with master key ${keyId}, which this key ring does not hold`);
    const nonce = sealed.subarray(1 + KEY_ID, 1 + KEY_ID + NONCE);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(sealed.subarray(1 + KEY_ID + NONCE, HEADER));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]).toString('utf8');
  }

  /** Id of the master key a sealed value needs. */
  keyIdOf(sealed: Buffer): string {
    return sealed.subarray(1, 1 + KEY_ID).toString('hex');
  }

  get currentKeyId(): string {
    return this.currentId;
  }
}
