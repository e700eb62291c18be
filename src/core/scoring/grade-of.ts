import type { Policy } from '../policy/policy-schema.js';

/**
 * The grade of a score: the first band (policy grades run best first) whose minimum it reaches.
 * The policy check guarantees the last band catches every score in range; below it, the last band.
 */
export function gradeOf(policy: Policy, score: number): string {
  const band = policy.grades.find((g) => score >= g.min) ?? policy.grades[policy.grades.length - 1];
  return band?.grade ?? '';
}
