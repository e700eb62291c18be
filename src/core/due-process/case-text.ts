import { err, ok, type Result } from '../result.js';

/** C0 and C1 controls except LF (a CR before LF is dropped first: form posts send CRLF). */
const isControl = (ch: string): boolean => {
  const cp = ch.codePointAt(0)!;
  return (cp < 0x20 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f);
};

/**
 * Free text written into a case (a statement, a commitment, a note): trimmed, CRLF turned into LF,
 * 1 to `max` characters counted as code points (one Chinese character is one), no control
 * characters but line breaks. The error is the reason, for the caller's catalogue entry.
 */
export function caseText(text: string, max: number): Result<string, string> {
  const clean = text.replace(/\r\n/g, '\n').trim();
  if (clean === '') return err('is empty');
  const chars = [...clean];
  if (chars.length > max) return err(`is ${chars.length} characters long; the limit is ${max}`);
  if (chars.some(isControl)) return err('contains a control character; only line breaks are allowed');
  return ok(clean);
}

/** An optional note: blank means none. */
export function caseNote(note: string | null, max: number): Result<string | null, string> {
  if (note === null || note.trim() === '') return ok(null);
  return caseText(note, max);
}
