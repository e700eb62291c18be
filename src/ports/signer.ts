/**
 * Signs audit checkpoints (Ed25519). A signer knows its own current key and the public keys it
 * used before, so checkpoints signed before a key rotation still verify.
 */
export interface Signer {
  /** Id of the key `sign` uses now. */
  readonly keyId: string;
  /** Base64 signature over `body` with the current key. */
  sign(body: Buffer): string;
  /** True when `signature` is a good signature over `body` by the key `keyId`; false for unknown keys. */
  verify(body: Buffer, signature: string, keyId: string): boolean;
}
