/**
 * Keys that protect identity numbers at rest: numbers are sealed (AES-256-GCM) and found again
 * through a keyed blind index (HMAC-SHA256), so the store never holds a number in the clear.
 */
export interface KeyRing {
  /** Deterministic keyed index of a normalised identity number, hex. */
  blindIndex(normalizedId: string): string;
  /** Encrypt a normalised identity number; the result carries its own nonce and tag. */
  seal(normalizedId: string): Buffer;
  /** Decrypt what `seal` produced; throws when the data was tampered with. */
  open(sealed: Buffer): string;
}
