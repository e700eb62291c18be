import type { RecordState } from '../records/record-state.js';

/**
 * Applicant features a scorecard can use, derived from a subject's financial records as the
 * registry knew them at `asOf`. Only conduct the registry may use counts: a record that is
 * retracted, not yet occurred, or repaired by `asOf` is left out, and the caller passes `counts`
 * to apply the policy's own rules too (publication terms, suppression after a lapsed objection),
 * e.g. `(s) => isLive(s, policy, asOf, suppressed)`.
 */
export interface FinancialFeatures {
  /** Largest daysPastDue ever reported on an overdue loan (0 when none). */
  worstDaysPastDue: number;
  /** Largest daysPastDue, as last reported, of overdue loans still active (0 when none). */
  currentDaysPastDue: number;
  /** Sum of balances over sum of limits of active financial records that carry both; null when none do. */
  utilisation: number | null;
  /** Whole calendar months since the earliest financial record occurred; null when there is none. */
  historyMonths: number | null;
  /** Overdue-loan records that occurred in the last 12 and 24 months. */
  overdue12m: number;
  overdue24m: number;
  /** Loans repaid in full (financial.loan_repaid). */
  repaid: number;
  /** Loans written off as bad debts (financial.default_written_off). */
  writeOffs: number;
}

export type FinancialFeatureName = keyof FinancialFeatures;

/** The features and, for each, the record revisions (head ids) it was derived from, for explanations. */
export interface DerivedFinancialFeatures {
  features: FinancialFeatures;
  sources: Record<FinancialFeatureName, string[]>;
}

export const OVERDUE = 'financial.loan_overdue';
export const REPAID = 'financial.loan_repaid';
export const WRITTEN_OFF = 'financial.default_written_off';

/** Derive the features; `states` are the subject's record states at `asOf` (see recordStates). */
export function financialFeatures(states: readonly RecordState[], asOf: string, counts: (s: RecordState) => boolean = () => true): FinancialFeatures {
  return deriveFinancialFeatures(states, asOf, counts).features;
}

/**
 * The same features with their sources: which records set the worst and current days past due,
 * the earliest record, and every record counted or summed, so a score built on them can cite them.
 */
export function deriveFinancialFeatures(states: readonly RecordState[], asOf: string, counts: (s: RecordState) => boolean = () => true): DerivedFinancialFeatures {
  const at = Date.parse(asOf);
  const out: FinancialFeatures = { worstDaysPastDue: 0, currentDaysPastDue: 0, utilisation: null, historyMonths: null, overdue12m: 0, overdue24m: 0, repaid: 0, writeOffs: 0 };
  const sources: Record<FinancialFeatureName, string[]> = {
    worstDaysPastDue: [], currentDaysPastDue: [], utilisation: [], historyMonths: [], overdue12m: [], overdue24m: [], repaid: [], writeOffs: [],
  };
  let earliest: string | undefined;
  let balance = 0;
  let limit = 0;
  for (const s of states) {
    const h = s.head;
    if (!h.type.startsWith('financial.') || h.status === 'retracted' || Date.parse(h.occurredAt) > at) continue;
    if (s.repairedAt !== undefined && Date.parse(s.repairedAt) <= at) continue;
    if (!counts(s)) continue;
    if (earliest === undefined || Date.parse(h.occurredAt) < Date.parse(earliest)) {
      earliest = h.occurredAt;
      sources.historyMonths = [h.id];
    }
    const open = h.status === 'active' && s.closedAt === null;
    if (h.type === OVERDUE) {
      const dpd = numberAttr(h.attributes, 'daysPastDue') ?? 0;
      if (dpd > out.worstDaysPastDue) {
        out.worstDaysPastDue = dpd;
        sources.worstDaysPastDue = [h.id];
      }
      if (open && dpd > out.currentDaysPastDue) {
        out.currentDaysPastDue = dpd;
        sources.currentDaysPastDue = [h.id];
      }
      const age = monthsBetween(h.occurredAt, asOf);
      if (age < 12) {
        out.overdue12m++;
        sources.overdue12m.push(h.id);
      }
      if (age < 24) {
        out.overdue24m++;
        sources.overdue24m.push(h.id);
      }
    } else if (h.type === REPAID) {
      out.repaid++;
      sources.repaid.push(h.id);
    } else if (h.type === WRITTEN_OFF) {
      out.writeOffs++;
      sources.writeOffs.push(h.id);
    }
    const b = numberAttr(h.attributes, 'balance');
    const l = numberAttr(h.attributes, 'limit');
    if (open && b !== undefined && l !== undefined && l > 0) {
      balance += Math.max(0, b);
      limit += l;
      sources.utilisation.push(h.id);
    }
  }
  if (limit > 0) out.utilisation = balance / limit;
  if (earliest !== undefined) out.historyMonths = monthsBetween(earliest, asOf);
  return { features: out, sources };
}

/** Whole calendar months from `from` to `to` (a month counts once its day of month is reached). */
export function monthsBetween(from: string, to: string): number {
  const a = new Date(from);
  const b = new Date(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months--;
  return Math.max(0, months);
}

function numberAttr(attributes: Record<string, unknown>, key: string): number | undefined {
  const v = attributes[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
