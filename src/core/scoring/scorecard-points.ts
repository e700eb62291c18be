import { compileScorecard, numericBin, type CompiledScorecard } from '../scorecard/compile-model.js';
import { deriveFinancialFeatures, type FinancialFeatureName, type FinancialFeatures } from '../scorecard/financial-features.js';
import type { ScorecardModel } from '../scorecard/model-format.js';
import type { Policy } from '../policy/policy-schema.js';
import type { RecordState } from '../records/record-state.js';

/** Feature names a registry scorecard may use: those derived from financial records. */
export const REGISTRY_FEATURES: readonly FinancialFeatureName[] = [
  'worstDaysPastDue', 'currentDaysPastDue', 'utilisation', 'historyMonths', 'overdue12m', 'overdue24m', 'repaid', 'writeOffs',
];

/** One feature's cost on the financial dimension, cited to the record it was derived from. */
export interface ScorecardCharge {
  feature: FinancialFeatureName;
  /** The feature's value and the bin it fell in. */
  value: number | null;
  bin: string;
  /** Signed dimension points: the bin's points against the feature's best bin, times the policy's scale (<= 0). */
  points: number;
  /** The record (head revision id) the feature was derived from. */
  recordId: string;
}

const compiled = new WeakMap<object, CompiledScorecard>();

/**
 * The financial dimension as the policy's scorecard sees a subject: each model feature costs what
 * its bin costs against the feature's best bin (the scorecard's own reason-code arithmetic), so a
 * subject whose financial records put every feature in its best bin loses nothing. Subjects with no
 * financial record the policy lets count are not scored at all: absence of data is not conduct.
 */
export function scorecardCharges(policy: Policy, states: readonly RecordState[], asOf: string, counts: (s: RecordState) => boolean): ScorecardCharge[] {
  const card = policy.scoring.financialScorecard;
  if (!card) return [];
  const { features, sources } = deriveFinancialFeatures(states, asOf, counts);
  if (features.historyMonths === null) return [];
  const model = card.model as ScorecardModel;
  let c = compiled.get(model);
  if (!c) compiled.set(model, (c = compileScorecard(model)));
  const scale = card.pointsPerScorecardPoint ?? 1;
  const charges: ScorecardCharge[] = [];
  c.features.forEach((name, f) => {
    const feature = name as FinancialFeatureName;
    const value = (features as FinancialFeatures)[feature];
    const bin = numericBin(c, f, value ?? Number.NaN);
    const loss = c.loss[bin]!;
    const recordId = sources[feature][0] ?? sources.historyMonths[0];
    if (loss <= 0 || recordId === undefined) return;
    charges.push({ feature, value, bin: c.reason[bin]!, points: -loss * scale, recordId });
  });
  return charges;
}
