import type { PersonEvidence } from '../linkage/evidence.js';
import type { Severity, SubjectKind } from '../policy/policy-schema.js';

export type RecordStatus = 'active' | 'resolved' | 'retracted';
export const RECORD_STATUSES: readonly RecordStatus[] = ['active', 'resolved', 'retracted'];

/**
 * A subject as named in a record, after its identity number has been checked and normalised. A
 * person named without a full number (a masked one, or none) is claimed by evidence instead: then
 * `idKind` is null, `evidence` holds what identifies them, and `normalizedId` is that evidence in
 * one canonical text, so the same claim always finds the same provisional subject.
 */
export interface SubjectClaim {
  kind: SubjectKind;
  idKind: 'resident_id' | 'uscc' | null;
  /** Normalised identity number (18 characters), or the canonical evidence text. Never logged, never stored in the clear. */
  normalizedId: string;
  name: string | null;
  evidence?: PersonEvidence;
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
