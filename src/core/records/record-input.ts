import type { Severity, SubjectKind } from '../policy/policy-schema.js';

export type RecordStatus = 'active' | 'resolved' | 'retracted';
export const RECORD_STATUSES: readonly RecordStatus[] = ['active', 'resolved', 'retracted'];

/** A subject as named in a record, after its identity number has been checked and normalised. */
export interface SubjectClaim {
  kind: SubjectKind;
  idKind: 'resident_id' | 'uscc';
  /** Normalised identity number (18 characters). Never logged, never stored in the clear. */
  normalizedId: string;
  name: string | null;
}

/** A record line that passed validation against the active policy. */
export interface ParsedRecord {
  source: string;
  ref: string;
  revision: number;
  type: string;
  subject: SubjectClaim;
  related: SubjectClaim | null;
  /** ISO instant (UTC); a bare date in the input means midnight UTC. */
  occurredAt: string;
  severity: Severity | null;
  amount: number | null;
  status: RecordStatus;
  attributes: Record<string, unknown>;
}
