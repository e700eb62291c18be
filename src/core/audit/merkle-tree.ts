import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) Merkle Tree Hash over the audit log.
 *
 * Every function here takes *leaf hashes*, i.e. `leafHash(d)` = SHA-256(0x00 || d) of each leaf's
 * data (for the audit log, d is the 32 raw bytes of an event's hash). The distinct prefixes for
 * leaves (0x00) and nodes (0x01) stop an inner node from passing as a leaf.
 */
export function leafHash(data: Buffer): Buffer {
  return hash('sha256', Buffer.concat([LEAF, data]), 'buffer');
}

// One-shot crypto.hash: about twice as fast as createHash for 65 bytes, and a tree is mostly nodes.
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right]), 'buffer');
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = createHash('sha256').digest();

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** The root of the tree over `leafHashes` (RFC 9162 section 2.1.1). */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  return leafHashes.length === 0 ? EMPTY_ROOT : mth(leafHashes, 0, leafHashes.length);
}

/** PATH(index, D[treeSize]) (section 2.1.3.1): the sibling hashes from the leaf up to the root. */
export function inclusionProof(index: number, treeSize: number, leafHashes: readonly Buffer[]): Buffer[] {
  checkSize(treeSize, leafHashes);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`leaf ${index} is not in a tree of ${treeSize}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = split(n);
    return m < k
      ? [...path(m, start, start + k), mth(leafHashes, start + k, end)]
      : [...path(m - k, start + k, end), mth(leafHashes, start, start + k)];
  };
  return path(index, 0, treeSize);
}

/** Section 2.1.3.2: does `proof` lead from `leaf` at `index` to `root` in a tree of `treeSize`? */
export function verifyInclusion(leaf: Buffer, index: number, treeSize: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // A left child with no right sibling at this level: climb until it becomes a right child.
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** PROOF(first, D[second]) (section 2.1.4.1): shows the first tree is a prefix of the second. */
export function consistencyProof(first: number, second: number, leafHashes: readonly Buffer[]): Buffer[] {
  checkSize(second, leafHashes);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) throw new RangeError(`no consistency proof from ${first} to ${second}`);
  if (first === 0) return [];
  const sub = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [mth(leafHashes, start, end)];
    const k = split(n);
    return m <= k
      ? [...sub(m, start, start + k, whole), mth(leafHashes, start + k, end)]
      : [...sub(m - k, start + k, end, false), mth(leafHashes, start, start + k)];
  };
  return sub(first, 0, second, true);
}

/** Section 2.1.4.2: is the tree of `first` leaves with `firstRoot` a prefix of the one with `secondRoot`? */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!Number.isSafeInteger(first) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT);
  // A first tree that is a complete subtree is itself the proof's starting node.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  const [start, ...rest] = path;
  if (!start) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = start;
  let sr = start;
  for (const c of rest) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

function mth(leaves: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return leaves[start] as Buffer;
  const k = split(n);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(treeSize: number, leaves: readonly Buffer[]): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > leaves.length) {
    throw new RangeError(`tree size ${treeSize} is not within the ${leaves.length} leaves given`);
  }
}

// Arithmetic rather than bit operators: tree sizes may exceed 2^31.
const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const isPowerOfTwo = (x: number) => x > 0 && 2 ** Math.round(Math.log2(x)) === x;
