import { describe, expect, it } from 'vitest';
import { checkPolicy, policyProblems } from './check-policy.js';
import type { ConductType, Policy } from './policy-schema.js';
import { freshPolicy } from './test-policy.js';

const codes = (p: Policy) => checkPolicy(p).map((e) => e.code);
const conduct = (p: Policy, code: string): ConductType => {
  const t = p.recordTypes[code];
  if (t?.kind !== 'conduct') throw new Error(`${code} is not a conduct type`);
  return t;
};

describe('checkPolicy: conduct only', () => {
  it.each(['religion', 'speech', 'health', 'ethnicity', 'political_activity', 'opinions', 'social_connections', 'personal relationships'])(
    'rejects a record type with category %s',
    (category) => {
      const p = freshPolicy();
      conduct(p, 'societal.volunteer_service').category = category;
      const errors = checkPolicy(p);
      expect(errors).toEqual([expect.objectContaining({ code: 'XY_POLICY_FORBIDDEN_CATEGORY' })]);
      expect(errors[0]?.message).toContain('societal.volunteer_service');
    },
  );

  it('rejects a forbidden category on a relation type too', () => {
    const p = freshPolicy();
    const rel = p.recordTypes['relation.guarantor'];
    if (rel) rel.category = 'Family-Relationships';
    expect(codes(p)).toEqual(['XY_POLICY_FORBIDDEN_CATEGORY']);
  });

  it('rejects a category outside the conduct list as unknown', () => {
    const p = freshPolicy();
    conduct(p, 'commercial.contract_breach').category = 'lifestyle';
    expect(codes(p)).toEqual(['XY_POLICY_UNKNOWN_CATEGORY']);
  });

  it('lets conductCategories rename the allowed list', () => {
    const p = freshPolicy();
    const used = new Set(Object.values(p.recordTypes).map((t) => t.category));
    p.conductCategories = [...used, 'punctuality'];
    conduct(p, 'commercial.contract_breach').category = 'punctuality';
    expect(checkPolicy(p)).toEqual([]);
    p.conductCategories = ['debt'];
    expect(codes(p)).toContain('XY_POLICY_UNKNOWN_CATEGORY');
  });

  it('never lets conductCategories admit a forbidden category', () => {
    const p = freshPolicy();
    p.conductCategories = [...new Set(Object.values(p.recordTypes).map((t) => t.category)), 'religion'];
    conduct(p, 'societal.volunteer_service').category = 'religion';
    expect(codes(p)).toEqual(['XY_POLICY_FORBIDDEN_CATEGORY', 'XY_POLICY_FORBIDDEN_CATEGORY']);
  });
});

describe('checkPolicy: legal basis and remedy', () => {
  it('rejects a record type without a legal basis', () => {
    const p = freshPolicy();
    conduct(p, 'financial.loan_overdue').legalBasis = '   ';
    const errors = checkPolicy(p);
    expect(errors).toEqual([expect.objectContaining({ code: 'XY_POLICY_NO_LEGAL_BASIS' })]);
    expect(errors[0]?.message).toContain('financial.loan_overdue');
  });

  it('rejects a list or measure without a legal basis, and a measure without a remedy', () => {
    const p = freshPolicy();
    const list = p.lists['serious_violation'];
    const measure = p.measures[0];
    if (!list || !measure) throw new Error('default policy changed');
    list.legalBasis = '';
    measure.legalBasis = '';
    measure.remedy = '';
    expect(codes(p)).toEqual(['XY_POLICY_NO_LEGAL_BASIS', 'XY_POLICY_NO_LEGAL_BASIS', 'XY_POLICY_INVALID']);
  });

  it('rejects an unknown remedy placeholder', () => {
    const p = freshPolicy();
    if (p.measures[0]) p.measures[0].remedy = 'pay {amount} by {until}';
    expect(checkPolicy(p)[0]?.message).toContain('{amount}');
  });
});

describe('checkPolicy: references and required codes', () => {
  it('reports each reference to something undefined', () => {
    const p = freshPolicy();
    const [m0, m1] = p.measures;
    const list = p.lists['dishonest_judgment_debtors'];
    const abnormal = p.lists['abnormal_operations'];
    const grades = p.measures.find((m) => 'grades' in m.when);
    if (!m0 || !m1 || !list || !abnormal?.escalatesTo || !grades) throw new Error('default policy changed');
    m0.when = { list: 'no_such_list' };
    m1.actions = ['no.such_action'];
    list.entry.recordTypes = ['judicial.no_such_type'];
    abnormal.escalatesTo.list = 'nowhere';
    grades.when = { grades: ['AAAA'] };
    conduct(p, 'judicial.dishonest_debtor').lists = ['ghost_list'];
    const messages = checkPolicy(p).filter((e) => e.code === 'XY_POLICY_BAD_REFERENCE').map((e) => e.message);
    for (const missing of ['"no_such_list"', '"no.such_action"', '"judicial.no_such_type"', '"nowhere"', '"AAAA"', '"ghost_list"']) {
      expect(messages.some((m) => m.includes(missing))).toBe(true);
    }
  });

  it('requires a relation type for every related party a measure reaches', () => {
    const p = freshPolicy();
    delete p.recordTypes['relation.actual_controller'];
    const errors = checkPolicy(p);
    expect(errors.map((e) => e.code)).toContain('XY_POLICY_BAD_REFERENCE');
    expect(errors.map((e) => e.code)).toContain('XY_POLICY_MISSING_CODE');
  });

  it('reports every required code that is missing', () => {
    const p = freshPolicy();
    delete p.recordTypes['societal.blood_donation'];
    delete p.lists['a_grade_taxpayers'];
    delete p.actions['rail.high_speed_purchase'];
    p.grades = p.grades.filter((g) => g.grade !== 'AA');
    const missing = checkPolicy(p).filter((e) => e.code === 'XY_POLICY_MISSING_CODE').map((e) => e.message);
    expect(missing).toEqual([
      expect.stringContaining('record type "societal.blood_donation"'),
      expect.stringContaining('list "a_grade_taxpayers"'),
      expect.stringContaining('action "rail.high_speed_purchase"'),
      expect.stringContaining('grade "AA"'),
    ]);
  });

  it('keeps the nine consumption actions flagged as consumption', () => {
    const p = freshPolicy();
    const a = p.actions['hotel.star_rated'];
    if (a) a.consumption = false;
    expect(codes(p)).toEqual(['XY_POLICY_INVALID']);
  });
});

describe('checkPolicy: numbers and terms', () => {
  it('requires points whose sign agrees with the type, for each allowed severity', () => {
    const p = freshPolicy();
    conduct(p, 'financial.loan_overdue').points = { minor: 20, general: -60 };
    const messages = checkPolicy(p).map((e) => e.message);
    expect(messages).toEqual([expect.stringContaining('sign is negative'), expect.stringContaining('no points for severity "serious"')]);
  });

  it('requires the default severity to be an allowed one', () => {
    const p = freshPolicy();
    conduct(p, 'societal.traffic_violation').defaultSeverity = 'serious';
    expect(codes(p)).toEqual(['XY_POLICY_INVALID']);
  });

  it('rejects durations that do not parse and terms whose minimum exceeds the maximum', () => {
    const p = freshPolicy();
    conduct(p, 'societal.traffic_violation').halfLife = '3 months';
    p.terms.general = { min: 'P2Y', max: 'P1Y' };
    const list = p.lists['serious_violation'];
    if (list) list.term = 'P0D';
    const problems = policyProblems(p);
    expect(problems.map((x) => x.path.join('/'))).toEqual([
      'terms/general',
      'recordTypes/societal.traffic_violation/halfLife',
      'lists/serious_violation/term',
    ]);
  });

  it('requires grades best first, strictly falling, covering the minimum score', () => {
    const p = freshPolicy();
    p.grades = [
      { grade: 'AAA', min: 900 },
      { grade: 'AA', min: 900 },
      { grade: 'A', min: 700 },
      { grade: 'B', min: 600 },
      { grade: 'C', min: 450 },
      { grade: 'D', min: 100 },
    ];
    expect(checkPolicy(p).map((e) => e.message)).toEqual([
      expect.stringContaining('grades[1].min'),
      expect.stringContaining('grades[5].min'),
    ]);
  });

  it('requires the base score within the scale', () => {
    const p = freshPolicy();
    p.scoring.base = 1200;
    expect(codes(p)).toEqual(['XY_POLICY_INVALID']);
  });

  it('requires rewards to benefit and punishments to deny or review', () => {
    const p = freshPolicy();
    const reward = p.measures.find((m) => m.kind === 'reward');
    if (reward) reward.effect = 'deny';
    expect(codes(p)).toEqual(['XY_POLICY_INVALID']);
  });
});

describe('grades never punish', () => {
  it('refuses a punishment measure triggered by a grade', async () => {
    const { defaultPolicy } = await import('../../../test/support/default-policy.js');
    const { checkPolicy } = await import('./check-policy.js');
    const policy = structuredClone(defaultPolicy());
    policy.measures.push({ ...policy.measures[0]!, id: 'low_grade.deny_travel', kind: 'punishment', effect: 'deny', when: { grades: ['D'] } });
    expect(checkPolicy(policy).map((e) => e.message).join('\n')).toMatch(/only rewards with effect "benefit" may depend on a grade/);
  });
});

describe('checkPolicy: linkage thresholds', () => {
  it('accepts the default thresholds and refuses a review weight above the auto-link weight', () => {
    const p = freshPolicy();
    expect(p.linkage).toEqual({ autoLink: 12, review: 4 });
    expect(checkPolicy(p)).toEqual([]);
    p.linkage = { autoLink: 5, review: 8 };
    const problems = policyProblems(p);
    expect(problems.map((x) => [x.error.code, x.path.join('.')])).toEqual([['XY_POLICY_INVALID', 'linkage.review']]);
  });
});
