/**
 * Scaling to points with points-to-double-the-odds. Odds here are GOOD:BAD (non-event to event),
 * so a higher score means lower risk: score = offset + factor * ln(odds), factor = PDO / ln 2,
 * offset = baseScore - factor * ln(baseOdds). With logit P(event) = b0 + sum b_j WoE_j,
 * ln(odds) = -(b0 + sum b_j WoE_j), hence base points = offset - factor * b0 and a bin's points
 * = -factor * b_j * WoE. Points are rounded to whole numbers, as on a printed scorecard; the
 * probability (pd) is computed from the unrounded coefficients.
 */
export interface Scaling {
  baseScore: number;
  baseOdds: number;
  pdo: number;
}

export const DEFAULT_SCALING: Scaling = { baseScore: 600, baseOdds: 50, pdo: 20 };

export function scalingOf(s: Scaling): Scaling & { factor: number; offset: number } {
  const factor = s.pdo / Math.LN2;
  return { ...s, factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
}

export const basePointsOf = (factor: number, offset: number, intercept: number): number => Math.round(offset - factor * intercept);
export const binPointsOf = (factor: number, coefficient: number, woe: number): number => Math.round(-factor * coefficient * woe) || 0;
