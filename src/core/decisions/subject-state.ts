import type { ListEntry } from '../lists/list-entries.js';
import type { Relation, SubjectKind } from '../policy/policy-schema.js';

/** What a list entry's trigger record is, for explaining a measure (no identity numbers). */
export interface TriggerRecord {
  id: string;
  source: string;
  ref: string;
  type: string;
}

/** A list entry active at the state's instant, with its trigger records spelled out. */
export interface Standing {
  entry: ListEntry;
  records: TriggerRecord[];
}

/** Standings of an organisation the subject holds a role in (legal representative, controller...). */
export interface RoleStanding {
  role: Relation;
  orgId: string;
  orgName: string | null;
  standings: Standing[];
}

/**
 * Everything a decision about one subject needs, computed once (from records, policy and relations)
 * and reused for every action asked: decisions themselves are then only lookups.
 */
export interface SubjectState {
  subjectId: string;
  kind: SubjectKind;
  asOf: string;
  score: number;
  grade: string;
  /** The subject's own list entries active at `asOf`. */
  standings: Standing[];
  /** Entries of organisations the subject holds a live role in at `asOf`. */
  roles: RoleStanding[];
  /** Records (source\u0000ref) under dispute, whose measures may be paused (policy: pausedWhileDisputed). */
  disputed: ReadonlySet<string>;
}
