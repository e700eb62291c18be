import type { ListEntry } from '../core/lists/list-entries.js';
import type { Policy } from '../core/policy/policy-schema.js';
import { termOf } from '../core/policy/term-of.js';
import type { RecordState } from '../core/records/record-state.js';
import { evaluateSubject } from '../core/subject/evaluate-subject.js';
import { addDuration, parseDuration } from '../core/time/duration.js';
import type { SubjectRow } from '../ports/registry-store.js';
import type { Registry } from './registry.js';
import { scoreHistory } from './score-history.js';
import { scoreView } from './score-view.js';
import type { SubjectEvaluator } from './subject-evaluator.js';

export interface SubjectView {
  id: string;
  kind: string;
  idKind: string | null;
  /** Masked unless the caller is the subject itself (the HTTP edge decides; the CLI operator sees masked). */
  identity: string | null;
  name: string | null;
  createdAt: string;
}

export const subjectView = (s: SubjectRow): SubjectView => ({
  id: s.id, kind: s.kind, idKind: s.idKind, identity: s.idMasked, name: s.name, createdAt: s.createdAt,
});

/** Everything held on a subject at `asOf`: records, score with reasons and history, lists, relations. */
export async function subjectReport(registry: Registry, evaluator: SubjectEvaluator, subject: SubjectRow, asOf: string) {
  const { policy, policyVersion } = evaluator;
  const revisions = (await registry.store.revisionsOfSubjects([subject.id])).get(subject.id) ?? [];
  const evaluation = evaluateSubject(policy, subject.id, revisions, asOf, {}, subject.kind);
  return {
    subject: subjectView(subject),
    asOf,
    policyVersion,
    records: evaluation.records.map((s) => recordView(s, policy, asOf)).sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)),
    lists: evaluation.entries.map(listView),
    warnings: evaluation.warnings,
    score: scoreView(evaluation, policyVersion),
    history: scoreHistory(policy, subject.id, revisions, asOf),
    relations: await relationViews(registry, evaluation.relations, subject.id),
    objections: [] as unknown[],
  };
}

function recordView(s: RecordState, policy: Policy, asOf: string) {
  const h = s.head;
  const def = policy.recordTypes[h.type];
  const publication = def?.kind === 'conduct' ? termOf(policy, h.type, h.severity as never).max : undefined;
  const publishedUntil = publication ? addDuration(h.occurredAt, parseDuration(publication)!) : null;
  const expired = publishedUntil !== null && publishedUntil <= asOf;
  return {
    id: h.id,
    source: h.source,
    ref: h.ref,
    type: h.type,
    status: expired && h.status !== 'retracted' ? 'expired' : h.status,
    revision: h.revision,
    revisions: s.revisions,
    dimension: def?.kind === 'conduct' ? def.dimension : null,
    severity: h.severity,
    amount: h.amount,
    occurredAt: h.occurredAt,
    receivedAt: h.receivedAt,
    closedAt: s.closedAt,
    publishedUntil,
    legalBasis: def?.legalBasis ?? null,
    attributes: h.attributes,
  };
}

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
