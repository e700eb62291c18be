import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPARATORS } from './comparisons.js';
import { defaultPersonModel } from './default-person-model.js';
import { prepareEvidence, type PersonEvidence } from './evidence.js';
import { explainPair, levelWeights, matchWeight, probabilityOf, termFrequencies } from './model.js';

const person: fc.Arbitrary<PersonEvidence> = fc.record({
  name: fc.constantFrom('张伟', 'Zhang Wei', '张为', '欧阳娜娜', 'OUYANG Nana', '王秀英', '李娜'),
  birthDate: fc.constantFrom('1980-01-02', '1980-02-01', '1980-01-03', '1990-05-06'),
  region: fc.constantFrom('110105', '110108', '440305'),
  idNumber: fc.constantFrom('11010519491231002X', '1101**********002X', '4403**********1234'),
  phone: fc.constantFrom('13800138000', '13800138001'),
}, { requiredKeys: [] });

describe('the Fellegi–Sunter model', () => {
  it('makes level weights non-increasing from the strongest level down', () => {
    const level = fc.record({ m: fc.double({ min: 1e-6, max: 1, noNaN: true }), u: fc.double({ min: 1e-6, max: 1, noNaN: true }) });
    fc.assert(fc.property(fc.array(level, { minLength: 2, maxLength: 7 }), (levels) => {
      const w = levelWeights(levels);
      for (let k = 1; k < w.length; k++) expect(w[k - 1]!).toBeGreaterThanOrEqual(w[k]!);
    }));
  });

  it('scores pairs symmetrically, and the waterfall adds up to the weight', () => {
    const model = defaultPersonModel(1_000_000);
    fc.assert(fc.property(person, person, (x, y) => {
      const a = prepareEvidence(x);
      const b = prepareEvidence(y);
      const w = matchWeight(model, a, b);
      expect(matchWeight(model, b, a)).toBeCloseTo(w, 9);
      const e = explainPair(model, a, b);
      expect(e.weight).toBeCloseTo(w, 9);
      expect(e.priorWeight + e.comparisons.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(w, 9);
      expect(e.probability).toBeCloseTo(probabilityOf(w), 12);
    }));
  });

  it('never lowers the weight when one more field agrees exactly (without term frequencies)', () => {
    const model = defaultPersonModel(1_000_000);
    // Not idNumber: a full number also supplies a birth date and region, which may then disagree.
    const fields = ['birthDate', 'region', 'phone'] as const;
    fc.assert(fc.property(person, person, fc.constantFrom(...fields), (x, y, field) => {
      if (x[field] === undefined) return;
      const before = matchWeight(model, prepareEvidence(x), prepareEvidence(y));
      const after = matchWeight(model, prepareEvidence(x), prepareEvidence({ ...y, [field]: x[field] }));
      expect(after).toBeGreaterThanOrEqual(before - 1e-9);
    }));
  });

  it('weighs a common name less than a rare one (term frequency)', () => {
    const people = [
      ...Array.from({ length: 60 }, () => prepareEvidence({ name: '王伟' })),
      ...Array.from({ length: 39 }, (_, i) => prepareEvidence({ name: `李${['娜', '强', '军'][i % 3]}` })),
      prepareEvidence({ name: '欧阳娜娜' }),
    ];
    const model = { ...defaultPersonModel(100), termFrequencies: termFrequencies(people) };
    const common = matchWeight(model, prepareEvidence({ name: '王伟' }), prepareEvidence({ name: '王伟' }));
    const rare = matchWeight(model, prepareEvidence({ name: '欧阳娜娜' }), prepareEvidence({ name: 'Ouyang Nana' }));
    expect(rare).toBeGreaterThan(common + 4);
    const family = explainPair(model, prepareEvidence({ name: '王伟' }), prepareEvidence({ name: '王伟' })).comparisons[0]!;
    expect(family.tfAdjustment).toBeLessThan(0);
    expect(family.text).toMatch(/common/);
  });

  it('labels each level as its comparator does', () => {
    const model = defaultPersonModel(10);
    for (const c of model.comparisons) expect(c.levels.map((l) => l.label)).toEqual(COMPARATORS[c.field].levels);
  });
});
