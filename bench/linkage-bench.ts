import type { BenchFigure } from './ingest-bench.js';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { DEFAULT_CLUSTER_THRESHOLD, DEFAULT_RANDOM_PAIRS, deduplicate, prepareEvidence, type PersonEvidence, type PreparedEvidence } from '../src/core/linkage/index.js';
import { syntheticPeople } from './linkage/synthetic-people.js';

/**
 * Deduplicating `count` synthetic person records end to end (normalise, block, estimate u and m,
 * score, cluster), beside two baselines measured in the same run on the same records: normalising
 * them only, and grouping them by an exact key (what linkage would cost if every record carried a
 * full identity number). Goal: 1,000,000 records in under 2 minutes and under 4 GB.
 */
export async function linkageBench(count: number): Promise<BenchFigure[]> {
  const evidence: PersonEvidence[] = [];
  // About 1.9 records a person; stop at exactly `count` records.
  for (const r of syntheticPeople(Math.ceil(count / 1.5), 17)) {
    if (evidence.length === count) break;
    evidence.push(r.evidence);
  }
  globalThis.gc?.();

  let started = performance.now();
  const prepared: PreparedEvidence[] = evidence.map(prepareEvidence);
  const prepareSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const groups = new Map<string, number>();
  for (const r of prepared) {
    const key = `${r.familyReading}|${r.givenReading}|${r.birth}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const groupSeconds = (performance.now() - started) / 1000;
  prepared.length = 0;
  globalThis.gc?.();

  started = performance.now();
  const cpuStarted = process.cpuUsage();
  const records = evidence.map(prepareEvidence);
  const blockedAt = performance.now();
  const result = deduplicate(records, { threshold: DEFAULT_CLUSTER_THRESHOLD, random: new SeededRandom(1) });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const dedupeSeconds = (performance.now() - blockedAt) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const comparisons = result.pairs.count + DEFAULT_RANDOM_PAIRS;
  const skipped = result.blocking.reduce((s, b) => s + b.skippedPairs, 0);
  const clusters = new Set(result.clustering.clusterOf).size;
  const label = `link ${count.toLocaleString('en')} synthetic person records (normalise, block, EM, score, guarded clusters)`;
  process.stdout.write(
    // CPU seconds beside wall seconds: on a shared machine the difference is other work's.
    `${label}: ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU s, all threads), ${result.pairs.count.toLocaleString('en')} candidate pairs + ${DEFAULT_RANDOM_PAIRS.toLocaleString('en')} random pairs compared, ` +
      `${skipped.toLocaleString('en')} pairs in oversize blocks skipped, ${clusters.toLocaleString('en')} clusters, ${groups.size.toLocaleString('en')} exact-key groups, peak RSS ${Math.round(peakRssMb)} MB\n`,
  );
  return [
    {
      name: label,
      value: count / seconds,
      unit: 'records/s',
      baseline: { name: 'normalising the same records only (names to pinyin, dates, numbers)', value: count / prepareSeconds },
      ratio: prepareSeconds / seconds,
      goal: `>= ${Math.ceil(count / 120).toLocaleString('en')} records/s (under 2 minutes)`,
      also: { name: 'grouping the normalised records by an exact name+birth-date key', value: count / groupSeconds },
    },
    {
      name: 'linkage pair comparisons (blocking, u sampling and scoring, after normalising)',
      value: comparisons / dedupeSeconds,
      unit: 'comparisons/s',
      baseline: { name: 'records normalised per second, for scale', value: count / prepareSeconds },
      ratio: comparisons / dedupeSeconds / (count / prepareSeconds),
    },
    {
      name: 'linkage peak resident memory',
      value: peakRssMb,
      unit: 'MB',
      baseline: { name: 'the 4 GB goal', value: 4096 },
      ratio: peakRssMb / 4096,
      goal: '<= 1.00',
    },
  ];
}
