import type { Policy } from '../core/policy/policy-schema.js';
import type { SubjectState } from '../core/decisions/subject-state.js';
import type { DueProcessCase } from '../core/due-process/case-types.js';
import { evaluateWithCases } from '../core/due-process/case-overlay.js';
import { nextChangeAt } from '../core/due-process/next-change.js';
import type { Evaluation } from '../core/subject/evaluate-subject.js';
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

  /** The same evaluator reading and writing through `store` (a transaction's handle). */
  on(store: RegistryStore): SubjectEvaluator {
    return store === this.store ? this : new SubjectEvaluator(store, this.policy, this.policyVersion);
  }

  /** Evaluations of these subjects at `asOf`, reading their revisions and due-process cases in bulk. */
  async evaluate(ids: readonly string[], asOf: string): Promise<Map<string, Evaluation>> {
    const out = new Map<string, Evaluation>();
    for (const [id, e] of await this.evaluateFull(ids, asOf)) out.set(id, e.evaluation);
    return out;
  }

  /** The decision state of a subject: its own standings and those of the organisations it has a role in. */
  async state(subject: SubjectRow, asOf: string): Promise<{ evaluation: Evaluation; state: SubjectState; validUntil: string | null }> {
    const own = (await this.evaluateFull([subject.id], asOf)).get(subject.id)!;
    const { evaluation } = own;
    const orgIds = [...new Set(liveRoles(this.policy, evaluation).map((r) => r.orgId))];
    const orgEvaluations = await this.evaluateFull(orgIds, asOf);
    const orgs = new Map<string, { evaluation: Evaluation; name: string | null }>();
    const disputed = new Set(own.disputed);
    let validUntil = own.nextChangeAt;
    for (const id of orgIds) {
      const row = await this.store.subjectById(id);
      const e = orgEvaluations.get(id);
      if (!e) continue;
      orgs.set(id, { evaluation: e.evaluation, name: row?.name ?? null });
      for (const key of e.disputed) disputed.add(key);
      if (e.nextChangeAt !== null && (validUntil === null || e.nextChangeAt < validUntil)) validUntil = e.nextChangeAt;
    }
    return { evaluation, state: subjectStateOf(this.policy, evaluation, subject.kind, orgs, disputed), validUntil };
  }

  /** Recompute and store the derived state of these subjects (inside the caller's transaction). */
  async refresh(ids: readonly string[], asOf: string): Promise<Map<string, DerivedState>> {
    return this.save(await this.evaluateFull(ids, asOf));
  }

  /**
   * refresh, also returning each subject's evaluation at the same instant as it stood just before
   * the revisions received at `asOf` (what an ingest batch changed), for adverse-change notices.
   */
  async refreshComparing(ids: readonly string[], asOf: string): Promise<Array<{ before: Evaluation; after: Evaluation }>> {
    const full = await this.evaluateFull(ids, asOf, true);
    await this.save(full);
    return [...full.values()].map((e) => ({ before: e.before!, after: e.evaluation }));
  }

  private async save(full: ReadonlyMap<string, FullEvaluation>): Promise<Map<string, DerivedState>> {
    const out = new Map<string, DerivedState>();
    if (full.size === 0) return out;
    for (const [id, e] of full) out.set(id, { ...derivedOf(e.evaluation, this.policyVersion), nextChangeAt: e.nextChangeAt });
    await this.store.saveDerived([...out.values()]);
    return out;
  }

  /** Revisions and cases read once; with `before`, also the evaluation just before `asOf`'s revisions arrived. */
  private async evaluateFull(ids: readonly string[], asOf: string, before = false): Promise<Map<string, FullEvaluation>> {
    const out = new Map<string, FullEvaluation>();
    if (ids.length === 0) return out;
    const [revisions, cases] = await Promise.all([this.store.revisionsOfSubjects(ids), this.store.casesOfSubjects(ids)]);
    const justBefore = new Date(Date.parse(asOf) - 1).toISOString();
    for (const [id, rows] of revisions) {
      const own: readonly DueProcessCase[] = cases.get(id) ?? [];
      const { evaluation, overlay } = evaluateWithCases(this.policy, id, rows, own, asOf);
      out.set(id, {
        evaluation, disputed: overlay.disputed, nextChangeAt: nextChangeAt(this.policy, evaluation, own, asOf),
        ...(before ? { before: evaluateWithCases(this.policy, id, rows, own, asOf, { knownAt: justBefore }).evaluation } : {}),
      });
    }
    return out;
  }
}

interface FullEvaluation {
  evaluation: Evaluation;
  disputed: ReadonlySet<string>;
  /** When time alone next changes this evaluation (see nextChangeAt). */
  nextChangeAt: string | null;
  /** The same instant, known just before its own revisions arrived (refreshComparing only). */
  before?: Evaluation;
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
