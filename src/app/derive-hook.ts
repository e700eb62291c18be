import type { Policy } from '../core/policy/policy-schema.js';
import type { RegistryStore } from '../ports/registry-store.js';
import { SubjectEvaluator } from './subject-evaluator.js';

/** The ingest hook that keeps scores and list entries current, in the batch's own transaction. */
export function deriveWith(policy: Policy, policyVersion: string) {
  return (tx: RegistryStore, subjectIds: readonly string[], asOf: string): Promise<void> =>
    new SubjectEvaluator(tx, policy, policyVersion).refresh(subjectIds, asOf);
}
