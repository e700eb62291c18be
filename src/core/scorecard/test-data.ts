import { mulberry32 } from './random.js';
import type { TrainingData } from './train-scorecard.js';

/**
 * A synthetic applicant sample for tests: risk rises with `dpd` and `utilisation`, falls with
 * `years`, depends on `housing`; `noise` carries nothing. Some cells are missing or junk.
 */
export function syntheticSample(n: number, seed = 1): TrainingData {
  const r = mulberry32(seed);
  const cols = { dpd: [] as string[], utilisation: [] as string[], years: [] as string[], housing: [] as string[], noise: [] as string[] };
  const target = new Uint8Array(n);
  const housing = ['own', 'rent', 'free'];
  for (let i = 0; i < n; i++) {
    const dpd = Math.floor(r.next() ** 3 * 120);
    const util = r.next();
    const years = Math.floor(r.next() * 30);
    const h = housing[Math.floor(r.next() * 3)]!;
    const eta = -2 + dpd / 30 + 1.5 * util - years / 15 + (h === 'rent' ? 0.7 : h === 'free' ? 0.3 : 0);
    target[i] = r.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    cols.dpd.push(String(dpd));
    cols.utilisation.push(r.next() < 0.05 ? '' : util.toFixed(3));
    cols.years.push(r.next() < 0.01 ? 'unknown' : String(years));
    cols.housing.push(h);
    cols.noise.push(String(Math.floor(r.next() * 100)));
  }
  return { columns: Object.entries(cols).map(([name, cells]) => ({ name, cells })), target, targetColumn: 'bad', event: '1' };
}
