import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CT_LEAVES as ct, CT_ROOTS as roots } from '../../../test/support/ct-test-vectors.js';
import { MerkleFrontier } from './merkle-frontier.js';
import {
  consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, merkleRoot, nodeHash, verifyConsistency, verifyInclusion,
} from './merkle-tree.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from([i])));
const hex = (b: Buffer) => b.toString('hex');
const h = nodeHash;

describe('merkleRoot', () => {
  it('matches trees computed by hand for sizes 1 to 9 (split at the largest power of two below n)', () => {
    const [l0, l1, l2, l3, l4, l5, l6, l7, l8] = leaves(9) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const h0123 = h(h(l0, l1), h(l2, l3));
    const h4567 = h(h(l4, l5), h(l6, l7));
    const expected = [
      l0,
      h(l0, l1),
      h(h(l0, l1), l2),
      h0123,
      h(h0123, l4),
      h(h0123, h(l4, l5)),
      h(h0123, h(h(l4, l5), l6)),
      h(h0123, h4567),
      h(h(h0123, h4567), l8),
    ];
    expected.forEach((root, i) => expect(hex(merkleRoot(leaves(i + 1)))).toBe(hex(root)));
  });

  it('hashes the empty tree to SHA-256 of nothing, and separates leaves from nodes', () => {
    expect(hex(merkleRoot([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(EMPTY_ROOT)).toBe(hex(merkleRoot([])));
    expect(hex(leafHash(Buffer.alloc(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('agrees with the incremental frontier at every size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), (n) => {
        const all = leaves(n);
        const frontier = new MerkleFrontier();
        all.forEach((leaf, i) => {
          frontier.append(leaf);
          expect(hex(frontier.root())).toBe(hex(merkleRoot(all.slice(0, i + 1))));
        });
        expect(frontier.size).toBe(n);
        if (n === 0) expect(hex(frontier.root())).toBe(hex(EMPTY_ROOT));
      }),
      { numRuns: 30 },
    );
  });
});

describe('Certificate Transparency test vectors', () => {
  // The leaves and roots of the RFC 6962 / RFC 9162 reference test data: test/support/ct-test-vectors.ts.
  it('reproduces the reference roots and audit path', () => {
    roots.forEach((root, i) => expect(hex(merkleRoot(ct.slice(0, i + 1)))).toBe(root));
    expect(inclusionProof(0, 8, ct).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });
});

describe('inclusion proofs (RFC 9162 2.1.3)', () => {
  it('gives the audit path computed by hand', () => {
    const [l0, l1, l2, l3, l4, l5, l6] = leaves(7) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    // Tree of 7: leaf 4 sits under h(h(l4, l5), l6); its path is l5, then l6, then the left half.
    expect(inclusionProof(4, 7, leaves(7)).map(hex)).toEqual([l5, l6, h(h(l0, l1), h(l2, l3))].map(hex));
    // Leaf 6 has no sibling at the bottom: its path starts one level up.
    expect(inclusionProof(6, 7, leaves(7)).map(hex)).toEqual([h(l4, l5), h(h(l0, l1), h(l2, l3))].map(hex));
    expect(inclusionProof(0, 1, leaves(1))).toEqual([]);
  });

  it('verifies for every leaf of every tree, and fails when any proof element or the leaf is changed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.nat(), fc.integer({ min: 0, max: 255 }))),
        ([n, index, pick, bit]) => {
          const all = leaves(n);
          const root = merkleRoot(all);
          const proof = inclusionProof(index, n, all);
          const leaf = all[index] as Buffer;
          expect(verifyInclusion(leaf, index, n, proof, root)).toBe(true);
          const flip = (b: Buffer) => {
            const c = Buffer.from(b);
            c[bit % 32] = (c[bit % 32] as number) ^ (1 << (bit % 8));
            return c;
          };
          expect(verifyInclusion(flip(leaf), index, n, proof, root)).toBe(false);
          if (proof.length > 0) {
            const at = pick % proof.length;
            expect(verifyInclusion(leaf, index, n, proof.map((p, i) => (i === at ? flip(p) : p)), root)).toBe(false);
            expect(verifyInclusion(leaf, index, n, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, index, n, [...proof, leaf], root)).toBe(false);
          expect(verifyInclusion(leaf, index, n, proof, flip(root))).toBe(false);
          expect(verifyInclusion(leaf, n, n, proof, root)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('proves inclusion in an earlier tree of a longer log', () => {
    const all = leaves(20);
    expect(verifyInclusion(all[3] as Buffer, 3, 11, inclusionProof(3, 11, all), merkleRoot(all.slice(0, 11)))).toBe(true);
    expect(() => inclusionProof(11, 11, all)).toThrow(RangeError);
    expect(() => inclusionProof(0, 21, all)).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 9162 2.1.4)', () => {
  it('verifies for every pair of sizes, and fails when tampered with', () => {
    const all = leaves(33);
    const roots = Array.from({ length: 34 }, (_, n) => merkleRoot(all.slice(0, n)));
    for (let second = 0; second <= 33; second++) {
      for (let first = 0; first <= second; first++) {
        const proof = consistencyProof(first, second, all);
        const r1 = roots[first] as Buffer;
        const r2 = roots[second] as Buffer;
        expect(verifyConsistency(first, second, r1, r2, proof), `${first} -> ${second}`).toBe(true);
        if (first > 0 && first < second) {
          proof.forEach((_, i) => {
            const bad = proof.map((p, j) => (j === i ? leafHash(p) : p));
            expect(verifyConsistency(first, second, r1, r2, bad)).toBe(false);
          });
          expect(verifyConsistency(first, second, leafHash(r1), r2, proof)).toBe(false);
          expect(verifyConsistency(first, second, r1, leafHash(r2), proof)).toBe(false);
          expect(verifyConsistency(first, second, r1, r2, [])).toBe(false);
        }
      }
    }
  });

  it('rejects a first tree that is not a prefix of the second', () => {
    const all = leaves(12);
    const forked = [...all.slice(0, 5), leafHash(Buffer.from('forged')), ...all.slice(6)];
    const proof = consistencyProof(7, 12, forked);
    expect(verifyConsistency(7, 12, merkleRoot(all.slice(0, 7)), merkleRoot(forked), proof)).toBe(false);
    expect(verifyConsistency(8, 7, merkleRoot(all.slice(0, 8)), merkleRoot(all.slice(0, 7)), [])).toBe(false);
  });
});
