/** Identity linkage: comparators, the Fellegi–Sunter model, EM, blocking, guarded clustering, record linking. */
export { PERSON_BLOCKING_RULES, forEachCandidatePair, visibleIdKey, type BlockingRule, type BlockingStats } from './blocking.js';
export { clusterPairs, type ClusterGuard, type Clustering, type ScoredPairs } from './clustering.js';
export { evidenceOf, mapColumns, parseFieldsOption, type ColumnMapping } from './column-mapping.js';
export { COMPARATORS, COMPARISON_FIELDS, MISSING, comparatorsFor, type Comparator, type ComparisonField } from './comparisons.js';
export { DEFAULT_RANDOM_PAIRS, deduplicate, type DeduplicateOptions, type DeduplicateResult } from './deduplicate.js';
export { comparisonPattern, estimateU, expectationMaximisation, initialM, type RandomSource } from './estimate-parameters.js';
export { EVIDENCE_FIELDS, prepareEvidence, type EvidenceField, type PersonEvidence, type PreparedEvidence } from './evidence.js';
export {
  explainPair, log2Odds, matchWeight, probabilityOf, termFrequencies, withWeights,
  type ComparisonModel, type ComparisonOutcome, type LinkageModel, type PairExplanation, type TermFrequencies,
} from './model.js';
export { pairwiseMetrics, type PairwiseMetrics } from './pairwise-metrics.js';
export { readPersonName, type PersonName } from './person-name.js';
export { DEFAULT_CLUSTER_THRESHOLD, DEFAULT_LINK_THRESHOLDS, defaultPersonModel } from './default-person-model.js';
export { linkRecord, type CandidateSubject, type LinkBasis, type LinkDecision, type LinkThresholds } from './link-record.js';
export { MAX_LINK_DEPTH, MAX_SUBJECTS_PER_LINK_KEY, linkKeysWithCaps } from './link-keys.js';
