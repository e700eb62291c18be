import { randomFillSync } from 'node:crypto';

/**
 * Cryptographically random bytes handed out from a pooled buffer: one randomFillSync per
 * 64 KiB instead of one per call, which dominated ingest when every id and nonce asked the OS.
 * Bytes are never handed out twice.
 */
export class RandomPool {
  private readonly pool: Buffer;
  private offset: number;

  constructor(size = 64 * 1024) {
    this.pool = Buffer.alloc(size);
    this.offset = size;
  }

  /** `n` fresh random bytes (a copy, safe to keep). */
  take(n: number): Buffer {
    if (n > this.pool.length) return randomFillSync(Buffer.alloc(n));
    if (this.offset + n > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const out = Buffer.from(this.pool.subarray(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }
}
