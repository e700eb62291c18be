import type { TrainingData } from '../../src/core/scorecard/train-scorecard.js';

/**
 * Feature engineering for the UCI Taiwan default file, as scorecards for this data set are usually
 * built: behaviour summaries over the six monthly repayment statuses, bills and payments, derived
 * row by row before binning. Nothing here is fitted to the data (no thresholds learned, no target
 * read), so applying it before the cross-validation split leaks nothing from a held-out fold.
 * Ratios whose denominator is not positive are left empty (missing), giving them the missing bin.
 */

/** The file's columns by their UCI meaning; either the X1..X23 header or the descriptive one. */
const LIMIT = ['X1', 'LIMIT_BAL'];
const PAY = [['X6', 'PAY_0'], ['X7', 'PAY_2'], ['X8', 'PAY_3'], ['X9', 'PAY_4'], ['X10', 'PAY_5'], ['X11', 'PAY_6']];
const BILL = [1, 2, 3, 4, 5, 6].map((m) => [`X${11 + m}`, `BILL_AMT${m}`]);
const PAID = [1, 2, 3, 4, 5, 6].map((m) => [`X${17 + m}`, `PAY_AMT${m}`]);

/** The derived columns, in the order they are appended. */
export const TAIWAN_FEATURES = [
  'pay_max', 'pay_delay_months', 'pay_delay2_months', 'pay_recent_max',
  'utilisation', 'utilisation_avg', 'payment_ratio', 'payment_ratio_avg', 'bill_trend', 'paid_months',
] as const;

/**
 * The data with the derived columns appended and the six repayment statuses recoded as categories,
 * or unchanged when the file does not have the UCI Taiwan layout. Month 1 is the most recent
 * (September 2005): PAY_AMT1 is the payment made in September against the August statement, BILL_AMT2.
 */
export function withTaiwanFeatures(data: TrainingData): TrainingData {
  const find = (names: readonly string[]) => data.columns.find((c) => names.includes(c.name))?.cells;
  const limit = find(LIMIT);
  const pay = PAY.map(find);
  const bill = BILL.map(find);
  const paid = PAID.map(find);
  if (!limit || [...pay, ...bill, ...paid].some((c) => !c)) return data;
  const n = data.target.length;
  const out = TAIWAN_FEATURES.map(() => new Array<string>(n));
  const num = (cells: readonly string[] | undefined, i: number) => Number(cells![i]);
  for (let i = 0; i < n; i++) {
    const status = pay.map((c) => num(c, i));
    const bills = bill.map((c) => num(c, i));
    const paids = paid.map((c) => num(c, i));
    const lim = num(limit, i);
    const f = derive(status, bills, paids, lim);
    TAIWAN_FEATURES.forEach((name, k) => (out[k]![i] = cell(f[name])));
  }
  const columns = data.columns.map((c) => (PAY.some((names) => names.includes(c.name)) ? { name: c.name, cells: c.cells.map(statusLabel) } : c));
  return { ...data, columns: [...columns, ...TAIWAN_FEATURES.map((name, k) => ({ name, cells: out[k]! }))] };
}

/**
 * One applicant's derived features from the repayment statuses (months of delay; -2, -1 and 0 mean
 * no consumption, paid in full and revolving on time), bills and payments, most recent month first.
 */
export function derive(status: number[], bills: number[], paids: number[], limit: number): Record<(typeof TAIWAN_FEATURES)[number], number> {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  let dueSum = 0;
  let paidSum = 0;
  for (let m = 0; m < 5; m++) if (bills[m + 1]! > 0) {
    dueSum += bills[m + 1]!;
    paidSum += Math.min(paids[m]!, bills[m + 1]!);
  }
  return {
    pay_max: Math.max(...status),
    pay_delay_months: status.filter((s) => s >= 1).length,
    pay_delay2_months: status.filter((s) => s >= 2).length,
    pay_recent_max: Math.max(...status.slice(0, 3)),
    utilisation: ratio(bills[0]!, limit),
    utilisation_avg: ratio(bills.reduce((s, b) => s + b, 0) / bills.length, limit),
    payment_ratio: ratio(paids[0]!, bills[1]!),
    payment_ratio_avg: ratio(paidSum, dueSum),
    bill_trend: ratio(bills[0]! - bills[5]!, limit),
    paid_months: paids.filter((p) => p > 0).length,
  };
}

/**
 * A repayment status as a category. -2 (no consumption), -1 (paid in full) and 0 (revolving, paid
 * on time) are codes, not amounts of delay, and their risk is not ordered with the delays (revolving
 * is the safest), so a monotone numeric binning would have to merge them; as categories the binner
 * orders them by their event rate like any other category.
 */
export function statusLabel(cell: string): string {
  const v = Number(cell);
  if (cell.trim() === '' || !Number.isInteger(v)) return cell;
  if (v === -2) return 'no consumption';
  if (v === -1) return 'paid in full';
  if (v === 0) return 'revolving';
  return v === 1 ? '1 month late' : `${v} months late`;
}

const cell = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '');
