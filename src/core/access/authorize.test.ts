import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeAudit, authorizeDecision, authorizeFurnish, authorizeSubjectRead, type Principal } from './authorize.js';

const base = { id: 'k', source: null, subjectId: null, actions: [], purposes: [], label: null };
const admin: Principal = { ...base, role: 'admin' };
const subject: Principal = { ...base, role: 'subject', subjectId: 's-1' };
const airline: Principal = { ...base, role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] };
const court: Principal = { ...base, role: 'furnisher', source: 'court.enforcement' };
const auditor: Principal = { ...base, role: 'auditor' };
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('authorization', () => {
  it('lets a subject read only itself, and hides other subjects', () => {
    expect(code(authorizeSubjectRead(subject, 's-1', undefined))).toBe('ok');
    expect(code(authorizeSubjectRead(subject, 's-2', undefined))).toBe('XY_SUBJECT_NOT_FOUND');
  });

  it('requires a purpose from the grant for decisions and admin reads', () => {
    expect(code(authorizeDecision(airline, 'air_travel.purchase', 'ticket_sale'))).toBe('ok');
    expect(code(authorizeDecision(airline, 'air_travel.purchase', undefined))).toBe('XY_PURPOSE_REQUIRED');
    expect(code(authorizeDecision(airline, 'air_travel.purchase', 'marketing'))).toBe('XY_PURPOSE_NOT_ALLOWED');
    expect(code(authorizeDecision(airline, 'rail.high_speed_purchase', 'ticket_sale'))).toBe('XY_FORBIDDEN');
    expect(code(authorizeSubjectRead(admin, 's-1', undefined))).toBe('XY_PURPOSE_REQUIRED');
    expect(code(authorizeSubjectRead(admin, 's-1', 'complaint_review'))).toBe('ok');
  });

  it('never lets a relying party, furnisher or auditor read a subject file', () => {
    for (const p of [airline, court, auditor]) expect(code(authorizeSubjectRead(p, 's-1', 'ticket_sale'))).toBe('XY_FORBIDDEN');
  });

  it('binds a furnisher to its source and the audit log to auditors and admins', () => {
    expect(code(authorizeFurnish(court, 'court.enforcement'))).toBe('ok');
    expect(code(authorizeFurnish(court, 'bank.icbc'))).toBe('XY_FORBIDDEN');
    expect(code(authorizeFurnish(airline, 'court.enforcement'))).toBe('XY_FORBIDDEN');
    expect([auditor, admin, airline, subject].map((p) => code(authorizeAudit(p)))).toEqual(['ok', 'ok', 'XY_FORBIDDEN', 'XY_FORBIDDEN']);
  });

  it('refuses every purpose outside a relying party grant, whatever the string', () => {
    fc.assert(fc.property(fc.string(), (purpose) => {
      const r = authorizeDecision(airline, 'air_travel.purchase', purpose);
      expect(r.ok).toBe(purpose === 'ticket_sale');
    }));
  });
});
