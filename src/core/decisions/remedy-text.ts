/** Remedy templates ("Perform the judgment in case {ref} ... ends on {until}") filled per applied measure. */
import { REMEDY_PLACEHOLDERS } from '../policy/check-measures.js';

export type RemedyPlaceholder = (typeof REMEDY_PLACEHOLDERS)[number];
export type RemedyValues = Readonly<Record<RemedyPlaceholder, string>>;
export type RemedyText = (values: RemedyValues) => string;

// The capture group keeps each placeholder's name in the split result, at the odd indexes.
const PLACEHOLDER = new RegExp(`\\{(${REMEDY_PLACEHOLDERS.join('|')})\\}`);

/**
 * Compile a remedy template once per policy into a function that fills it; decisions then only
 * concatenate. Anything else in braces is left as written (check-policy rejects unknown placeholders).
 * @example compileRemedy('Pay in case {ref}; ends on {until}.')({ ref: 'A1', until: '2027-01-10', source: '', list: '' })
 */
export function compileRemedy(template: string): RemedyText {
  const parts = template.split(PLACEHOLDER);
  if (parts.length === 1) return () => template;
  const names = parts.filter((_, i) => i % 2 === 1) as RemedyPlaceholder[];
  const texts = parts.filter((_, i) => i % 2 === 0);
  return (values) => {
    let out = texts[0]!;
    for (let i = 0; i < names.length; i++) out += values[names[i]!] + texts[i + 1]!;
    return out;
  };
}

