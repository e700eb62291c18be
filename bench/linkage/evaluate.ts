/**
 * Pairwise evaluation of deduplication against known truth: precision, recall and F1 at the
 * clustering threshold, and precision at the (higher) auto-link threshold.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { SeededRandom } from '../../src/app/demo/seeded-random.js';
import {
  DEFAULT_CLUSTER_THRESHOLD, DEFAULT_LINK_THRESHOLDS, clusterPairs, deduplicate, evidenceOf, mapColumns, matchWeight, pairwiseMetrics, prepareEvidence,
  type PairwiseMetrics, type PersonEvidence,
} from '../../src/core/linkage/index.js';

export interface Evaluation {
  dataset: string;
  records: number;
  candidatePairs: number;
  threshold: number;
  atThreshold: PairwiseMetrics;
  autoLinkThreshold: number;
  atAutoLink: PairwiseMetrics;
  seconds: number;
}

/** Deduplicate labelled evidence and score it against the truth labels. */
export function evaluate(dataset: string, evidence: readonly PersonEvidence[], truth: ReadonlyArray<string | number>, seed = 1): Evaluation {
  const started = performance.now();
  const records = evidence.map(prepareEvidence);
  const threshold = DEFAULT_CLUSTER_THRESHOLD;
  const result = deduplicate(records, { threshold, random: new SeededRandom(seed) });
  const autoLinkThreshold = DEFAULT_LINK_THRESHOLDS.autoLink;
  const strict = clusterPairs(records.length, result.pairs, autoLinkThreshold, { maxClusterSize: 50, minCrossWeight: autoLinkThreshold - 12 },
    (i, j) => matchWeight(result.model, records[i]!, records[j]!));
  return {
    dataset,
    records: records.length,
    candidatePairs: result.pairs.count,
    threshold,
    atThreshold: pairwiseMetrics(result.clustering.clusterOf, truth),
    autoLinkThreshold,
    atAutoLink: pairwiseMetrics(strict.clusterOf, truth),
    seconds: (performance.now() - started) / 1000,
  };
}

/** A labelled CSV: its evidence columns as recognised by `xinyong link`, and its truth from `truthOf`. */
export function evaluateCsv(dataset: string, file: string, truthOf: (row: Record<string, string>) => string): Evaluation {
  const rows = parse(readFileSync(file), { columns: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  const mapping = mapColumns(Object.keys(rows[0] ?? {}));
  if ('error' in mapping) throw new Error(`${file}: ${mapping.error}`);
  // The truth column is never evidence.
  return evaluate(dataset, rows.map((r) => evidenceOf(r, mapping)), rows.map(truthOf));
}

/** FEBRL ids are rec-<entity>-org or rec-<entity>-dup-<n>: the entity is the truth. */
export const febrlEntity = (row: Record<string, string>): string => (row.rec_id ?? '').split('-')[1] ?? '';
