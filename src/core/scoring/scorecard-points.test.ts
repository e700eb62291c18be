import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { policyProblems as checkPolicy } from '../policy/check-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { recordStates, type RevisionFacts } from '../records/record-state.js';
import { mulberry32 } from '../scorecard/random.js';
import { trainScorecard } from '../scorecard/train-scorecard.js';
import { scoreSubject } from './score-subject.js';
import { day, revision } from './test-records.js';

/** A scorecard over registry features, trained on applicants whose default odds rise with days past due. */
function trainedModel() {
  const rng = mulberry32(7);
  const random = () => rng.next();
  const worst: string[] = [];
  const overdue: string[] = [];
  const history: string[] = [];
  const target = new Uint8Array(4000);
  for (let i = 0; i < target.length; i++) {
    const dpd = Math.floor(random() * 200);
    const count = Math.floor(random() * 5);
    worst.push(String(dpd));
    overdue.push(String(count));
    history.push(String(6 + Math.floor(random() * 120)));
    target[i] = random() < 1 / (1 + Math.exp(3 - dpd / 40 - count / 2)) ? 1 : 0;
  }
  return trainScorecard({
    columns: [{ name: 'worstDaysPastDue', cells: worst }, { name: 'overdue12m', cells: overdue }, { name: 'historyMonths', cells: history }],
    target, targetColumn: 'default', event: '1',
  });
}

const model = trainedModel();
const withScorecard = (m: unknown = model): Policy => {
  const p = defaultPolicy();
  p.scoring.financialScorecard = { model: m, pointsPerScorecardPoint: 2 };
  return p;
};
const overdue = (date: string, dpd: number, over: Partial<RevisionFacts> = {}) => revision({
  type: 'financial.loan_overdue', source: 'bank.city', severity: 'general', occurredAt: day(date), receivedAt: day(date),
  attributes: { daysPastDue: dpd }, ...over,
});
const sum = (xs: readonly { points: number }[]) => Math.round(xs.reduce((a, r) => a + r.points, 0) * 100) / 100;

describe('a scorecard driving the financial dimension', () => {
  it('is checked by policy check: a valid model over registry features passes, anything else is named', () => {
    expect(checkPolicy(withScorecard())).toEqual([]);
    const broken = checkPolicy(withScorecard({ format: 'xinyong-scorecard', version: 1 }));
    expect(broken.map((p) => p.path.join('.'))).toEqual(['scoring.financialScorecard.model']);
    const foreign = structuredClone(model);
    foreign.features[0]!.name = 'age';
    expect(checkPolicy(withScorecard(foreign))[0]).toMatchObject({ path: ['scoring', 'financialScorecard', 'model', 'features', 0, 'name'] });
  });

  it('replaces financial rule points with feature costs, each cited to the record it came from, adding up to the score', () => {
    const asOf = day('2025-06-01');
    const worst = overdue('2025-03-01', 180);
    const states = recordStates([overdue('2024-01-01', 10), worst, revision({ occurredAt: day('2025-03-01') })], asOf);
    const rules = scoreSubject(defaultPolicy(), states, asOf);
    const carded = scoreSubject(withScorecard(), states, asOf);
    expect(rules.reasons.some((r) => r.code === 'financial.loan_overdue')).toBe(true);
    expect(carded.reasons.some((r) => r.code.startsWith('financial.'))).toBe(false);
    const charge = carded.reasons.find((r) => r.code === 'scorecard.worstDaysPastDue')!;
    expect(charge).toMatchObject({ recordId: worst.id, dimension: 'financial', source: 'bank.city' });
    expect(charge.points).toBeLessThan(0);
    expect(charge.text).toMatch(/^Scorecard: worstDaysPastDue: .* points against the feature's best bin/);
    // Judicial points are untouched; every point of score - base is still a reason's.
    expect(carded.dimensions.judicial).toBe(rules.dimensions.judicial);
    expect(Math.abs(sum(carded.reasons) - (carded.score - carded.base))).toBeLessThanOrEqual(0.5);
  });

  it('costs more the worse the conduct, and nothing for a subject without financial records', () => {
    const asOf = day('2025-06-01');
    const score = (dpd: number) => scoreSubject(withScorecard(), recordStates([overdue('2025-03-01', dpd)], asOf), asOf).dimensions.financial;
    expect(score(190)).toBeLessThan(score(5));
    const none = scoreSubject(withScorecard(), recordStates([revision({ occurredAt: day('2025-03-01') })], asOf), asOf);
    expect(none.dimensions.financial).toBe(0);
  });
});
