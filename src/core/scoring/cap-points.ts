/** Signed points whose sum was brought within a range, and which side had to give way. */
export interface CappedPoints {
  points: number[];
  sum: number;
  /** The side that was scaled down, or null when the sum was already within range. */
  scaled: 'positive' | 'negative' | null;
}

/**
 * Bring the sum of signed points within [min, max] by scaling down only the side that overflows:
 * positives when the sum is too high, negatives when it is too low. Each point keeps its share, so
 * the capped sum stays exactly attributed to the records behind it. Used for each dimension's cap
 * and again for the score's range.
 *
 * The scale never goes below 0 nor above 1: points are shrunk, never flipped or amplified. With a
 * range that brackets 0 (as caps should) the result is always within range.
 */
export function capPoints(points: readonly number[], range: { readonly min: number; readonly max: number }): CappedPoints {
  let positive = 0;
  let negative = 0;
  for (const p of points) {
    if (p > 0) positive += p;
    else negative += p;
  }
  const sum = positive + negative;
  if (sum > range.max && positive > 0) {
    return scale(points, (p) => p > 0, clamp01((range.max - negative) / positive), 'positive');
  }
  if (sum < range.min && negative < 0) {
    return scale(points, (p) => p < 0, clamp01((range.min - positive) / negative), 'negative');
  }
  return { points: [...points], sum, scaled: null };
}

function scale(points: readonly number[], side: (p: number) => boolean, factor: number, scaled: CappedPoints['scaled']): CappedPoints {
  const out = points.map((p) => (side(p) ? p * factor : p));
  return { points: out, sum: out.reduce((a, b) => a + b, 0), scaled };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
