import { maskIdentity } from '../identity/mask-identity.js';

// An 18-character resident ID or USCC, or a 15-digit legacy number, not inside a longer run.
const NUMBER = /(?<![0-9A-Z])(?:[0-9A-Z]{17}[0-9X]|\d{15})(?![0-9A-Z])/g;

/**
 * A comparison's text with every full identity number masked: explanations are kept with links and
 * shown in reports, where, as everywhere outside the subject's own view, numbers appear only masked.
 */
export function maskNumbersIn(text: string): string {
  return text.replace(NUMBER, (n) => maskIdentity(n));
}
