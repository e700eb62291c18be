/** Scoring, grades and default terms: the numbers must describe a scale that every score fits on. */
import type { Problems } from './policy-problem.js';
import { DIMENSIONS, SEVERITIES, type Policy } from './policy-schema.js';
import { checkModel } from '../scorecard/model-format.js';

/** Features a registry scorecard may use (see scoring/scorecard-points.ts). */
const REGISTRY_FEATURES = new Set(['worstDaysPastDue', 'currentDaysPastDue', 'utilisation', 'historyMonths', 'overdue12m', 'overdue24m', 'repaid', 'writeOffs']);

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
  checkScorecard(policy, problems);
}

/** The financial scorecard must be a valid model over features the registry derives. */
function checkScorecard(policy: Policy, problems: Problems): void {
  const card = policy.scoring.financialScorecard;
  if (!card) return;
  const checked = checkModel(card.model);
  if (!checked.ok) {
    problems.invalid(['scoring', 'financialScorecard', 'model'], `is not a scorecard model: ${checked.problems.slice(0, 3).join('; ')}`);
    return;
  }
  checked.model.features.forEach((f, i) => {
    if (!REGISTRY_FEATURES.has(f.name) || f.type !== 'numeric') {
      problems.invalid(['scoring', 'financialScorecard', 'model', 'features', i, 'name'],
        `is "${f.name}"; a registry scorecard uses numeric features derived from financial records: ${[...REGISTRY_FEATURES].join(', ')}`);
    }
  });
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
