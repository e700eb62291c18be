/** Small edit-distance tests that allocate nothing: enough for typed digits and short codes. */

/** True when `a` and `b` differ by exactly one substitution, insertion, deletion or adjacent swap. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < la; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (++diffs > 2) return false;
        if (first < 0) first = i;
      }
    }
    if (diffs === 1) return true;
    // Two differences count as one edit only when they are a swap of neighbours.
    return diffs === 2 && a.charCodeAt(first) === b.charCodeAt(first + 1) && a.charCodeAt(first + 1) === b.charCodeAt(first);
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [long, short] = la > lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/**
 * True when a masked number and another (masked or full) agree wherever both show a character;
 * they must be the same length and share at least `minVisible` shown positions.
 */
export function maskedAgree(a: string, b: string, minVisible = 6): boolean {
  if (a.length !== b.length) return false;
  let shared = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === STAR || y === STAR) continue;
    if (x !== y) return false;
    shared++;
  }
  return shared >= minVisible;
}

const STAR = 42; // '*'
