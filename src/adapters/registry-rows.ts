import type { RecordStatus } from '../core/records/record-input.js';
import type { RevisionRow, SubjectRow } from '../ports/registry-store.js';

/**
 * Rows of the registry's tables as both SQL stores hold them (same snake_case columns), turned into
 * the port's shapes. Only how a JSON column comes back differs by driver: text on SQLite, a parsed
 * value on PostgreSQL; the adapter says which.
 */
export interface SubjectColumns {
  id: string;
  kind: string;
  id_kind: string | null;
  id_index: string | null;
  id_sealed: Buffer | null;
  id_masked: string | null;
  name: string | null;
  created_at: string;
}

export interface RevisionColumns<Json> {
  id: string;
  subject_id: string;
  subject_kind: string;
  related_subject_id: string | null;
  source: string;
  ref: string;
  revision: number;
  type: string;
  occurred_at: string;
  received_at: string;
  severity: string | null;
  amount: number | null;
  status: string;
  attributes: Json;
  content_hash: string;
}

export function subjectFromRow(row: SubjectColumns): SubjectRow {
  return {
    id: row.id,
    kind: row.kind as SubjectRow['kind'],
    idKind: row.id_kind as SubjectRow['idKind'],
    idIndex: row.id_index,
    idSealed: row.id_sealed,
    idMasked: row.id_masked,
    name: row.name,
    createdAt: row.created_at,
  };
}

export function revisionFromRow<Json>(row: RevisionColumns<Json> & { linked_from?: string }, json: (value: Json) => unknown): RevisionRow {
  return {
    id: row.id,
    subjectId: row.subject_id,
    subjectKind: row.subject_kind as RevisionRow['subjectKind'],
    relatedSubjectId: row.related_subject_id,
    source: row.source,
    ref: row.ref,
    revision: row.revision,
    type: row.type,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    severity: row.severity,
    amount: row.amount,
    status: row.status as RecordStatus,
    attributes: json(row.attributes) as Record<string, unknown>,
    contentHash: row.content_hash,
    ...(row.linked_from ? { linkedFrom: row.linked_from } : {}),
  };
}
