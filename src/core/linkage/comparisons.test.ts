import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler } from '@skyra/jaro-winkler';
import { COMPARATORS, COMPARISON_FIELDS, MISSING, jaroWinklerBound, readingSimilarity } from './comparisons.js';
import { maskedAgree, oneEditApart } from './edit-distance.js';
import { prepareEvidence, type PersonEvidence } from './evidence.js';

const NAMES = ['张伟', '张为', 'Zhang Wei', 'WEI Zhang', '欧阳娜娜', 'Ouyang Nana', '单田芳', 'Shan Tianfang', '王秀英', 'Robert Allen', 'Rob Alan', ''];
const evidence: fc.Arbitrary<PersonEvidence> = fc.record({
  name: fc.constantFrom(...NAMES),
  birthDate: fc.constantFrom('1980-01-02', '1980-02-01', '1980-01-03', '1981-07-07', ''),
  region: fc.constantFrom('110105', '110108', '110000', '440305', 'nsw', ''),
  idNumber: fc.constantFrom('11010519491231002X', '1101**********002X', '110105491231002', '4403**********1234', ''),
  phone: fc.constantFrom('13800138000', '13800138001', ''),
  email: fc.constantFrom('a@qq.com', 'a@163.com', ''),
  postcode: fc.constantFrom('2119', '2118', ''),
  city: fc.constantFrom('marsden', 'marsdn', ''),
  address: fc.constantFrom('7 wallaby place', '7 walaby pl', ''),
});

describe('comparators', () => {
  it('are symmetric and return a level in range, or MISSING', () => {
    fc.assert(fc.property(evidence, evidence, (x, y) => {
      const a = prepareEvidence(x);
      const b = prepareEvidence(y);
      for (const f of COMPARISON_FIELDS) {
        const c = COMPARATORS[f];
        const level = c.compare(a, b);
        expect(c.compare(b, a)).toBe(level);
        expect(level === MISSING || (level >= 0 && level < c.levels.length)).toBe(true);
      }
    }));
  });

  it('put a record level with itself at the strongest level of every field it has', () => {
    fc.assert(fc.property(evidence, (x) => {
      const a = prepareEvidence(x);
      for (const f of COMPARISON_FIELDS) {
        const level = COMPARATORS[f].compare(a, a);
        expect(level === MISSING || (f === 'idNumber' && a.idMasked ? level === 1 : level === 0)).toBe(true);
      }
    }));
  });

  it('see hanzi and pinyin of one name, transposed names, swapped dates and masked numbers', () => {
    const cmp = (f: keyof typeof COMPARATORS, x: PersonEvidence, y: PersonEvidence) => COMPARATORS[f].levels[COMPARATORS[f].compare(prepareEvidence(x), prepareEvidence(y))];
    expect(cmp('givenName', { name: '张伟' }, { name: 'Zhang Wei' })).toBe('same pinyin reading');
    expect(cmp('familyName', { name: '张伟' }, { name: '张为' })).toBe('exact');
    expect(cmp('givenName', { name: '张伟' }, { name: '张为' })).toBe('same pinyin reading');
    expect(cmp('familyName', { familyName: '伟', givenName: '张' }, { name: '张伟' })).toBe('transposed with the other name part');
    expect(cmp('birthDate', { birthDate: '1980-01-02' }, { birthDate: '1980-02-01' })).toBe('day and month swapped');
    expect(cmp('birthDate', { birthDate: '1980-01-02' }, { birthDate: '1980-01-03' })).toBe('one digit off');
    expect(cmp('idNumber', { idNumber: '1101**********002X' }, { idNumber: '110105491231002' })).toBe('masked parts agree');
    expect(cmp('idNumber', { idNumber: '4403**********002X' }, { idNumber: '11010519491231002X' })).toBe('different');
    expect(cmp('region', { region: '110105' }, { region: '110108' })).toBe('same city (first 4 digits)');
    expect(cmp('region', { region: 'nsw' }, { region: 'vic' })).toBe('different');
    // A province's name beside a division code is no evidence either way.
    expect(COMPARATORS.region.compare(prepareEvidence({ region: '安徽' }), prepareEvidence({ region: '342301' }))).toBe(MISSING);
  });
});

describe('Jaro–Winkler shortcut', () => {
  it('never bounds below the real similarity, so skipping the package never changes a level', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeghilnouwxyz'), maxLength: 10 });
    fc.assert(fc.property(word, word, (a, b) => {
      expect(jaroWinklerBound(a, b)).toBeGreaterThanOrEqual(jaroWinkler(a, b) - 1e-12);
      const s = readingSimilarity(a, b);
      expect(s >= 0.8).toBe(jaroWinkler(a, b) >= 0.8);
      expect(readingSimilarity(b, a)).toBe(s);
    }), { numRuns: 3000 });
  });

  it('bounds a pair whose first four letters agree as the package scores it (a full prefix counts 5)', () => {
    expect(jaroWinkler('binda', 'bind')).toBeCloseTo(0.9667, 4);
    expect(jaroWinklerBound('binda', 'bind')).toBeGreaterThanOrEqual(jaroWinkler('binda', 'bind'));
  });
});

describe('edit distance', () => {
  it('oneEditApart is symmetric and true for one substitution, insertion or neighbour swap', () => {
    fc.assert(fc.property(fc.string({ minLength: 2, maxLength: 12 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (s, at, ch) => {
      const i = at % s.length;
      const substituted = s.slice(0, i) + ch + s.slice(i + 1);
      if (substituted !== s) expect(oneEditApart(s, substituted)).toBe(true);
      expect(oneEditApart(s, s.slice(0, i) + s.slice(i + 1))).toBe(true);
      expect(oneEditApart(s, s)).toBe(false);
      const other = s.split('').reverse().join('');
      expect(oneEditApart(s, other)).toBe(oneEditApart(other, s));
    }));
    expect(oneEditApart('19800102', '19800120')).toBe(true);
    expect(oneEditApart('19800102', '19811102')).toBe(false);
  });

  it('maskedAgree needs the same length and the shown characters to agree', () => {
    expect(maskedAgree('1101**********002X', '11010519491231002X')).toBe(true);
    expect(maskedAgree('1101**********002X', '1101**********003X')).toBe(false);
    expect(maskedAgree('1101**********002X', '1101*********002X')).toBe(false);
  });
});
