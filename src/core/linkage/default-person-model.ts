/**
 * A starting model for linking person records in the registry before it has enough of its own data
 * to estimate one: m as EM estimated it on the synthetic Chinese population (`npm run eval:linkage`),
 * rounded, and u from its random pairs. Re-estimate on the registry's own records when it can.
 */
import { COMPARATORS, type ComparisonField } from './comparisons.js';
import { withWeights, type LinkageModel, type TermFrequencies } from './model.js';

const PARAMETERS: ReadonlyArray<[ComparisonField, ReadonlyArray<readonly [number, number]>]> = [
  ['familyName', [[0.53, 0.019], [0.4, 0.015], [0.055, 4.5e-5], [0.001, 0.0027], [0.001, 0.052], [0.013, 0.911]]],
  ['givenName', [[0.46, 0.0057], [0.33, 0.0047], [0.055, 4.5e-5], [0.043, 0.0027], [0.07, 0.035], [0.042, 0.952]]],
  ['birthDate', [[0.745, 9.4e-5], [0.053, 3.3e-5], [0.185, 0.0014], [0.005, 0.016], [0.012, 0.982]]],
  ['region', [[0.71, 0.027], [0.28, 0.021], [0.005, 0.015], [0.005, 0.937]]],
  ['idNumber', [[0.22, 1e-5], [0.77, 7e-5], [0.005, 3.4e-6], [0.005, 0.99997]]],
  ['email', [[0.95, 5.7e-4], [0.03, 0.0049], [0.02, 0.995]]],
  ['phone', [[0.93, 8.9e-5], [0.06, 3e-5], [0.01, 0.99988]]],
];

/**
 * The default model for a registry of `population` people: the prior is one match in the
 * population, so the same evidence counts for less in a larger registry.
 */
export function defaultPersonModel(population: number, termFrequencies?: TermFrequencies): LinkageModel {
  if (!(population >= 2)) throw new RangeError('population must be at least 2');
  return {
    prior: 1 / population,
    comparisons: withWeights(PARAMETERS.map(([field, levels]) => ({
      field,
      levels: levels.map(([m, u], k) => ({ label: COMPARATORS[field].levels[k]!, m, u })),
    }))),
    ...(termFrequencies ? { termFrequencies } : {}),
  };
}

/** Thresholds (bits) chosen on the evaluation sets: see docs/linkage.md. */
export const DEFAULT_LINK_THRESHOLDS = { autoLink: 12, review: 4 } as const;

/** The weight (bits) at which batch deduplication joins records into one cluster. */
export const DEFAULT_CLUSTER_THRESHOLD = 8;
