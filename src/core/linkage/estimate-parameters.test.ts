import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../app/demo/seeded-random.js';
import { COMPARATORS } from './comparisons.js';
import { comparisonPattern, expectationMaximisation, initialM, patternLevels } from './estimate-parameters.js';
import { prepareEvidence } from './evidence.js';

const comparators = [COMPARATORS.birthDate, COMPARATORS.region, COMPARATORS.phone];

/** Draw pattern counts from a known model, then see whether EM finds it again. */
function simulate(seed: number, pairs: number, lambda: number, m: number[][], u: number[][]): Map<number, number> {
  const random = new SeededRandom(seed);
  const draw = (p: number[]) => {
    let x = random.next();
    for (let k = 0; k < p.length; k++) if ((x -= p[k]!) < 0) return k;
    return p.length - 1;
  };
  const counts = new Map<number, number>();
  for (let n = 0; n < pairs; n++) {
    const match = random.next() < lambda;
    let pattern = 0;
    let scale = 1;
    comparators.forEach((c, k) => {
      pattern += (draw((match ? m : u)[k]!) + 1) * scale;
      scale *= c.levels.length + 1;
    });
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return counts;
}

describe('expectationMaximisation', () => {
  const m = [[0.85, 0.03, 0.07, 0.02, 0.03], [0.8, 0.15, 0.03, 0.02], [0.9, 0.05, 0.05]];
  const u = [[0.001, 0.0005, 0.01, 0.05, 0.9385], [0.05, 0.05, 0.1, 0.8], [0.001, 0.004, 0.995]];

  it('recovers m and the match share from unlabelled patterns (u known)', () => {
    const counts = simulate(3, 200_000, 0.2, m, u);
    const em = expectationMaximisation(comparators, counts, { m: initialM(comparators), u, lambda: 0.5 });
    expect(em.lambda).toBeCloseTo(0.2, 2);
    em.m.forEach((row, c) => row.forEach((p, l) => expect(Math.abs(p - m[c]![l]!)).toBeLessThan(0.02)));
  });

  it('is deterministic', () => {
    const counts = simulate(4, 20_000, 0.3, m, u);
    const run = () => expectationMaximisation(comparators, counts, { m: initialM(comparators), u, lambda: 0.5 });
    expect(run()).toEqual(run());
  });

  it('packs and unpacks comparison patterns', () => {
    const a = prepareEvidence({ birthDate: '1980-01-02', region: '110105' });
    const b = prepareEvidence({ birthDate: '1980-02-01', region: '110108', phone: '13800138000' });
    expect(patternLevels(comparators, comparisonPattern(comparators, a, b))).toEqual([1, 1, -1]);
  });
});
