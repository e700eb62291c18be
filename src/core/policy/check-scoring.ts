/** Scoring, grades and default terms: the numbers must describe a scale that every score fits on. */
import type { Problems } from './policy-problem.js';
import { DIMENSIONS, SEVERITIES, type Policy } from './policy-schema.js';

export function checkScoring(policy: Policy, problems: Problems): void {
  const { base, min, max, dimensions } = policy.scoring;
  if (!(min < max)) problems.invalid(['scoring'], `has min ${min} not below max ${max}`);
  else if (base < min || base > max) problems.invalid(['scoring', 'base'], `is ${base}, outside ${min}..${max}`);
  for (const d of DIMENSIONS) {
    const cap = dimensions[d];
    if (cap.min > cap.max) problems.invalid(['scoring', 'dimensions', d], `has min ${cap.min} above max ${cap.max}`);
    // Caps only ever shrink points toward zero; a cap that excludes zero could not be met.
    else if (cap.min > 0 || cap.max < 0) problems.invalid(['scoring', 'dimensions', d], `is ${cap.min}..${cap.max}, which must include 0`);
  }
  for (const s of SEVERITIES) problems.term(policy.terms[s], ['terms', s]);
  checkGrades(policy, problems);
}

/** Grades run from best to worst with strictly falling minimums, and the last one catches every score. */
function checkGrades(policy: Policy, problems: Problems): void {
  const { min, max } = policy.scoring;
  const names = new Set<string>();
  policy.grades.forEach((g, i) => {
    if (names.has(g.grade)) problems.invalid(['grades', i, 'grade'], `repeats grade "${g.grade}"`);
    names.add(g.grade);
    const prev = policy.grades[i - 1];
    if (prev !== undefined && !(g.min < prev.min)) {
      problems.invalid(['grades', i, 'min'], `is ${g.min}; grades must be listed best first with strictly falling minimums (previous: ${prev.min})`);
    }
    if (i === 0 && g.min > max) problems.invalid(['grades', 0, 'min'], `is ${g.min}, above the maximum score ${max}`);
    if (i < policy.grades.length - 1 && g.min <= min) {
      problems.invalid(['grades', i, 'min'], `is ${g.min}, at or below the minimum score ${min}, so later grades can never be reached`);
    }
  });
  const last = policy.grades[policy.grades.length - 1];
  if (last !== undefined && last.min > min) {
    problems.invalid(['grades', policy.grades.length - 1, 'min'], `is ${last.min}; the lowest grade must start at or below the minimum score ${min}`);
  }
}
