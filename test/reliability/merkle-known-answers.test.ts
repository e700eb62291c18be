import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, merkleRoot, verifyConsistency, verifyInclusion } from '../../src/core/audit/merkle-tree.js';
import { CT_EMPTY_ROOT as EMPTY, CT_LEAVES as LEAVES, CT_ROOTS as ROOTS } from '../support/ct-test-vectors.js';

/**
 * Issue 10, item 6: the RFC 6962 / RFC 9162 known answers for tree sizes 1 to 8, beyond the roots
 * and the one audit path that src/core/audit/merkle-tree.test.ts checks: every reference inclusion
 * and consistency proof of the Certificate Transparency test data (as published with the Go
 * verifier in google/trillian merkle/log_verifier_test.go), and the verifier refusing each of the
 * mutations that suite applies to them.
 */
// [0-based leaf index, tree size, audit path]
const INCLUSION: Array<[number, number, string[]]> = [
  [0, 1, []],
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
// [first size, second size, consistency proof]
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const hex = (b: Buffer) => b.toString('hex');
const bin = (h: string) => Buffer.from(h, 'hex');
const root = (size: number) => bin(ROOTS[size - 1]!);

describe('RFC 6962 / 9162 known answers, tree sizes 1 to 8', () => {
  it('hashes each reference tree to its published root', () => {
    for (let n = 1; n <= 8; n++) expect(hex(merkleRoot(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n - 1]);
  });

  it.each(INCLUSION)('produces and accepts the reference audit path of leaf %i in the tree of %i', (index, size, path) => {
    expect(inclusionProof(index, size, LEAVES).map(hex)).toEqual(path);
    expect(verifyInclusion(LEAVES[index]!, index, size, path.map(bin), root(size))).toBe(true);
  });

  it.each(INCLUSION.filter(([, , path]) => path.length > 0))('refuses the audit path of leaf %i in %i once anything about it is wrong', (index, size, path) => {
    const proof = path.map(bin);
    const leaf = LEAVES[index]!;
    const refused = (i: number, n: number, p: Buffer[], r: Buffer, l = leaf) => expect(verifyInclusion(l, i, n, p, r), `${i}/${n}`).toBe(false);
    for (const wrong of [index - 1, index + 1, index ^ 2]) if (wrong >= 0 && wrong !== index) refused(wrong, size, proof, root(size));
    refused(index, size * 2, proof, root(size));
    if (Math.floor(size / 2) > index) refused(index, Math.floor(size / 2), proof, root(size));
    refused(index, size, proof, root(size), leafHash(Buffer.from('WrongLeaf')));
    refused(index, size, proof, bin(EMPTY));
    proof.forEach((_, i) => refused(index, size, proof.map((p, j) => (i === j ? bin(EMPTY) : p)), root(size)));
    refused(index, size, [...proof, Buffer.alloc(0)], root(size));
    refused(index, size, [...proof, root(size)], root(size));
    refused(index, size, proof.slice(0, -1), root(size));
    refused(index, size, [Buffer.alloc(0), ...proof], root(size));
    refused(index, size, [root(size), ...proof], root(size));
  });

  it.each(CONSISTENCY)('produces and accepts the reference consistency proof from %i to %i', (first, second, path) => {
    expect(consistencyProof(first, second, LEAVES).map(hex)).toEqual(path);
    expect(verifyConsistency(first, second, root(first), root(second), path.map(bin))).toBe(true);
  });

  it.each(CONSISTENCY.filter(([, , path]) => path.length > 0))('refuses the consistency proof from %i to %i once anything about it is wrong', (first, second, path) => {
    const proof = path.map(bin);
    const refused = (a: number, b: number, r1: Buffer, r2: Buffer, p: Buffer[]) => expect(verifyConsistency(a, b, r1, r2, p), `${a}->${b}`).toBe(false);
    for (const wrong of [first - 1, first + 1, first ^ 2]) if (wrong !== first) refused(wrong, second, root(first), root(second), proof);
    refused(first, second * 2, root(first), root(second), proof);
    refused(first, Math.floor(second / 2), root(first), root(second), proof);
    refused(first, second, Buffer.from('WrongRoot'), root(second), proof);
    refused(first, second, root(first), Buffer.from('WrongRoot'), proof);
    refused(first, second, root(second), root(first), proof);
    refused(first, second, root(first), root(second), []);
    proof.forEach((_, i) => refused(first, second, root(first), root(second), proof.map((p, j) => (i === j ? bin(EMPTY) : p))));
    refused(first, second, root(first), root(second), [...proof, Buffer.alloc(0)]);
    refused(first, second, root(first), root(second), [...proof, root(first)]);
    refused(first, second, root(first), root(second), proof.slice(0, -1));
    refused(first, second, root(first), root(second), [Buffer.alloc(0), ...proof]);
    refused(first, second, root(first), root(second), [proof[0]!, ...proof]);
  });

  it('treats the trivially consistent and the time-travelling pairs as the reference verifier does', () => {
    const any = bin(ROOTS[0]!);
    expect(verifyConsistency(1, 1, any, any, [])).toBe(true);
    expect(verifyConsistency(0, 1, bin(EMPTY), any, [])).toBe(true);
    expect(verifyConsistency(1, 0, any, bin(EMPTY), [])).toBe(false);
    expect(verifyConsistency(2, 1, root(2), root(1), [])).toBe(false);
    expect(verifyConsistency(1, 2, root(1), root(2), [])).toBe(false);
    expect(verifyConsistency(1, 1, root(1), root(2), [])).toBe(false);
    expect(verifyConsistency(1, 1, root(1), root(1), [bin(EMPTY)])).toBe(false);
  });
});
