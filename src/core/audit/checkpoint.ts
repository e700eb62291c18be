import { canonicalJson } from '../canonical-json.js';

/**
 * A signed tree head: the RFC 9162 root over the first `treeSize` events, signed with Ed25519.
 * Once a checkpoint is published (or only kept), no event it covers can change, disappear or move
 * without the recomputed root differing, and the log cannot shrink below `treeSize` unnoticed.
 */
export interface Checkpoint {
  treeSize: number;
  /** Hex Merkle tree head over the first treeSize events. */
  rootHash: string;
  at: string;
  /** Id of the signing key (first 16 hex of SHA-256 of its raw public key). */
  keyId: string;
  /** Base64 Ed25519 signature over `checkpointBody`. */
  signature: string;
}

export type CheckpointHead = Omit<Checkpoint, 'signature'>;

/** Verifies a signature by a key id; supplied by an adapter, so the core holds no keys. */
export type VerifySignature = (body: Buffer, signature: string, keyId: string) => boolean;

/** The bytes that are signed: the canonical JSON of {treeSize, rootHash, at, keyId}. */
export function checkpointBody(head: CheckpointHead): Buffer {
  return Buffer.from(canonicalJson({ treeSize: head.treeSize, rootHash: head.rootHash, at: head.at, keyId: head.keyId }), 'utf8');
}

/** True when the checkpoint's signature is good; a verifier that throws (unknown key, bad base64) counts as bad. */
export function checkpointSignatureValid(checkpoint: Checkpoint, verify: VerifySignature): boolean {
  try {
    return verify(checkpointBody(checkpoint), checkpoint.signature, checkpoint.keyId);
  } catch {
    return false;
  }
}
