import { describe, expect, it } from 'vitest';
import { RELATIONS } from '../policy/policy-schema.js';
import { decide } from './decide.js';
import {
  allActions, consumptionActions, decideOk, disputeKey, index, policy, record, role, standing, state,
} from './test-states.js';

const CASE = '(2025)京0105执123号';
const measureOf = (id: string) => policy.measures.find((m) => m.id === id)!;

describe('decide', () => {
  it('denies a listed dishonest debtor each of the nine consumption actions, with basis and remedy', () => {
    expect(consumptionActions).toHaveLength(9);
    const debtor = state({ standings: [standing('dishonest_judgment_debtors')] });
    for (const action of consumptionActions) {
      const d = decideOk(debtor, action);
      expect(d.effect).toBe('deny');
      expect(d.measures).toHaveLength(1);
      const [m] = d.measures;
      expect(m).toMatchObject({
        id: 'dishonest_debtor.consumption', kind: 'punishment', effect: 'deny', until: '2027-01-10T00:00:00.000Z',
        legalBasis: measureOf('dishonest_debtor.consumption').legalBasis,
        trigger: { list: 'dishonest_judgment_debtors', record: record('dishonest_judgment_debtors', CASE) },
      });
      expect(m?.legalBasis).toContain('法释〔2017〕7号');
      expect(m?.remedy).toContain(`enforcement case ${CASE} (court.enforcement)`);
      expect(m?.remedy).toContain('ends on 2027-01-10');
      expect(m?.remedy).not.toMatch(/\{\w+\}/);
      expect(m?.trigger.via).toBeUndefined();
    }
  });

  it('applies the other dishonest-debtor measures and leaves unrelated actions allowed', () => {
    const debtor = state({ standings: [standing('dishonest_judgment_debtors')] });
    expect(decideOk(debtor, 'procurement.bid').effect).toBe('deny');
    expect(decideOk(debtor, 'appointment.senior_post').effect).toBe('deny');
    expect(decideOk(debtor, 'credit.new_loan')).toMatchObject({ effect: 'review', measures: [{ id: 'dishonest_debtor.credit_review' }] });
    expect(decideOk(debtor, 'licensing.approval')).toEqual({ action: 'licensing.approval', effect: 'allow', measures: [] });
  });

  it('gives one measure per standing, each with its own remedy, ordered by case', () => {
    const two = state({ standings: [standing('dishonest_judgment_debtors', ['case-B']), standing('dishonest_judgment_debtors', ['case-A'], '2026-03-01T00:00:00.000Z')] });
    const d = decideOk(two, 'air_travel.purchase');
    expect(d.measures.map((m) => m.trigger.record?.ref)).toEqual(['case-A', 'case-B']);
    expect(d.measures[0]?.remedy).toContain('case case-A');
    expect(d.measures[0]?.remedy).toContain('2026-03-01');
    expect(d.measures[1]?.remedy).toContain('case case-B');
    expect(d.measures[1]?.until).toBe('2027-01-10T00:00:00.000Z');
  });

  it("denies an org debtor's legal representative and actual controller through their roles, not a shareholder", () => {
    const orgListed = [standing('dishonest_judgment_debtors', ['org-case'])];
    const reach = measureOf('dishonest_debtor.consumption').appliesTo;
    for (const relation of RELATIONS) {
      const d = decideOk(state({ roles: [role(relation, orgListed)] }), 'hotel.star_rated');
      expect(d.effect).toBe(reach.includes(relation) ? 'deny' : 'allow');
    }
    for (const relation of ['legal_representative', 'actual_controller'] as const) {
      const d = decideOk(state({ roles: [role(relation, orgListed)] }), 'hotel.star_rated');
      expect(d.effect).toBe('deny');
      expect(d.measures[0]?.trigger).toEqual({
        list: 'dishonest_judgment_debtors', record: record('dishonest_judgment_debtors', 'org-case'),
        via: { role: relation, orgId: 'org-1', orgName: '某某有限公司' },
      });
      expect(d.measures[0]?.remedy).toContain('org-case');
      // Exclusion from procurement reaches the organisation only.
      expect(decideOk(state({ roles: [role(relation, orgListed)] }), 'procurement.bid').effect).toBe('allow');
    }
    expect(decideOk(state({ roles: [role('shareholder', orgListed)] }), 'hotel.star_rated')).toMatchObject({ effect: 'allow', measures: [] });
  });

  it('denies procurement and subsidies on the serious-violation and major-tax-violation lists', () => {
    for (const list of ['serious_violation', 'major_tax_violation']) {
      const org = state({ kind: 'org', standings: [standing(list, ['X-1'], '2028-01-10T00:00:00.000Z')] });
      for (const action of ['procurement.bid', 'subsidy.apply']) {
        const d = decideOk(org, action);
        expect(d.effect).toBe('deny');
        expect(d.measures[0]).toMatchObject({ id: `${list}.public_resources`, legalBasis: measureOf(`${list}.public_resources`).legalBasis });
        expect(d.measures[0]?.remedy).toContain('X-1');
        expect(d.measures[0]?.remedy).toContain('2028-01-10');
      }
      expect(decideOk(org, 'air_travel.purchase').effect).toBe('allow');
    }
    const officer = state({ roles: [role('legal_representative', [standing('serious_violation', ['SV-1'])])] });
    const d = decideOk(officer, 'appointment.senior_post');
    expect(d).toMatchObject({ effect: 'deny', measures: [{ id: 'serious_violation.officers' }] });
    expect(d.measures[0]?.remedy).toContain('list serious_violation (record SV-1)');
  });

  it('benefits a-grade taxpayers and AAA/AA grades on licensing and rental deposits', () => {
    for (const action of ['licensing.approval', 'rental.deposit']) {
      const red = decideOk(state({ kind: 'org', standings: [standing('a_grade_taxpayers', ['TA-2024'])] }), action);
      expect(red).toMatchObject({ effect: 'benefit', measures: [{ id: 'a_grade_taxpayer.fast_track', kind: 'reward', until: '2027-01-10T00:00:00.000Z' }] });
      expect(red.measures[0]?.remedy).toContain('TA-2024');
      for (const grade of ['AAA', 'AA']) {
        const d = decideOk(state({ grade }), action);
        expect(d.effect).toBe('benefit');
        expect(d.measures).toEqual([{
          id: 'good_grade.fast_track', kind: 'reward', effect: 'benefit', trigger: { grade },
          legalBasis: measureOf('good_grade.fast_track').legalBasis, remedy: measureOf('good_grade.fast_track').remedy,
        }]);
      }
      expect(decideOk(state({ grade: 'A' }), action).effect).toBe('allow');
    }
    expect(decideOk(state({ grade: 'AAA' }), 'air_travel.purchase').effect).toBe('allow');
  });

  it('allows every action for a subject with no standings', () => {
    for (const action of allActions) expect(decideOk(state(), action)).toEqual({ action, effect: 'allow', measures: [] });
  });

  it('ignores standings that are not active', () => {
    const ended = state({ standings: [standing('dishonest_judgment_debtors', ['old'], '2025-05-01T00:00:00.000Z', false)] });
    expect(decideOk(ended, 'air_travel.purchase')).toMatchObject({ effect: 'allow', measures: [] });
  });

  it('rejects an action the policy does not define', () => {
    const result = decide(policy, index, state(), 'casino.entry');
    expect(result).toMatchObject({ ok: false, error: { code: 'XY_UNKNOWN_ACTION' } });
    expect(decide(policy, index, state(), 'toString').ok).toBe(false);
  });

  it('lists a measure paused while all its records are disputed, without counting it', () => {
    const s = standing('dishonest_judgment_debtors', ['D-1']);
    const disputed = state({ standings: [s], disputed: new Set([disputeKey(s.records[0]!)]) });
    const d = decideOk(disputed, 'air_travel.purchase');
    expect(d).toMatchObject({ effect: 'allow', measures: [{ id: 'dishonest_debtor.consumption', paused: true }] });
    // Another, undisputed case still denies.
    const both = state({ standings: [s, standing('dishonest_judgment_debtors', ['D-2'])], disputed: disputed.disputed });
    const d2 = decideOk(both, 'air_travel.purchase');
    expect(d2.effect).toBe('deny');
    expect(d2.measures.map((m) => [m.trigger.record?.ref, m.paused])).toEqual([['D-1', true], ['D-2', undefined]]);
    // A measure without pausedWhileDisputed keeps counting.
    const red = standing('a_grade_taxpayers', ['TA-1']);
    expect(decideOk(state({ standings: [red], disputed: new Set([disputeKey(red.records[0]!)]) }), 'rental.deposit').effect).toBe('benefit');
  });

  it('pauses a counted-list measure only when every one of its records is disputed', () => {
    const s = standing('dishonest_judgment_debtors', ['P-1', 'P-2']);
    const one = decideOk(state({ standings: [s], disputed: new Set([disputeKey(s.records[0]!)]) }), 'vehicle.purchase');
    expect(one.effect).toBe('deny');
    expect(one.measures[0]?.remedy).toContain('case P-1, P-2 (court.enforcement)');
    const all = decideOk(state({ standings: [s], disputed: new Set(s.records.map(disputeKey)) }), 'vehicle.purchase');
    expect(all).toMatchObject({ effect: 'allow', measures: [{ paused: true }] });
  });

  it('orders measures by severity, then id, then record', () => {
    const p = structuredClone(policy);
    p.measures.push({ ...measureOf('a_grade_taxpayer.fast_track'), id: 'a_grade_taxpayer.zz_bonus', actions: ['credit.new_loan'] });
    const s = state({
      standings: [standing('a_grade_taxpayers', ['T']), standing('major_tax_violation', ['M']), standing('dishonest_judgment_debtors', ['B']), standing('dishonest_judgment_debtors', ['A'])],
    });
    const d = decideOk(s, 'credit.new_loan', p);
    expect(d.effect).toBe('review');
    expect(d.measures.map((m) => `${m.effect} ${m.id} ${m.trigger.record?.ref}`)).toEqual([
      'review dishonest_debtor.credit_review A', 'review dishonest_debtor.credit_review B', 'review major_tax_violation.credit_review M',
      'benefit a_grade_taxpayer.zz_bonus T',
    ]);
  });
});
