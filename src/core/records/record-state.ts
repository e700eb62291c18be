import type { SubjectKind } from '../policy/policy-schema.js';
import type { RecordStatus } from './record-input.js';

/** The fields of a stored revision that the state of a record depends on. */
export interface RevisionFacts {
  id: string;
  subjectId: string;
  subjectKind: SubjectKind;
  relatedSubjectId: string | null;
  source: string;
  ref: string;
  revision: number;
  type: string;
  occurredAt: string;
  receivedAt: string;
  severity: string | null;
  amount: number | null;
  status: RecordStatus;
  attributes: Record<string, unknown>;
  /** Set when the record is held by a provisional subject linked into `subjectId`: that subject's id. */
  linkedFrom?: string;
}

/** A furnisher record as known at an instant: its latest revision, and when it stopped being active. */
export interface RecordState {
  head: RevisionFacts;
  revisions: number;
  /** When the record was resolved or retracted (transaction time), if it is now. */
  closedAt: string | null;
  /** When a credit repair of it was approved, if one was: from then on it neither counts nor lists. */
  repairedAt?: string;
}

/**
 * Fold revisions into record states as the registry knew them at `asOf` (transaction time):
 * revisions received later are ignored, so a past view is reproducible.
 */
export function recordStates(revisions: readonly RevisionFacts[], asOf: string): RecordState[] {
  const byKey = new Map<string, RevisionFacts[]>();
  for (const r of revisions) {
    if (r.receivedAt > asOf) continue;
    const key = `${r.source}\u0000${r.ref}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const states: RecordState[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.revision - b.revision);
    let closedAt: string | null = null;
    for (const r of list) {
      if (r.status === 'active') closedAt = null;
      else closedAt ??= r.receivedAt;
    }
    states.push({ head: list[list.length - 1]!, revisions: list.length, closedAt });
  }
  return states;
}
