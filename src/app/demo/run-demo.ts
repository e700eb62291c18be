import { ingestRecords, emptySummary, type IngestSummary } from '../ingest/ingest-records.js';
import type { RawRecord } from '../ingest/read-records.js';
import { deriveWith } from '../derive-hook.js';
import { initRegistry } from '../init-registry.js';
import { auditIngestBatch, OPERATOR } from '../operator.js';
import { activePolicy, type Registry } from '../registry.js';
import { generatePopulation, type PopulationOptions } from './generate-population.js';

export interface DemoResult {
  skipped: boolean;
  summary: IngestSummary;
  featured: string | null;
}

/** Initialise the store if needed and ingest a synthetic population through the normal ingest path. */
export async function runDemo(
  registry: Registry, options: Omit<PopulationOptions, 'now'> & { ifEmpty: boolean },
): Promise<DemoResult> {
  await initRegistry(registry);
  const { policy, version } = await activePolicy(registry);
  const population = generatePopulation(policy, { ...options, now: registry.clock.now() });
  if (options.ifEmpty && (await registry.store.stats()).subjects > 0) {
    return { skipped: true, summary: emptySummary(), featured: population.featured || null };
  }
  async function* lines(): AsyncGenerator<RawRecord> {
    let line = 0;
    for (const raw of population.records) yield { line: ++line, raw };
  }
  const summary = await ingestRecords(lines(), { ...registry, policy, derive: deriveWith(policy, version, registry.newId), auditBatch: auditIngestBatch(registry, OPERATOR) }, emptySummary());
  return { skipped: false, summary, featured: population.featured || null };
}
