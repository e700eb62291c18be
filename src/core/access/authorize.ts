import { Errors } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { ApiKeyGrant } from './api-key.js';

/** Who is asking: the grant of the key that authenticated the request. */
export type Principal = Omit<ApiKeyGrant, 'createdAt' | 'revokedAt'>;

const PURPOSE = /^[a-z][a-z0-9_.-]{0,63}$/;
/** What a subject reading its own file is doing; it needs no grant. */
export const SELF_ACCESS = 'self_access';

/**
 * May this principal read this subject's file (subject, score, report), and for what purpose?
 * Another subject's file is "not found" to a subject key: its existence is not confirmed.
 */
export function authorizeSubjectRead(p: Principal, subjectId: string, purpose: string | undefined): Result<string> {
  if (p.role === 'subject') {
    if (p.subjectId !== subjectId) return err(Errors.SUBJECT_NOT_FOUND(`with id ${subjectId}`));
    return ok(purpose ?? SELF_ACCESS);
  }
  if (p.role !== 'admin') return err(Errors.FORBIDDEN(`${keyOf(p)} cannot read subject files`));
  return checkedPurpose(p, purpose);
}

/** May this principal ask for a decision on this action, for this purpose? */
export function authorizeDecision(p: Principal, action: string, purpose: string | undefined): Result<string> {
  if (p.role === 'admin') return checkedPurpose(p, purpose);
  if (p.role !== 'relying_party') return err(Errors.FORBIDDEN(`${keyOf(p)} cannot ask for decisions`));
  if (!p.actions.includes(action)) return err(Errors.FORBIDDEN(`this key may not ask about "${action.slice(0, 60)}"`));
  return checkedPurpose(p, purpose);
}

/** May this principal furnish a record for this source? */
export function authorizeFurnish(p: Principal, source: string): Result<void> {
  if (p.role === 'admin') return ok(undefined);
  if (p.role !== 'furnisher') return err(Errors.FORBIDDEN(`${keyOf(p)} cannot furnish records`));
  return p.source === source ? ok(undefined) : err(Errors.FORBIDDEN(`this key furnishes for "${p.source}", not "${source.slice(0, 60)}"`));
}

/** Audit log and checkpoints: auditors and admins. */
export function authorizeAudit(p: Principal): Result<void> {
  return p.role === 'auditor' || p.role === 'admin' ? ok(undefined) : err(Errors.FORBIDDEN('only auditor and admin keys read the audit log'));
}

function checkedPurpose(p: Principal, purpose: string | undefined): Result<string> {
  if (purpose === undefined || purpose === '') return err(Errors.PURPOSE_REQUIRED());
  if (!PURPOSE.test(purpose)) return err(Errors.PURPOSE_NOT_ALLOWED(purpose));
  // Admin keys name any well-formed purpose (it is logged); relying parties only their own.
  if (p.role !== 'admin' && !p.purposes.includes(purpose)) return err(Errors.PURPOSE_NOT_ALLOWED(purpose));
  return ok(purpose);
}


/**
 * May this principal open a due-process case (objection, repair) about a record of this subject?
 * A subject may only act on its own records; another subject's record is "not found".
 */
export function authorizeCaseFiling(p: Principal, subjectId: string, recordId: string): Result<void> {
  if (p.role === 'admin') return ok(undefined);
  if (p.role === 'subject') return p.subjectId === subjectId ? ok(undefined) : err(Errors.RECORD_NOT_FOUND(recordId));
  return err(Errors.FORBIDDEN(`${keyOf(p)} cannot file objections or repair applications`));
}

/**
 * May this principal add to a case it filed (information for an objection)? Another subject's case
 * is "not found", by its case id: naming its record would confirm the case and disclose the record.
 */
export function authorizeCaseUpdate(p: Principal, c: { subjectId: string; id: string }): Result<void> {
  if (p.role === 'admin') return ok(undefined);
  if (p.role === 'subject') return p.subjectId === c.subjectId ? ok(undefined) : err(Errors.CASE_NOT_FOUND(c.id));
  return err(Errors.FORBIDDEN(`${keyOf(p)} cannot add to objections`));
}

/** May this principal answer an objection to a record of this source? Other furnishers' cases are "not found". */
export function authorizeCaseAnswer(p: Principal, source: string, caseId: string): Result<void> {
  if (p.role === 'admin') return ok(undefined);
  if (p.role === 'furnisher') return p.source === source ? ok(undefined) : err(Errors.CASE_NOT_FOUND(caseId));
  return err(Errors.FORBIDDEN(`${keyOf(p)} cannot answer objections`));
}

/** May this principal see this case (its subject, the furnisher of its record, an admin)? */
export function authorizeCaseRead(p: Principal, c: { subjectId: string; source: string; id: string }): Result<void> {
  if (p.role === 'admin') return ok(undefined);
  if ((p.role === 'subject' && p.subjectId === c.subjectId) || (p.role === 'furnisher' && p.source === c.source)) return ok(undefined);
  return err(Errors.CASE_NOT_FOUND(c.id));
}

/** Repair applications are decided by the registry's operators. */
export function authorizeRepairDecision(p: Principal): Result<void> {
  return p.role === 'admin' ? ok(undefined) : err(Errors.FORBIDDEN('only the registry (an admin key) decides repair applications'));
}

/** "an auditor key", "a relying party key": how refusals name the caller's kind of key. */
export function keyOf(p: Pick<Principal, 'role'>): string {
  const role = p.role.replace('_', ' ');
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} key`;
}
