/**
 * `npm run eval:linkage`: pairwise precision, recall and F1 of `xinyong link`'s deduplication on
 * FEBRL dataset 3, fake_1000 and a synthetic Chinese population, at the clustering threshold and
 * at the registry's auto-link threshold. LINKAGE_DATA names the folder of the CSV files
 * (default ../shared/data/linkage beside the package); a missing file is reported and skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/app/package-root.js';
import { evaluate, evaluateCsv, febrlEntity, type Evaluation } from './linkage/evaluate.js';
import { syntheticPeople } from './linkage/synthetic-people.js';

const dataDir = process.env.LINKAGE_DATA ?? join(packageRoot(), '..', 'shared', 'data', 'linkage');
const people = Number(process.env.LINKAGE_PEOPLE ?? 10_000);
const F1_GOAL = 0.95;
const PRECISION_GOAL = 0.98;

const results: Array<Evaluation & { goal: boolean }> = [];
const csv = (name: string, file: string, truthOf: (r: Record<string, string>) => string, goal: boolean) => {
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    process.stdout.write(`${name}: ${path} not found, skipped\n`);
    return;
  }
  results.push({ ...evaluateCsv(name, path, truthOf), goal });
};

csv('FEBRL dataset3', 'febrl_dataset3.csv', febrlEntity, true);
csv('fake_1000', 'fake_1000.csv', (r) => r.cluster ?? '', false);
const chinese = [...syntheticPeople(people, 5)];
results.push({ ...evaluate(`synthetic Chinese (${people.toLocaleString('en')} people)`, chinese.map((c) => c.evidence), chinese.map((c) => c.entity)), goal: true });

const f = (x: number) => x.toFixed(4);
const rows = [
  ['dataset', 'records', 'true pairs', 'threshold', 'precision', 'recall', 'F1', 'auto-link', 'precision', 'recall', 'seconds'],
  ...results.map((r) => [
    r.dataset, String(r.records), String(r.atThreshold.truePairs), `${r.threshold} bits`, f(r.atThreshold.precision), f(r.atThreshold.recall), f(r.atThreshold.f1),
    `${r.autoLinkThreshold} bits`, f(r.atAutoLink.precision), f(r.atAutoLink.recall), r.seconds.toFixed(1),
  ]),
];
const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ')}\n`);

let missed = 0;
for (const r of results.filter((x) => x.goal)) {
  const f1 = r.atThreshold.f1 >= F1_GOAL;
  const precision = r.atAutoLink.precision >= PRECISION_GOAL;
  if (!f1 || !precision) missed++;
  process.stdout.write(`${r.dataset}: F1 ${f(r.atThreshold.f1)} ${f1 ? 'meets' : 'MISSES'} >= ${F1_GOAL}; precision at auto-link ${f(r.atAutoLink.precision)} ${precision ? 'meets' : 'MISSES'} >= ${PRECISION_GOAL}\n`);
}
process.exitCode = missed > 0 ? 1 : 0;
