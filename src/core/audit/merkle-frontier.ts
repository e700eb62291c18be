import { EMPTY_ROOT, nodeHash } from './merkle-tree.js';

/**
 * The RFC 9162 tree head, kept up to date as leaves arrive: only the roots of the complete
 * subtrees along the right edge are held (at most log2(n) hashes), so a root over millions of
 * events needs no array of them, and a root at several sizes costs one pass.
 */
export class MerkleFrontier {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** An independent copy, to extend without changing this one. */
  clone(): MerkleFrontier {
    const copy = new MerkleFrontier();
    copy.stack.push(...this.stack);
    copy.count = this.count;
    return copy;
  }

  /** Add the next leaf hash (`leafHash(data)`). */
  append(leaf: Buffer): void {
    this.stack.push({ size: 1, hash: leaf });
    this.count++;
    // Two complete subtrees of equal size become one, exactly as MTH splits at powers of two.
    for (;;) {
      const top = this.stack.at(-1);
      const below = this.stack.at(-2);
      if (!top || !below || top.size !== below.size) return;
      this.stack.splice(-2, 2, { size: top.size * 2, hash: nodeHash(below.hash, top.hash) });
    }
  }

  /** MTH over the leaves appended so far. */
  root(): Buffer {
    let acc: Buffer | undefined;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const part = (this.stack[i] as { hash: Buffer }).hash;
      acc = acc ? nodeHash(part, acc) : part;
    }
    return acc ?? EMPTY_ROOT;
  }
}
