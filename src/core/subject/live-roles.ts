import type { Policy, Relation } from '../policy/policy-schema.js';
import type { Evaluation } from './evaluate-subject.js';

export interface LiveRole {
  role: Relation;
  orgId: string;
}

/**
 * Roles the subject holds in other subjects at `asOf` (it is the `related` party of a relation
 * record that has started and is neither resolved nor retracted by then).
 */
export function liveRoles(policy: Policy, evaluation: Evaluation): LiveRole[] {
  const roles: LiveRole[] = [];
  for (const s of evaluation.relations) {
    const def = policy.recordTypes[s.head.type];
    if (def?.kind !== 'relation' || s.head.relatedSubjectId !== evaluation.subjectId) continue;
    if (s.head.occurredAt > evaluation.asOf || s.closedAt !== null || s.head.status !== 'active') continue;
    roles.push({ role: def.relation, orgId: s.head.subjectId });
  }
  return roles.sort((a, b) => (a.orgId + a.role < b.orgId + b.role ? -1 : 1));
}
