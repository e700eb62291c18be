import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../app/demo/seeded-random.js';
import { deduplicate } from './deduplicate.js';
import { prepareEvidence, type PersonEvidence } from './evidence.js';
import { pairwiseMetrics } from './pairwise-metrics.js';

/** A small population: each person written two or three ways, and lookalikes that are other people. */
function population(): { evidence: PersonEvidence[]; truth: number[] } {
  const random = new SeededRandom(9);
  const surnames = ['王', '李', '张', '刘', '陈', '欧阳', '单', '曾'];
  const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇'];
  const evidence: PersonEvidence[] = [];
  const truth: number[] = [];
  for (let p = 0; p < 300; p++) {
    const name = random.pick(surnames) + random.pick(given);
    const birthDate = `19${random.int(50, 99)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    const region = random.pick(['110105', '310115', '440305', '510107']);
    const phone = `139${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    const copies = random.int(1, 3);
    for (let c = 0; c < copies; c++) {
      const e: PersonEvidence = { name, birthDate, region };
      if (c === 1) e.birthDate = `${birthDate.slice(0, 5)}${birthDate.slice(8)}-${birthDate.slice(5, 7)}`;
      if (c === 2) e.phone = phone;
      if (c === 0 && random.chance(0.5)) e.phone = phone;
      evidence.push(e);
      truth.push(p);
    }
  }
  return { evidence, truth };
}

describe('deduplicate', () => {
  it('finds the people again without labels, and is deterministic for a seed', () => {
    const { evidence, truth } = population();
    const records = evidence.map(prepareEvidence);
    const run = () => deduplicate(records, { threshold: 8, random: new SeededRandom(1) });
    const a = run();
    const metrics = pairwiseMetrics(a.clustering.clusterOf, truth);
    expect(metrics.precision).toBeGreaterThan(0.95);
    expect(metrics.recall).toBeGreaterThan(0.9);
    expect([...run().clustering.clusterOf]).toEqual([...a.clustering.clusterOf]);
    expect(a.training.length).toBeGreaterThan(0);
  });

  it('scores with a given model and leaves records with nothing in common apart', () => {
    const records = [{ name: '张伟', birthDate: '1980-01-01' }, { name: '李娜', birthDate: '1990-02-02' }].map(prepareEvidence);
    const first = deduplicate(records, { threshold: 8, random: new SeededRandom(1) });
    expect([...first.clustering.clusterOf]).toEqual([0, 1]);
    expect(first.pairs.count).toBe(0);
  });
});
