import type { SubjectRow } from '../ports/registry-store.js';

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
