import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveWith } from '../src/app/derive-hook.js';
import { emptySummary, ingestRecords } from '../src/app/ingest/ingest-records.js';
import type { RawRecord } from '../src/app/ingest/read-records.js';
import { initRegistry } from '../src/app/init-registry.js';
import { activePolicy, openRegistry, type Registry } from '../src/app/registry.js';
import type { BenchFigure } from './ingest-bench.js';
import { registryRecords } from './linkage/registry-records.js';
import { syntheticPeople } from './linkage/synthetic-people.js';

/**
 * Ingest with identity linkage: records without a full number (each gets a provisional subject, its
 * candidates by blinded keys, a decision and maybe a link) against records with one, into the same
 * registry of numbered people, in the same run. The first linkage also indexes every numbered person
 * already stored; that catch-up is timed separately.
 */
export async function linkageIngestBench(people: number): Promise<BenchFigure[]> {
  const all = [...syntheticPeople(people, 29)];
  const half = Math.floor(people / 2);
  const first = registryRecords(all.filter((r) => r.entity < half));
  const second = registryRecords(all.filter((r) => r.entity >= half));
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-bench-link-'));
  const registry = await openRegistry({ dbPath: join(dir, 'r.db'), masterKey: Buffer.alloc(32, 5).toString('base64'), clock: '2026-06-01T00:00:00Z' }, true);
  try {
    await initRegistry(registry);
    await load(registry, first.numbered);
    // The first ingest that needs linkage indexes the numbered people stored so far.
    const catchUp = await load(registry, first.unnumbered.slice(0, 1));
    const numbered = await load(registry, second.numbered);
    const unnumbered = await load(registry, [...first.unnumbered.slice(1), ...second.unnumbered]);
    return [
      {
        name: `ingest of records without a full number (${unnumbered.count.toLocaleString('en')}, linked against ${people.toLocaleString('en')} people)`,
        value: unnumbered.perSecond, unit: 'records/s',
        baseline: { name: `records with a full number into the same registry (${numbered.count.toLocaleString('en')})`, value: numbered.perSecond },
        ratio: unnumbered.perSecond / numbered.perSecond,
      },
      {
        name: `first linkage: indexing ${first.numbered.length.toLocaleString('en')} stored numbered records' people`,
        value: first.numbered.length / catchUp.seconds, unit: 'records/s',
        baseline: { name: 'records with a full number', value: numbered.perSecond }, ratio: first.numbered.length / catchUp.seconds / numbered.perSecond,
      },
    ];
  } finally {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function load(registry: Registry, raws: readonly unknown[]): Promise<{ count: number; seconds: number; perSecond: number }> {
  const { policy, version } = await activePolicy(registry);
  async function* lines(): AsyncGenerator<RawRecord> {
    let line = 0;
    for (const raw of raws) yield { line: ++line, raw };
  }
  const started = performance.now();
  const summary = await ingestRecords(lines(), { ...registry, policy, derive: deriveWith(policy, version, registry.newId) }, emptySummary());
  const seconds = (performance.now() - started) / 1000;
  if (summary.rejected > 0) throw new Error(`bench records refused: ${JSON.stringify(summary.errors.slice(0, 2))}`);
  return { count: raws.length, seconds, perSecond: raws.length / seconds };
}
