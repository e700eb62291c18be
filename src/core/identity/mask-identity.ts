/**
 * Identity numbers leave the registry only masked (reports, lists, error messages). The mask keeps
 * enough of the ends for a person to recognise their own number, never enough to reconstruct it.
 */

const MASK = '*';
const MAX_KEPT_EACH_END = 4;

/**
 * Mask an identity number: the first and last 4 characters stay, the rest become `*`.
 * Shorter values keep fewer, so that at most half of any value is ever revealed.
 * @example maskIdentity('11010519491231002X') // '1101**********002X'
 */
export function maskIdentity(value: string): string {
  // Count code points, not UTF-16 units, so a stray astral character is masked whole.
  const chars = Array.from(value);
  const keep = Math.min(MAX_KEPT_EACH_END, Math.floor(chars.length / 4));
  return chars.map((ch, i) => (i < keep || i >= chars.length - keep ? ch : MASK)).join('');
}

/** True when a value looks like the output of `maskIdentity` (it hides characters behind `*`). */
export function isMaskedIdentity(value: string): boolean {
  return value.includes(MASK);
}
