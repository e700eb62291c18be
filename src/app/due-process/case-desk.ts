import { authorizeCaseAnswer, authorizeCaseFiling, authorizeCaseRead, authorizeCaseUpdate, authorizeRepairDecision, keyOf, type Principal } from '../../core/access/authorize.js';
import type { DueProcessCase, Objection, ObjectionOutcome, Repair } from '../../core/due-process/case-types.js';
import { dueProcessRules } from '../../core/due-process/due-process-rules.js';
import { erasureDueAt } from '../../core/due-process/erasure-due-at.js';
import { addObjectionInformation, answerObjection, fileObjection, objectionAt } from '../../core/due-process/objection.js';
import { applyForRepair, decideRepair, repairAt } from '../../core/due-process/repair.js';
import { Errors, type XyError } from '../../core/errors.js';
import { recordStates, type RecordState } from '../../core/records/record-state.js';
import type { Result } from '../../core/result.js';
import type { RegistryStore, RevisionRow } from '../../ports/registry-store.js';
import { auditWrite } from '../operator.js';
import type { Registry } from '../registry.js';
import type { SubjectEvaluator } from '../subject-evaluator.js';
import { XyFailure } from '../xy-failure.js';
import { objectionExtendedNotice, objectionFiledNotices, objectionOutcomeNotice, repairNotice, type Draft } from './notices.js';
import { recordErasureDue } from './record-erasure.js';
import { retractRecord } from './retract-record.js';

const must = <T>(r: Result<T, XyError>): T => {
  if (!r.ok) throw new XyFailure(r.error);
  return r.value;
};

/**
 * Role checks made before any lookup: a key that may not file (or answer) at all is refused with
 * 403 whatever id it names, so its answers never tell whether a record or a case exists.
 */
const mayFile = (p: Principal) => must(authorizeCaseFiling(p, p.subjectId ?? '', ''));
const mayAnswer = (p: Principal) => must(authorizeCaseAnswer(p, p.source ?? '', ''));

export interface CaseDeskDeps {
  registry: Registry;
  evaluator: () => Promise<SubjectEvaluator>;
  /** Called after any case changes records' standing (caches of decision states must go). */
  changed?: () => void;
}

/**
 * Objections and repair applications: who may file, answer and decide them, and what each step
 * writes. Every step commits the case, its notices, its audit event and the subject's refreshed
 * derived state in one transaction.
 */
export class CaseDesk {
  constructor(private readonly deps: CaseDeskDeps) {}

  private get registry() {
    return this.deps.registry;
  }

  async fileObjection(p: Principal, input: { recordId: string; statement: string }): Promise<Objection> {
    const { revision, state, cases } = await this.recordFor(p, input.recordId);
    const rules = dueProcessRules((await this.deps.evaluator()).policy);
    const objection = must(fileObjection({
      id: this.registry.newId(), record: caseRecord(revision), state, statement: input.statement, now: this.now(), cases,
    }, rules));
    await this.commit(p, 'objection.file', objection, objectionFiledNotices(objection), { recordId: revision.id, dueAt: objection.dueAt });
    return objection;
  }

  async addInformation(p: Principal, id: string, text: string): Promise<Objection> {
    mayFile(p);
    const current = await this.objection(id);
    must(authorizeCaseUpdate(p, current));
    const rules = dueProcessRules((await this.deps.evaluator()).policy);
    const updated = must(addObjectionInformation(current, text, this.now(), rules));
    const notices = updated.dueAt !== current.dueAt ? [objectionExtendedNotice(updated, this.now())] : [];
    await this.commit(p, 'objection.add_information', updated, notices, { dueAt: updated.dueAt });
    return updated;
  }

  async answerObjection(p: Principal, id: string, answer: { outcome: ObjectionOutcome; note?: string | undefined }): Promise<Objection> {
    mayAnswer(p);
    const current = await this.objection(id);
    must(authorizeCaseAnswer(p, current.source, id));
    const effective = objectionAt(current, this.now());
    const answered = must(answerObjection(effective, answer.outcome, answer.note ?? null, this.now(), p.id));
    // Lapsed before any tick wrote it: the subject is still told of the suppression, dated at the lapse.
    const missed = current.status === 'open' && effective.status === 'lapsed' ? [objectionOutcomeNotice(effective)] : [];
    // Withdrawn: the record is retracted by a revision in the furnisher's name, in the same commit.
    const retract = answered.status === 'withdrawn' ? (tx: RegistryStore) => retractRecord(this.registry, tx, answered, this.now()) : undefined;
    await this.commit(p, 'objection.answer', answered, [...missed, objectionOutcomeNotice(answered)], { outcome: answered.status }, retract);
    return answered;
  }

  async applyForRepair(p: Principal, input: { recordId: string; commitment: string }): Promise<Repair> {
    const { revision, state, cases } = await this.recordFor(p, input.recordId);
    const { policy } = await this.deps.evaluator();
    const repair = must(applyForRepair({
      id: this.registry.newId(), record: caseRecord(revision), state, commitment: input.commitment, now: this.now(), cases,
    }, policy));
    await this.commit(p, 'repair.apply', repair, [repairNotice(repair)], { recordId: revision.id, dueAt: repair.dueAt });
    return repair;
  }

  async decideRepair(p: Principal, id: string, decision: { approve: boolean; note?: string | undefined }): Promise<Repair> {
    must(authorizeRepairDecision(p));
    const found = await this.registry.store.caseById(id);
    if (!found || found.kind !== 'repair' || (await this.pastRetention(found))) throw new XyFailure(Errors.CASE_NOT_FOUND(id));
    const { policy } = await this.deps.evaluator();
    const decided = must(decideRepair(repairAt(found, this.now(), policy), decision.approve, decision.note ?? null, this.now(), p.id));
    await this.commit(p, 'repair.decide', decided, [repairNotice(decided)], { status: decided.status });
    return decided;
  }

  /** One case, as it stands now (a passed deadline already applied), to whoever may see it. */
  async case(p: Principal, id: string): Promise<DueProcessCase> {
    const found = await this.registry.store.caseById(id);
    if (!found || (await this.pastRetention(found))) throw new XyFailure(Errors.CASE_NOT_FOUND(id));
    must(authorizeCaseRead(p, found));
    return this.effective(found, (await this.deps.evaluator()).policy);
  }

  /** Every case about a subject, as it stands now (the subject itself, or an admin). */
  async casesOf(p: Principal, subjectId: string): Promise<DueProcessCase[]> {
    if (p.role !== 'admin' && !(p.role === 'subject' && p.subjectId === subjectId)) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with id ${subjectId}`));
    const { policy } = await this.deps.evaluator();
    return ((await this.registry.store.casesOfSubjects([subjectId])).get(subjectId) ?? []).map((c) => this.effective(c, policy));
  }

  /** A furnisher's open cases (admins name the source). */
  async openCasesOf(p: Principal, source: string | undefined, limit = 200): Promise<DueProcessCase[]> {
    const of = p.role === 'furnisher' ? p.source : source;
    if (p.role !== 'furnisher' && p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} has no case queue`));
    if (!of) throw new XyFailure(Errors.BAD_ARGUMENT('name the source whose open cases to list'));
    const { policy } = await this.deps.evaluator();
    return (await this.registry.store.openCasesOfSource(of, limit)).map((c) => this.effective(c, policy));
  }

  private effective(c: DueProcessCase, policy: Parameters<typeof repairAt>[2]): DueProcessCase {
    return c.kind === 'objection' ? objectionAt(c, this.now()) : repairAt(c, this.now(), policy);
  }

  private async objection(id: string): Promise<Objection> {
    const found = await this.registry.store.caseById(id);
    if (!found || found.kind !== 'objection' || (await this.pastRetention(found))) throw new XyFailure(Errors.CASE_NOT_FOUND(id));
    return found;
  }

  /** A case about a record past its retention goes with the record at the next tick; until then it is as good as gone. */
  private async pastRetention(c: DueProcessCase): Promise<boolean> {
    const due = await recordErasureDue(this.registry.store, (await this.deps.evaluator()).policy, c.recordId, this.now());
    return due === undefined || (due !== null && due <= this.now());
  }

  /** The record a case is about, as it stands now, with the subject's other cases. */
  private async recordFor(p: Principal, recordId: string): Promise<{ revision: RevisionRow; state: RecordState; cases: DueProcessCase[] }> {
    mayFile(p);
    const revision = await this.registry.store.revisionById(recordId);
    if (!revision) throw new XyFailure(Errors.RECORD_NOT_FOUND(recordId));
    must(authorizeCaseFiling(p, revision.subjectId, recordId));
    const revisions = (await this.registry.store.revisionsOfSubjects([revision.subjectId])).get(revision.subjectId) ?? [];
    const state = recordStates(revisions, this.now()).find((s) => s.head.source === revision.source && s.head.ref === revision.ref);
    // A record past its retention is erased by the next tick; until then it is as good as gone.
    const { policy } = await this.deps.evaluator();
    const erasure = state && erasureDueAt(policy, state.head);
    if (!state || (erasure !== null && erasure !== undefined && erasure <= this.now())) throw new XyFailure(Errors.RECORD_NOT_FOUND(recordId));
    // As they stand now: a repair auto-decided by its deadline counts as decided before any tick wrote it.
    const cases = ((await this.registry.store.casesOfSubjects([revision.subjectId])).get(revision.subjectId) ?? []).map((c) => this.effective(c, policy));
    return { revision, state, cases };
  }

  private async commit(
    p: Principal, action: string, c: DueProcessCase, drafts: readonly Draft[], detail: Record<string, unknown>,
    first?: (tx: RegistryStore) => Promise<void>,
  ): Promise<void> {
    const { registry } = this;
    const evaluator = await this.deps.evaluator();
    await registry.store.transaction(async (tx) => {
      if (first) await first(tx);
      await tx.saveCase(c);
      await tx.addNotices(drafts.map((d) => ({ ...d, id: registry.newId() })));
      await evaluator.on(tx).refresh([c.subjectId], this.now());
      // Last, as everywhere: the audit append serialises writers until commit (on PostgreSQL, a lock).
      await auditWrite(registry, p, action, { caseId: c.id, kind: c.kind, status: c.status, source: c.source, ref: c.ref, ...detail }, c.subjectId, tx);
    });
    this.deps.changed?.();
  }

  private now(): string {
    return this.registry.clock.now();
  }
}

const caseRecord = (r: RevisionRow) => ({ subjectId: r.subjectId, recordId: r.id, source: r.source, ref: r.ref, type: r.type });
