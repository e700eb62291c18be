import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyProblems } from './check-policy.js';
import { loadPolicy } from './load-policy.js';
import type { ListDefinition, Policy } from './policy-schema.js';
import { freshPolicy } from './test-policy.js';

const withList = (list: Partial<ListDefinition>): Policy => {
  const p = freshPolicy();
  p.lists['graded'] = {
    kind: 'watch', description: 'Graded D.', legalBasis: 'test basis', subjectKinds: ['person', 'org'], entry: { grades: ['D'] }, term: 'P1Y', ...list,
  };
  return p;
};
const problems = (p: Policy) => policyProblems(p).map((x) => [x.error.code, x.path.join('/')]);

describe('checkPolicy: list entry', () => {
  it('accepts a watch or red list entered on grades', () => {
    expect(problems(withList({}))).toEqual([]);
    expect(problems(withList({ kind: 'red', entry: { grades: ['AAA', 'AA'] } }))).toEqual([]);
  });

  it('requires exactly one of recordTypes and grades', () => {
    expect(problems(withList({ entry: {} }))).toEqual([['XY_POLICY_INVALID', 'lists/graded/entry']]);
    const both = withList({ entry: { recordTypes: ['judicial.dishonest_debtor'], grades: ['D'] } });
    expect(problems(both)).toEqual([['XY_POLICY_INVALID', 'lists/graded/entry/grades']]);
    expect(policyProblems(both)[0]?.error.message).toContain('lists.graded.entry.grades cannot be combined with recordTypes');
  });

  it('points at the line of the offending key in the policy file', () => {
    const text = readFileSync(new URL('../../../policy/default.yaml', import.meta.url), 'utf8');
    const bad = text.replace('entry: { recordTypes: [commercial.tax_grade_a] }', 'entry: { recordTypes: [commercial.tax_grade_a], grades: [AAA] }');
    const r = loadPolicy(bad, 'p.yaml');
    expect(r.ok ? [] : r.error).toEqual([expect.objectContaining({ code: 'XY_POLICY_INVALID', file: 'p.yaml', line: bad.split('\n').findIndex((l) => l.includes('grades: [AAA]')) + 1 })]);
  });

  it('allows count, within and severities only with recordTypes', () => {
    const p = withList({ entry: { grades: ['D'], count: 2, within: 'P1Y', severities: ['serious'] } });
    expect(problems(p)).toEqual([
      ['XY_POLICY_INVALID', 'lists/graded/entry/count'],
      ['XY_POLICY_INVALID', 'lists/graded/entry/within'],
      ['XY_POLICY_INVALID', 'lists/graded/entry/severities'],
    ]);
  });

  it('rejects an unknown grade', () => {
    expect(problems(withList({ entry: { grades: ['E'] } }))).toEqual([['XY_POLICY_BAD_REFERENCE', 'lists/graded/entry/grades/0']]);
  });

  it('never lets a grade punish: no black grade list, no punishment on one', () => {
    expect(problems(withList({ kind: 'black' }))).toEqual([['XY_POLICY_INVALID', 'lists/graded/kind']]);
    const p = withList({});
    const i = p.measures.findIndex((m) => m.kind === 'punishment');
    p.measures[i]!.when = { list: 'graded' };
    expect(problems(p)).toEqual([['XY_POLICY_INVALID', `measures/${i}/when/list`]]);
  });
});

describe('checkPolicy: escalation and warning', () => {
  it('requires an escalation for a warning, and a warning shorter than the escalation delay', () => {
    const p = freshPolicy();
    delete p.lists.abnormal_operations!.escalatesTo;
    expect(problems(p)).toEqual([['XY_POLICY_INVALID', 'lists/abnormal_operations/warning']]);
    const q = freshPolicy();
    q.lists.abnormal_operations!.warning = 'P3Y';
    expect(problems(q)).toEqual([['XY_POLICY_INVALID', 'lists/abnormal_operations/warning']]);
  });

  it('rejects an escalation cycle and a target that refuses the subjects', () => {
    const p = freshPolicy();
    p.lists.serious_violation!.escalatesTo = { list: 'abnormal_operations', after: 'P1Y' };
    expect(problems(p)).toEqual([
      ['XY_POLICY_INVALID', 'lists/serious_violation/escalatesTo/list'],
      ['XY_POLICY_INVALID', 'lists/abnormal_operations/escalatesTo/list'],
    ]);
    const q = freshPolicy();
    q.lists.abnormal_operations!.subjectKinds = ['person', 'org'];
    expect(problems(q)).toEqual([['XY_POLICY_INVALID', 'lists/abnormal_operations/escalatesTo/list']]);
    expect(policyProblems(q)[0]?.error.message).toContain('does not accept person subjects');
  });
});
