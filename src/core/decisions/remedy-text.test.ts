import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRemedy } from './remedy-text.js';

const values = { ref: '(2025)京0105执123号', source: 'court.enforcement', until: '2027-01-10', list: 'dishonest_judgment_debtors' };

describe('compileRemedy', () => {
  it('fills every placeholder, as often as it appears', () => {
    const fill = compileRemedy('Pay in case {ref} ({source}); {ref} ends on {until}, and you leave {list}.');
    expect(fill(values)).toBe(
      'Pay in case (2025)京0105执123号 (court.enforcement); (2025)京0105执123号 ends on 2027-01-10, and you leave dishonest_judgment_debtors.',
    );
  });

  it('keeps text without placeholders, and anything else in braces, as written', () => {
    expect(compileRemedy('The benefit lasts while the grade is AA.')(values)).toBe('The benefit lasts while the grade is AA.');
    expect(compileRemedy('{court} and {ref}')(values)).toBe('{court} and (2025)京0105执123号');
    expect(compileRemedy('{ref}')(values)).toBe(values.ref);
  });

  it('agrees with plain string replacement', () => {
    const piece = fc.oneof(fc.constantFrom('{ref}', '{source}', '{until}', '{list}', '{', '}'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const template = pieces.join('');
        const expected = template.replace(/\{(ref|source|until|list)\}/g, (_, name: keyof typeof values) => values[name]);
        expect(compileRemedy(template)(values)).toBe(expected);
      }),
    );
  });
});
