import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachCandidatePair, type BlockingRule } from './blocking.js';
import { prepareEvidence, type PreparedEvidence } from './evidence.js';

const rules: BlockingRule[] = [
  { name: 'birth', fields: ['birthDate'], key: (r) => r.birth },
  { name: 'family', fields: ['familyName'], key: (r) => r.familyReading, maxBlockSize: 4 },
];

const records = fc.array(fc.record({
  name: fc.constantFrom('张伟', '王芳', '李娜', '张敏', ''),
  birthDate: fc.constantFrom('1980-01-01', '1981-01-01', ''),
}), { maxLength: 25 }).map((xs) => xs.map(prepareEvidence));

describe('forEachCandidatePair', () => {
  it('visits exactly the pairs that share a usable block, each once, and counts what it skips', () => {
    fc.assert(fc.property(records, (recs: PreparedEvidence[]) => {
      const seen = new Map<string, number>();
      const stats = forEachCandidatePair(recs, rules, 10, (i, j, mask) => {
        expect(i).toBeLessThan(j);
        const key = `${i},${j}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, mask);
      });
      const size = (rule: BlockingRule, key: string) => recs.filter((r) => rule.key(r) === key).length;
      for (let i = 0; i < recs.length; i++) {
        for (let j = i + 1; j < recs.length; j++) {
          let expected = 0;
          rules.forEach((rule, r) => {
            const k = rule.key(recs[i]!);
            if (k !== '' && k === rule.key(recs[j]!) && size(rule, k) <= Math.min(10, rule.maxBlockSize ?? 10)) expected |= 1 << r;
          });
          expect(seen.get(`${i},${j}`) ?? 0).toBe(expected);
        }
      }
      const families = new Map<string, number>();
      for (const r of recs) if (r.familyReading) families.set(r.familyReading, (families.get(r.familyReading) ?? 0) + 1);
      const skipped = [...families.values()].filter((n) => n > 4).reduce((s, n) => s + (n * (n - 1)) / 2, 0);
      expect(stats[1]!.skippedPairs).toBe(skipped);
    }));
  });
});
