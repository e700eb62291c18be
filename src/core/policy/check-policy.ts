/**
 * Semantic rules a schema cannot express. `policy check` runs these; so does every load, so an
 * inconsistent or non-conduct catalogue can never become active.
 */
import { Errors, type XyError } from '../errors.js';
import { checkDueProcess } from './check-due-process.js';
import { checkFurnishers } from './check-furnishers.js';
import { checkLists } from './check-lists.js';
import { checkMeasures } from './check-measures.js';
import { checkRecordTypes } from './check-record-types.js';
import { checkScoring } from './check-scoring.js';
import { own, Problems, type PolicyProblem } from './policy-problem.js';
import type { Policy } from './policy-schema.js';
import { REQUIRED_CODES } from './required-codes.js';

/** Every problem in a structurally valid policy, in file order where possible; empty when it may be used. */
export function checkPolicy(policy: Policy): XyError[] {
  return policyProblems(policy).map((p) => p.error);
}

/** The same problems with the path of the offending value, for pointing at a line in the file. */
export function policyProblems(policy: Policy): PolicyProblem[] {
  const problems = new Problems();
  checkScoring(policy, problems);
  checkRecordTypes(policy, problems);
  checkLists(policy, problems);
  checkMeasures(policy, problems);
  checkFurnishers(policy, problems);
  checkDueProcess(policy, problems);
  checkLinkage(policy, problems);
  checkRequiredCodes(policy, problems);
  return problems.list;
}

/** Linkage thresholds: a record above the auto-link weight must not be below the review weight. */
function checkLinkage(policy: Policy, problems: Problems): void {
  const t = policy.linkage;
  if (t && !(t.review <= t.autoLink)) problems.invalid(['linkage', 'review'], `is ${t.review}, above autoLink ${t.autoLink}`);
}

function checkRequiredCodes(policy: Policy, problems: Problems): void {
  const missing = (what: string, codes: readonly string[], have: (c: string) => boolean, path: string) => {
    for (const c of codes) if (!have(c)) problems.add(Errors.POLICY_MISSING_CODE(what, c), [path]);
  };
  missing('record type', REQUIRED_CODES.recordTypes, (c) => Object.hasOwn(policy.recordTypes, c), 'recordTypes');
  missing('list', REQUIRED_CODES.lists, (c) => Object.hasOwn(policy.lists, c), 'lists');
  missing('action', [...REQUIRED_CODES.consumptionActions, ...REQUIRED_CODES.otherActions], (c) => Object.hasOwn(policy.actions, c), 'actions');
  missing('grade', REQUIRED_CODES.grades, (c) => policy.grades.some((g) => g.grade === c), 'grades');
  for (const c of REQUIRED_CODES.consumptionActions) {
    // Relying parties and the report group these nine; the flag must not silently drift.
    if (own(policy.actions, c)?.consumption === false) {
      problems.invalid(['actions', c, 'consumption'], 'must be true: it is one of the nine high-consumption restrictions');
    }
  }
}
