import type { Direction } from './optimal-partition.js';

/** Requested event-rate trend: `auto` tries both directions and keeps the one with more IV. */
export type Trend = 'ascending' | 'descending' | 'auto' | 'none' | 'peak' | 'valley';

export interface BinningOptions {
  /** Most regular bins (missing and special bins come on top). */
  maxBins: number;
  /** Smallest share of the non-missing, non-special rows a regular bin may hold. */
  minBinShare: number;
  /** Quantile pre-bins a numeric feature starts from (categories: at most this many groups). */
  preBins: number;
  trend: Trend;
  /** Numeric codes that mean something other than their value (e.g. -1 = "no account"). */
  specialValues: readonly number[];
}

export const DEFAULT_BINNING: BinningOptions = { maxBins: 8, minBinShare: 0.05, preBins: 20, trend: 'auto', specialValues: [] };

/** One bin: a numeric range [lower, upper), a set of categories, or the missing or special bin. */
export interface Bin {
  kind: 'range' | 'set' | 'missing' | 'special';
  label: string;
  /** Range bins: null stands for minus or plus infinity. */
  lower?: number | null;
  upper?: number | null;
  categories?: string[];
  count: number;
  events: number;
  woe: number;
  iv: number;
}

/**
 * A binned feature. Bins are ordered: the regular bins, then one missing bin, then one special bin,
 * always both (possibly empty, WoE 0) so that every value an applicant can have has a bin.
 */
export interface FeatureBinning {
  name: string;
  type: 'numeric' | 'categorical';
  direction: Direction;
  /** Numeric: x < splits[0] is bin 0, splits[i-1] <= x < splits[i] is bin i. */
  splits: number[];
  specialValues: number[];
  bins: Bin[];
  iv: number;
}
