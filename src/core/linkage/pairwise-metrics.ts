/**
 * Pairwise precision and recall of a clustering against the truth: a pair counts as predicted when
 * both records share a predicted cluster, as true when they share a true entity.
 */

export interface PairwiseMetrics {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairsIn = (n: number) => (n * (n - 1)) / 2;

/** Compare predicted cluster labels with true entity labels, record by record (same order, same length). */
export function pairwiseMetrics(predicted: ArrayLike<number | string>, truth: ArrayLike<number | string>): PairwiseMetrics {
  if (predicted.length !== truth.length) throw new RangeError('predicted and truth must label the same records');
  const count = (keys: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    let s = 0;
    for (const n of m.values()) s += pairsIn(n);
    return s;
  };
  const idx = Array.from({ length: predicted.length }, (_, i) => i);
  const predictedPairs = count(idx.map((i) => String(predicted[i])));
  const truePairs = count(idx.map((i) => String(truth[i])));
  const correctPairs = count(idx.map((i) => `${String(predicted[i])}\u0000${String(truth[i])}`));
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
