import type { RoleStanding, Standing, SubjectState, TriggerRecord } from '../decisions/subject-state.js';
import type { Policy, SubjectKind } from '../policy/policy-schema.js';
import type { Evaluation } from './evaluate-subject.js';
import { liveRoles } from './live-roles.js';

/** List entries in force at the evaluation's instant, each with its trigger records spelled out. */
export function standingsOf(evaluation: Evaluation): Standing[] {
  const byId = new Map<string, TriggerRecord>(
    evaluation.records.map((s) => [s.head.id, { id: s.head.id, source: s.head.source, ref: s.head.ref, type: s.head.type }]),
  );
  return evaluation.entries
    .filter((e) => e.active)
    .map((entry) => ({ entry, records: entry.trigger.flatMap((id) => byId.get(id) ?? []) }));
}

/**
 * The state a decision needs: the subject's own standings and those of organisations it holds a
 * live role in (`orgs` must hold an evaluation, at the same instant, for each such organisation).
 */
export function subjectStateOf(
  policy: Policy,
  evaluation: Evaluation,
  kind: SubjectKind,
  orgs: ReadonlyMap<string, { evaluation: Evaluation; name: string | null }>,
  disputed: ReadonlySet<string> = new Set(),
): SubjectState {
  const roles: RoleStanding[] = [];
  for (const { role, orgId } of liveRoles(policy, evaluation)) {
    const org = orgs.get(orgId);
    if (!org) continue;
    roles.push({ role, orgId, orgName: org.name, standings: standingsOf(org.evaluation) });
  }
  return {
    subjectId: evaluation.subjectId,
    kind,
    asOf: evaluation.asOf,
    score: evaluation.score.score,
    grade: evaluation.score.grade,
    standings: standingsOf(evaluation),
    roles,
    disputed,
  };
}
