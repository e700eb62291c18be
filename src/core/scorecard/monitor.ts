import type { CompiledScorecard } from './compile-model.js';
import type { ScorecardModel } from './model-format.js';
import { characteristicShift, psi, verdictOf, type StabilityVerdict } from './stability.js';
import { countScores } from './train-scorecard.js';

export interface FeatureStability {
  feature: string;
  psi: number;
  /** Average points the feature's shift alone moves the score by (characteristic analysis). */
  pointsShift: number;
  verdict: StabilityVerdict;
  bins: { label: string; reference: number; current: number; points: number }[];
}

export interface MonitorReport {
  n: number;
  score: { psi: number; verdict: StabilityVerdict };
  features: FeatureStability[];
}

/**
 * Stability of a current sample against the training sample stored in the model: score PSI over
 * the training score deciles, and per feature its PSI and points shift over the model's bins.
 * `bins` holds one flat bin id per feature per row (row-major), `scores` the rows' scores.
 */
export function monitorScorecard(model: ScorecardModel, c: CompiledScorecard, bins: Int32Array, scores: Float64Array, n: number): MonitorReport {
  const p = c.features.length;
  const counts = new Float64Array(c.binStart[p]!);
  for (let i = 0; i < n * p; i++) counts[bins[i]!]!++;
  const features = model.features.map((f, j): FeatureStability => {
    const current = counts.subarray(c.binStart[j]!, c.binStart[j + 1]!);
    const reference = f.bins.map((b) => b.count);
    const points = f.bins.map((b) => b.points);
    const v = psi(reference, current);
    return {
      feature: f.name, psi: v, pointsShift: characteristicShift(reference, current, points), verdict: verdictOf(v),
      bins: f.bins.map((b, k) => ({ label: b.label, reference: b.count, current: current[k]!, points: b.points })),
    };
  });
  const scorePsi = psi(model.training.scoreCounts, countScores(scores.subarray(0, n), model.training.scoreEdges));
  return { n, score: { psi: scorePsi, verdict: verdictOf(scorePsi) }, features };
}
