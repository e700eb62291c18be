import type { ConductType, Policy, Severity } from '../policy/policy-schema.js';
import type { RevisionFacts } from '../records/record-state.js';

/** The conduct type of a record, or undefined for relations and codes the policy does not know. */
export function conductTypeOf(policy: Policy, code: string): ConductType | undefined {
  // hasOwn: a record type named "constructor" must not reach Object.prototype.
  const type = Object.hasOwn(policy.recordTypes, code) ? policy.recordTypes[code] : undefined;
  return type?.kind === 'conduct' ? type : undefined;
}

/**
 * The severity a record is scored at: its own when the type (still) allows it, else the type's
 * default. A later policy may drop a severity that was valid when the record arrived.
 */
export function severityOf(type: ConductType, head: Pick<RevisionFacts, 'severity'>): Severity {
  const own = type.severities.find((s) => s === head.severity);
  return own ?? type.defaultSeverity;
}
