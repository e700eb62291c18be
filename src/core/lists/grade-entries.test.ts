import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../policy/check-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { entriesAt, policy, rev } from './test-revisions.js';

/** The default policy has no grade list (none has a legal basis yet); tests add a watch list on D. */
const graded = (subjectKinds: Policy['lists'][string]['subjectKinds'] = ['person', 'org']): Policy => {
  const p = structuredClone(policy);
  p.lists['low_grade_watch'] = {
    kind: 'watch', description: 'Subjects graded D, for closer supervision.', legalBasis: 'test basis', subjectKinds,
    entry: { grades: ['D'] }, term: 'P1Y',
  };
  return p;
};
const asOf = '2025-06-01T00:00:00.000Z';
const onGrade = (entries: ReturnType<typeof entriesAt>) => entries.filter((e) => e.list === 'low_grade_watch');

describe('entries on a grade', () => {
  it('is a valid policy', () => {
    expect(checkPolicy(graded())).toEqual([]);
  });

  it('enters the subject at asOf for the list term when its grade is among the list grades', () => {
    const record = rev();
    expect(onGrade(entriesAt([record], asOf, graded(), { grade: 'D' }))).toEqual([{
      list: 'low_grade_watch', listKind: 'watch', subjectId: 'subject-1', trigger: [], startedAt: asOf,
      endsAt: '2026-06-01T00:00:00.000Z', endReason: 'term', active: true, grade: 'D',
    }]);
    // The record's own list entry is unaffected.
    expect(entriesAt([record], asOf, graded(), { grade: 'D' }).map((e) => e.list)).toEqual(['dishonest_judgment_debtors', 'low_grade_watch']);
  });

  it('gives no entry for another grade, no grade, or a subject kind the list does not accept', () => {
    expect(onGrade(entriesAt([rev()], asOf, graded(), { grade: 'C' }))).toEqual([]);
    expect(onGrade(entriesAt([rev()], asOf, graded()))).toEqual([]);
    expect(onGrade(entriesAt([rev()], asOf, graded(['org']), { grade: 'D' }))).toEqual([]);
  });

  it('needs to know whose grade it is: named in the context, or the one subject of the states', () => {
    expect(onGrade(entriesAt([], asOf, graded(), { grade: 'D' }))).toEqual([]);
    expect(onGrade(entriesAt([], asOf, graded(), { grade: 'D', subjectId: 's-9', subjectKind: 'org' }))[0]?.subjectId).toBe('s-9');
    const two = [rev(), rev({ subjectId: 'subject-2', ref: 'case-2' })];
    expect(onGrade(entriesAt(two, asOf, graded(), { grade: 'D' }))).toEqual([]);
    expect(onGrade(entriesAt(two, asOf, graded(), { grade: 'D', subjectId: 'subject-2' }))[0]?.subjectId).toBe('subject-2');
  });
});
