/** The publication term of a record: its type's own term for that severity, else the policy's. */
import type { Policy, Severity } from './policy-schema.js';

export interface TermRange {
  /** Earliest a record may be repaired (removed from publication on application), ISO duration. */
  readonly min: string;
  /** When publication ends on its own, ISO duration. */
  readonly max: string;
}

export function termOf(policy: Policy, typeCode: string, severity: Severity): TermRange {
  const type = Object.hasOwn(policy.recordTypes, typeCode) ? policy.recordTypes[typeCode] : undefined;
  const own = type?.kind === 'conduct' ? type.terms?.[severity] : undefined;
  return own ?? policy.terms[severity];
}
