import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { gradeOf } from './grade-of.js';

const policy = defaultPolicy();

describe('gradeOf', () => {
  it('takes the first band whose minimum the score reaches', () => {
    const cases: Array<[number, string]> = [
      [1000, 'AAA'], [900, 'AAA'], [899, 'AA'], [800, 'AA'], [700, 'A'], [699, 'B'], [600, 'B'], [599, 'C'], [450, 'C'], [449, 'D'], [0, 'D'],
    ];
    for (const [score, grade] of cases) expect(gradeOf(policy, score), `score ${score}`).toBe(grade);
  });

  it('puts a score below every band in the last one', () => {
    expect(gradeOf(policy, -5)).toBe('D');
  });
});
