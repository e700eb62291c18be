import { listEntries, type ListEntry } from '../core/lists/list-entries.js';
import type { Policy } from '../core/policy/policy-schema.js';
import { termOf } from '../core/policy/term-of.js';
import { recordStates, type RecordState } from '../core/records/record-state.js';
import { addDuration, parseDuration } from '../core/time/duration.js';
import type { RevisionRow, SubjectRow } from '../ports/registry-store.js';
import type { Registry } from './registry.js';

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

/** Everything held on a subject at `asOf`: records with their status and publication end, lists, relations. */
export async function subjectReport(registry: Registry, policy: Policy, subject: SubjectRow, asOf: string) {
  const revisions = await registry.store.revisionsOf(subject.id);
  const states = recordStates(revisions, asOf);
  const own = states.filter((s) => s.head.subjectId === subject.id && !s.head.type.startsWith('relation.'));
  const records = own.map((s) => recordView(s, policy, asOf));
  const lists = listEntries(policy, own, asOf).map(listView);
  const relations = await relationViews(registry, states.filter((s) => s.head.type.startsWith('relation.')), subject.id);
  return {
    subject: subjectView(subject),
    asOf,
    records: records.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)),
    lists,
    relations,
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
    status: expired && h.status === 'active' ? 'expired' : h.status,
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
  list: e.list, kind: e.listKind, active: e.active, startedAt: e.startedAt, endsAt: e.endsAt, endReason: e.endReason, trigger: e.trigger,
});

async function relationViews(registry: Registry, states: RecordState[], subjectId: string) {
  const views = [];
  for (const s of states) {
    const h: RevisionRow | RecordState['head'] = s.head;
    const otherId = h.subjectId === subjectId ? h.relatedSubjectId : h.subjectId;
    const other = otherId ? await registry.store.subjectById(otherId) : undefined;
    views.push({
      type: h.type.slice('relation.'.length),
      direction: h.subjectId === subjectId ? 'has' : 'is',
      other: other ? subjectView(other) : null,
      validFrom: h.occurredAt,
      validTo: s.closedAt,
      source: h.source,
      ref: h.ref,
    });
  }
  return views;
}
