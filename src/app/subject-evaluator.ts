import type { Policy } from '../core/policy/policy-schema.js';
import type { SubjectState } from '../core/decisions/subject-state.js';
import { evaluateSubject, type Evaluation } from '../core/subject/evaluate-subject.js';
import { liveRoles } from '../core/subject/live-roles.js';
import { subjectStateOf } from '../core/subject/subject-state-of.js';
import type { DerivedState, RegistryStore, SubjectRow } from '../ports/registry-store.js';

/** Loads what the pure evaluation needs from the store, for one policy version. */
export class SubjectEvaluator {
  constructor(
    private readonly store: RegistryStore,
    readonly policy: Policy,
    readonly policyVersion: string,
  ) {}

  /** Evaluations of these subjects at `asOf`, reading their revisions in bulk. */
  async evaluate(ids: readonly string[], asOf: string): Promise<Map<string, Evaluation>> {
    const revisions = await this.store.revisionsOfSubjects(ids);
    const out = new Map<string, Evaluation>();
    for (const [id, rows] of revisions) out.set(id, evaluateSubject(this.policy, id, rows, asOf));
    return out;
  }

  /** The decision state of a subject: its own standings and those of the organisations it has a role in. */
  async state(subject: SubjectRow, asOf: string): Promise<{ evaluation: Evaluation; state: SubjectState }> {
    const evaluation = (await this.evaluate([subject.id], asOf)).get(subject.id)!;
    const orgIds = [...new Set(liveRoles(this.policy, evaluation).map((r) => r.orgId))];
    const orgEvaluations = await this.evaluate(orgIds, asOf);
    const orgs = new Map<string, { evaluation: Evaluation; name: string | null }>();
    for (const id of orgIds) {
      const row = await this.store.subjectById(id);
      const e = orgEvaluations.get(id);
      if (e) orgs.set(id, { evaluation: e, name: row?.name ?? null });
    }
    return { evaluation, state: subjectStateOf(this.policy, evaluation, subject.kind, orgs) };
  }

  /** Recompute and store the derived state of these subjects (inside the caller's transaction). */
  async refresh(ids: readonly string[], asOf: string): Promise<void> {
    if (ids.length === 0) return;
    const evaluations = await this.evaluate(ids, asOf);
    await this.store.saveDerived([...evaluations.values()].map((e) => derivedOf(e, this.policyVersion)));
  }
}

/** The stored form of an evaluation. */
export function derivedOf(e: Evaluation, policyVersion: string): DerivedState {
  return {
    subjectId: e.subjectId,
    policyVersion,
    computedAt: e.asOf,
    score: e.score.score,
    grade: e.score.grade,
    dimensions: e.score.dimensions,
    reasons: e.score.reasons,
    entries: e.entries.map((entry) => ({
      list: entry.list,
      listKind: entry.listKind,
      startedAt: entry.startedAt,
      endsAt: entry.endsAt,
      endReason: entry.endReason,
      detail: { trigger: entry.trigger, ...(entry.grade ? { grade: entry.grade } : {}), ...(entry.escalatedFrom ? { escalatedFrom: entry.escalatedFrom } : {}) },
    })),
  };
}
