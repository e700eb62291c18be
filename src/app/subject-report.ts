import type { ListEntry } from '../core/lists/list-entries.js';
import type { Policy, Severity } from '../core/policy/policy-schema.js';
import { termOf } from '../core/policy/term-of.js';
import type { RecordState } from '../core/records/record-state.js';
import { evaluateWithCases, type CaseOverlay } from '../core/due-process/case-overlay.js';
import type { Objection, Repair } from '../core/due-process/case-types.js';
import { dueProcessRules } from '../core/due-process/due-process-rules.js';
import { erasureDueAt } from '../core/due-process/erasure-due-at.js';
import { objectionAt } from '../core/due-process/objection.js';
import { repairAt } from '../core/due-process/repair.js';
import { recordKey } from '../core/scoring/live-records.js';
import { addDuration, parseDuration } from '../core/time/duration.js';
import type { SubjectRow } from '../ports/registry-store.js';
import { subjectView } from './subject-view.js';
import { linkageOf } from './linkage/linkage-view.js';
export { subjectView, type SubjectView } from './subject-view.js';
import type { Registry } from './registry.js';
import { scoreHistory } from './score-history.js';
import { scoreView } from './score-view.js';
import type { SubjectEvaluator } from './subject-evaluator.js';

/** Everything held on a subject at `asOf`: records, score with reasons and history, lists, relations, cases. */
export async function subjectReport(registry: Registry, evaluator: SubjectEvaluator, subject: SubjectRow, asOf: string) {
  const { policy, policyVersion } = evaluator;
  const revisions = (await registry.store.revisionsOfSubjects([subject.id])).get(subject.id) ?? [];
  const cases = ((await registry.store.casesOfSubjects([subject.id])).get(subject.id) ?? [])
    .filter((c) => (c.kind === 'objection' ? c.filedAt : c.appliedAt) <= asOf)
    .map((c) => (c.kind === 'objection' ? objectionAt(c, asOf) : repairAt(c, asOf, policy)));
  const { evaluation, overlay } = evaluateWithCases(policy, subject.id, revisions, cases, asOf, { kind: subject.kind });
  const objections = cases.filter((c): c is Objection => c.kind === 'objection');
  const linkage = await linkageOf(registry.store, subject.id, revisions);
  return {
    subject: subjectView(subject),
    asOf,
    policyVersion,
    // A record past its retention is erased by the next tick; until then the report already leaves it out.
    records: evaluation.records
      .filter((s) => { const due = erasureDueAt(policy, s.head); return due === null || due > asOf; })
      .map((s) => ({ ...recordView(s, policy, asOf, overlay, objections), linkage: linkage.recordLinkage(s.head) })).sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)),
    lists: evaluation.entries.map(listView),
    warnings: evaluation.warnings,
    score: scoreView(evaluation, policyVersion),
    history: scoreHistory(policy, subject.id, revisions, asOf, 60, cases),
    relations: await relationViews(registry, evaluation.relations, subject.id),
    objections: objections.map(objectionView),
    repairs: cases.filter((c): c is Repair => c.kind === 'repair').map(repairView),
    links: linkage.section,
    notices: (await registry.store.noticesFor(`subject:${subject.id}`, 100)).filter((n) => n.at <= asOf).map((n) => ({ at: n.at, kind: n.kind, ...n.body })),
  };
}

function recordView(s: RecordState, policy: Policy, asOf: string, overlay: CaseOverlay, objections: readonly Objection[]) {
  const h = s.head;
  const def = policy.recordTypes[h.type];
  const key = recordKey(h);
  const term = def?.kind === 'conduct' ? termOf(policy, h.type, (h.severity ?? def.defaultSeverity) as Severity) : undefined;
  const publishedUntil = term ? addDuration(h.occurredAt, parseDuration(term.max)!) : null;
  const expired = publishedUntil !== null && publishedUntil <= asOf;
  const repairedAt = overlay.repaired.get(key);
  const status = h.status === 'retracted' ? 'retracted'
    : repairedAt !== undefined && repairedAt <= asOf ? 'repaired'
      : expired ? 'expired'
        : overlay.suppressed.has(key) ? 'suppressed'
          : overlay.disputed.has(key) ? 'disputed'
            : h.status;
  const minorHidden = h.severity === 'minor' && !dueProcessRules(policy).publishMinor;
  return {
    id: h.id,
    source: h.source,
    ref: h.ref,
    type: h.type,
    status,
    revision: h.revision,
    revisions: s.revisions,
    dimension: def?.kind === 'conduct' ? def.dimension : null,
    severity: h.severity,
    amount: h.amount,
    occurredAt: h.occurredAt,
    receivedAt: h.receivedAt,
    closedAt: s.closedAt,
    /** Whether relying parties' decisions can rest on it now. */
    published: !minorHidden && (status === 'active' || status === 'resolved' || status === 'disputed'),
    publishedUntil,
    repairableFrom: term && def?.kind === 'conduct' && def.repair !== 'never' && def.sign === 'negative' ? addDuration(h.occurredAt, parseDuration(term.min)!) : null,
    erasedAfter: erasureDueAt(policy, h),
    legalBasis: def?.legalBasis ?? null,
    attributes: h.attributes,
    // The subject's statements stay on file beside a record the furnisher stood by.
    statements: objections
      .filter((o) => o.source === h.source && o.ref === h.ref && (o.status === 'upheld' || o.status === 'certified'))
      .map((o) => ({ objectionId: o.id, filedAt: o.filedAt, statement: o.statement })),
  };
}

const objectionView = (o: Objection) => ({
  id: o.id, recordId: o.recordId, source: o.source, ref: o.ref, type: o.type, status: o.status, statement: o.statement,
  additions: o.additions, filedAt: o.filedAt, dueAt: o.dueAt, resolvedAt: o.resolvedAt, lapsedAt: o.lapsedAt, note: o.note,
});

const repairView = (r: Repair) => ({
  id: r.id, recordId: r.recordId, source: r.source, ref: r.ref, type: r.type, status: r.status, commitment: r.commitment,
  appliedAt: r.appliedAt, dueAt: r.dueAt, decidedAt: r.decidedAt, decidedBy: r.decidedBy, note: r.note,
});

export const listView = (e: ListEntry) => ({
  list: e.list,
  kind: e.listKind,
  active: e.active,
  startedAt: e.startedAt,
  endsAt: e.endsAt,
  endReason: e.endReason,
  trigger: e.trigger,
  ...(e.grade ? { grade: e.grade } : {}),
  ...(e.escalatedFrom ? { escalatedFrom: e.escalatedFrom } : {}),
});

async function relationViews(registry: Registry, states: RecordState[], subjectId: string) {
  const views = [];
  for (const s of states) {
    const h = s.head;
    const otherId = h.subjectId === subjectId ? h.relatedSubjectId : h.subjectId;
    const other = otherId ? await registry.store.subjectById(otherId) : undefined;
    views.push({
      type: h.type.slice('relation.'.length),
      direction: h.subjectId === subjectId ? 'has' : 'is',
      other: other ? subjectView(other) : null,
      validFrom: h.occurredAt,
      validTo: s.closedAt,
      status: h.status,
      source: h.source,
      ref: h.ref,
    });
  }
  return views;
}
