import { describe, expect, it } from 'vitest';
import { indexMeasures } from './measure-index.js';
import { allActions, consumptionActions, index, policy } from './test-states.js';

const ids = (found: readonly { measure: { id: string } }[] | undefined) => (found ?? []).map((m) => m.measure.id);

describe('indexMeasures', () => {
  it('has an entry for every action, with or without measures', () => {
    expect([...index.actions.keys()].sort()).toEqual([...allActions].sort());
  });

  it('files list measures by list for the subject itself and by role for related parties', () => {
    for (const action of consumptionActions) {
      const at = index.actions.get(action)!;
      expect(ids(at.self.get('dishonest_judgment_debtors'))).toEqual(['dishonest_debtor.consumption']);
      expect(ids(at.roles.get('legal_representative')?.get('dishonest_judgment_debtors'))).toEqual(['dishonest_debtor.consumption']);
      expect(ids(at.roles.get('actual_controller')?.get('consumption_restricted'))).toEqual(['consumption_restriction.consumption']);
      expect(at.roles.get('shareholder')).toBeUndefined();
    }
    const bid = index.actions.get('procurement.bid')!;
    expect([...bid.self.keys()].sort()).toEqual(['dishonest_judgment_debtors', 'major_tax_violation', 'serious_violation']);
    expect(bid.roles.size).toBe(0);
  });

  it('files grade measures by grade, and precomputes effect rank and remedy', () => {
    const rental = index.actions.get('rental.deposit')!;
    expect(ids(rental.grades.get('AAA'))).toEqual(['good_grade.fast_track']);
    expect(ids(rental.grades.get('AA'))).toEqual(['good_grade.fast_track']);
    expect(rental.grades.get('A')).toBeUndefined();
    const [m] = rental.self.get('a_grade_taxpayers')!;
    expect(m?.rank).toBe(1);
    expect(m?.remedy({ ref: 'T-1', source: 's', until: '2026-01-01', list: 'l' })).toContain('rating (T-1) is current, until 2026-01-01');
  });

  it('keeps measures in id order within a lookup and skips actions the policy does not define', () => {
    const p = structuredClone(policy);
    p.measures.unshift({ ...p.measures[0]!, id: 'zz.first_in_file', actions: ['air_travel.purchase', 'no.such_action'] });
    const i = indexMeasures(p);
    expect(ids(i.actions.get('air_travel.purchase')?.self.get('dishonest_judgment_debtors'))).toEqual(['dishonest_debtor.consumption', 'zz.first_in_file']);
    expect(i.actions.has('no.such_action')).toBe(false);
  });
});
