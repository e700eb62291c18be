import { activePolicy, type Registry } from './registry.js';
import { SubjectEvaluator } from './subject-evaluator.js';

/** An evaluator for the registry's active policy. */
export async function openEvaluator(registry: Registry): Promise<SubjectEvaluator> {
  const { policy, version } = await activePolicy(registry);
  return new SubjectEvaluator(registry.store, policy, version);
}
