/** The default policy meets design.md section 5: every required code, and the required behaviour. */
import { describe, expect, it } from 'vitest';
import type { Measure } from './policy-schema.js';
import { REQUIRED_ACTIONS, REQUIRED_CODES } from './required-codes.js';
import { freshPolicy } from './test-policy.js';

const policy = freshPolicy();
const measuresOn = (trigger: Measure['when']) =>
  policy.measures.filter((m) => JSON.stringify(m.when) === JSON.stringify(trigger));
const effectOf = (trigger: Measure['when'], action: string) =>
  measuresOn(trigger).filter((m) => m.actions.includes(action)).map((m) => m.effect);

describe('default policy catalogue', () => {
  it('has every required record type, list, action and grade', () => {
    expect(Object.keys(policy.recordTypes)).toEqual(expect.arrayContaining([...REQUIRED_CODES.recordTypes]));
    expect(Object.keys(policy.lists)).toEqual(expect.arrayContaining([...REQUIRED_CODES.lists]));
    expect(Object.keys(policy.actions)).toEqual(expect.arrayContaining([...REQUIRED_ACTIONS]));
    expect(policy.grades.map((g) => g.grade)).toEqual(['AAA', 'AA', 'A', 'B', 'C', 'D']);
  });

  it('marks exactly the nine high-consumption actions as consumption', () => {
    const consumption = Object.entries(policy.actions).filter(([, a]) => a.consumption).map(([code]) => code);
    expect(consumption.sort()).toEqual([...REQUIRED_CODES.consumptionActions].sort());
  });

  it.each([
    ['judicial.dishonest_debtor', 'judicial', 'negative'],
    ['financial.loan_repaid', 'financial', 'positive'],
    ['commercial.tax_grade_a', 'commercial', 'positive'],
    ['government.payment_arrears', 'government', 'negative'],
    ['societal.blood_donation', 'societal', 'positive'],
    ['platform.fraud_confirmed', 'commercial', 'negative'],
  ])('%s counts in %s, %s', (code, dimension, sign) => {
    expect(policy.recordTypes[code]).toMatchObject({ kind: 'conduct', dimension, sign });
  });

  it('keeps organisation-only types and lists for organisations', () => {
    for (const code of ['commercial.abnormal_operations', 'commercial.serious_violation', 'commercial.tax_grade_a']) {
      expect(policy.recordTypes[code]?.subjectKinds).toEqual(['org']);
    }
    for (const name of ['serious_violation', 'abnormal_operations', 'a_grade_taxpayers']) {
      expect(policy.lists[name]?.subjectKinds).toEqual(['org']);
    }
    expect(policy.recordTypes['societal.traffic_violation']).toMatchObject({ severities: ['minor'] });
  });

  it('reads days past due on overdue loans', () => {
    const t = policy.recordTypes['financial.loan_overdue'];
    expect(t?.kind === 'conduct' && t.attributes?.['daysPastDue']).toMatchObject({ type: 'number' });
  });
});

describe('default policy lists', () => {
  it('lists dishonest judgment debtors from their record for two years', () => {
    expect(policy.lists['dishonest_judgment_debtors']).toMatchObject({ kind: 'black', term: 'P2Y', entry: { recordTypes: ['judicial.dishonest_debtor'] } });
    expect(policy.recordTypes['judicial.dishonest_debtor']).toMatchObject({ lists: ['dishonest_judgment_debtors'] });
  });

  it('has the required kinds and entry rules', () => {
    expect(policy.lists['serious_violation']).toMatchObject({ kind: 'black', entry: { recordTypes: ['commercial.serious_violation'] } });
    expect(policy.lists['major_tax_violation']).toMatchObject({
      kind: 'black',
      entry: { recordTypes: ['commercial.tax_violation'], severities: ['serious'] },
    });
    expect(policy.lists['abnormal_operations']).toMatchObject({
      kind: 'watch',
      entry: { recordTypes: ['commercial.abnormal_operations'] },
      warning: 'P60D',
      escalatesTo: { list: 'serious_violation', after: 'P3Y' },
    });
    expect(policy.lists['a_grade_taxpayers']).toMatchObject({ kind: 'red', term: 'P1Y', entry: { recordTypes: ['commercial.tax_grade_a'] } });
  });
});

describe('default policy measures', () => {
  it('denies dishonest debtors, their legal representatives and actual controllers the nine consumption actions', () => {
    for (const action of REQUIRED_CODES.consumptionActions) {
      const ms = measuresOn({ list: 'dishonest_judgment_debtors' }).filter((m) => m.actions.includes(action));
      expect(ms.map((m) => m.effect)).toEqual(['deny']);
      expect(ms[0]?.appliesTo).toEqual(expect.arrayContaining(['self', 'legal_representative', 'actual_controller']));
      expect(ms[0]?.pausedWhileDisputed).toBe(true);
    }
  });

  it.each(['serious_violation', 'major_tax_violation'])('denies %s procurement bids and subsidies', (list) => {
    expect(effectOf({ list }, 'procurement.bid')).toEqual(['deny']);
    expect(effectOf({ list }, 'subsidy.apply')).toEqual(['deny']);
  });

  it('benefits grade-A taxpayers and AAA/AA subjects in licensing and rental deposits', () => {
    for (const trigger of [{ list: 'a_grade_taxpayers' }, { grades: ['AAA', 'AA'] }]) {
      expect(effectOf(trigger, 'licensing.approval')).toEqual(['benefit']);
      expect(effectOf(trigger, 'rental.deposit')).toEqual(['benefit']);
    }
  });

  it('never punishes by grade alone: punishments attach to lists with a legal basis', () => {
    for (const m of policy.measures.filter((x) => x.kind === 'punishment')) expect('list' in m.when).toBe(true);
  });

  it('gives every measure a legal basis and a remedy', () => {
    for (const m of policy.measures) {
      expect(m.legalBasis.trim(), m.id).not.toBe('');
      expect(m.remedy.trim(), m.id).not.toBe('');
    }
  });
});
