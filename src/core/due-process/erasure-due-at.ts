import { SEVERITIES, type Policy, type Severity } from '../policy/policy-schema.js';
import { termOf } from '../policy/term-of.js';
import type { RevisionFacts } from '../records/record-state.js';
import { conductTypeOf, severityOf } from '../scoring/conduct-type.js';
import { policyDuration } from '../scoring/policy-duration.js';
import { addDuration } from '../time/duration.js';
import { dueProcessRules } from './due-process-rules.js';

type Facts = Pick<RevisionFacts, 'type' | 'severity' | 'occurredAt'>;

/**
 * When a record's publication ends on its own: its occurrence plus the maximum term of its type and
 * severity. null for a relation, which is not published conduct. A type the policy no longer knows
 * keeps the policy's term for its own severity, or the longest one when it has none.
 */
export function publicationEndAt(policy: Policy, head: Facts): string | null {
  const known = Object.hasOwn(policy.recordTypes, head.type) ? policy.recordTypes[head.type] : undefined;
  if (known?.kind === 'relation') return null;
  const type = conductTypeOf(policy, head.type);
  const severity: Severity = type ? severityOf(type, head) : (SEVERITIES.find((s) => s === head.severity) ?? 'serious');
  const { max } = termOf(policy, head.type, severity);
  return addDuration(head.occurredAt, policyDuration(max, `publication term of ${head.type}`));
}

/** When a record's personal data is due for erasure: the end of its publication plus the policy's retention. */
export function erasureDueAt(policy: Policy, head: Facts): string | null {
  const end = publicationEndAt(policy, head);
  if (end === null) return null;
  return addDuration(end, policyDuration(dueProcessRules(policy).retention, 'dueProcess.retention'));
}
