import { decide } from '../core/decisions/decide.js';
import { indexMeasures, type MeasureIndex } from '../core/decisions/measure-index.js';
import type { SubjectState } from '../core/decisions/subject-state.js';
import type { SubjectRow } from '../ports/registry-store.js';
import type { SubjectEvaluator } from './subject-evaluator.js';
import { XyFailure } from './xy-failure.js';

const indexes = new WeakMap<object, MeasureIndex>();

/**
 * The `decide` contract for one subject and action at `asOf`, with every measure explained.
 * `state` may be handed in when the caller already has the subject's state for that instant.
 */
export async function decideAction(evaluator: SubjectEvaluator, subject: SubjectRow, action: string, asOf: string, state?: SubjectState) {
  let index = indexes.get(evaluator.policy);
  if (!index) indexes.set(evaluator.policy, (index = indexMeasures(evaluator.policy)));
  const decision = decide(evaluator.policy, index, state ?? (await evaluator.state(subject, asOf)).state, action);
  if (!decision.ok) throw new XyFailure(decision.error);
  return {
    subject: subject.id,
    action,
    effect: decision.value.effect,
    measures: decision.value.measures,
    policyVersion: evaluator.policyVersion,
    asOf,
  };
}
