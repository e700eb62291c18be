/**
 * Identity numbers arrive typed by hand, pasted from PDFs or entered with a Chinese IME: the same
 * number may carry spaces, hyphens, full-width digits or a lowercase x. Normalising first lets every
 * parser and the blind index see one spelling per number.
 */

// Full-width ASCII forms (U+FF01..U+FF5E) sit at a fixed offset from their ASCII counterparts.
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
// Whitespace (including the ideographic space U+3000) and the hyphen-like dashes people type.
const SEPARATORS = /[\s\u002D\u2010-\u2015\u2212\u30FC]/g;

/**
 * The canonical spelling of an identity number: ASCII, uppercase, no separators.
 * @example normalizeIdentity(' １１０１０５-1949 1231 002ｘ ') // '11010519491231002X'
 */
export function normalizeIdentity(input: string): string {
  return input
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(SEPARATORS, '')
    .toUpperCase();
}
