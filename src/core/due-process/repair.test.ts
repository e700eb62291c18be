import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../policy/policy-schema.js';
import type { DueProcessCase, Repair } from './case-types.js';
import { answerObjection, fileObjection } from './objection.js';
import { applyForRepair, decideRepair, repairAt, repairEligibility } from './repair.js';
import { at, caseRecordOf, policy, rules, stateOf } from './test-cases.js';

// A general administrative penalty of 2026-01-05, resolved: repairable from 2026-04-05 until 2027-01-05.
const state = stateOf();
const applied = '2026-04-07T02:00:00.000Z'; // Tuesday 10:00 in Beijing
const apply = (over: Partial<Parameters<typeof applyForRepair>[0]> = {}, p: Policy = policy) =>
  applyForRepair({ id: 'rep-1', record: caseRecordOf(state), state, commitment: 'I will file annual reports on time.', now: applied, cases: [], ...over }, p);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const pending = (): Repair => value(apply());
const why = (r: { ok: boolean; error?: { code: string; message: string } }) => (r.ok ? 'ok' : `${r.error?.code}: ${r.error?.message}`);

describe('repairEligibility', () => {
  it('admits a resolved adverse record between its minimum and maximum terms', () => {
    expect(repairEligibility(policy, state, applied, [])).toEqual({ ok: true, value: undefined });
  });

  it('explains each refusal', () => {
    const elig = (s = state, now = applied, cases: DueProcessCase[] = []) => why(repairEligibility(policy, s, now, cases));
    expect(elig(stateOf({ type: 'financial.loan_repaid', severity: 'minor' }))).toMatch(/REPAIR_NOT_ELIGIBLE: .*only adverse conduct/);
    expect(elig(stateOf({ type: 'judicial.dishonest_debtor', severity: 'serious' }))).toMatch(/not repaired on application: they end by other means/);
    expect(elig(stateOf({ status: 'active' }))).toMatch(/resolve it first/);
    expect(elig(stateOf({ status: 'retracted' }))).toMatch(/withdrawn/);
    expect(elig(state, at('2026-04-04'))).toMatch(/can be repaired from 2026-04-05/);
    expect(elig(state, at('2027-01-05'))).toMatch(/publication ended on 2027-01-05: there is nothing left to repair/);
  });

  it('refuses while another repair is pending or approved, or an objection awaits its answer', () => {
    const elig = (cases: DueProcessCase[], now = at('2026-04-08')) => why(repairEligibility(policy, state, now, cases));
    expect(elig([pending()])).toMatch(/XY_REPAIR_EXISTS: .*pending \(rep-1\)/);
    // Past its deadline the policy approved it.
    expect(elig([pending()], at('2026-05-01'))).toMatch(/already approved/);
    expect(elig([value(decideRepair(pending(), false, 'no', at('2026-04-08'), 'op-1'))], at('2026-04-09'))).toBe('ok');
    const objection = value(fileObjection({ id: 'obj-1', record: caseRecordOf(state), state, statement: 'wrong amount', now: at('2026-04-06'), cases: [] }, rules));
    expect(elig([objection])).toMatch(/under objection obj-1; wait for the furnisher's answer/);
    expect(elig([objection], at('2026-06-01'))).toMatch(/under objection/); // lapsed: still unanswered
    expect(elig([value(answerObjection(objection, 'upheld', null, at('2026-04-07'), 'market.samr'))])).toBe('ok');
  });
});

describe('applyForRepair', () => {
  it('is pending, due at the end of the third working day', () => {
    expect(pending()).toEqual({
      kind: 'repair', id: 'rep-1', subjectId: 'subject-1', recordId: state.head.id, source: 'market.samr', ref: state.head.ref,
      type: 'commercial.administrative_penalty', commitment: 'I will file annual reports on time.', appliedAt: applied,
      dueAt: '2026-04-10T16:00:00.000Z', status: 'pending', decidedAt: null, decidedBy: null, note: null,
    });
  });

  it('skips the National Day holidays and counts the make-up Saturday', () => {
    expect(value(apply({ now: '2026-09-30T02:00:00.000Z' })).dueAt).toBe('2026-10-10T16:00:00.000Z');
  });

  it("uses the record type's own decision rule", () => {
    const p = structuredClone(policy);
    const type = p.recordTypes['commercial.administrative_penalty'];
    if (type?.kind === 'conduct') type.repairDecision = { withinWorkingDays: 1, onDeadline: 'reject' };
    const r = value(apply({}, p));
    expect(r.dueAt).toBe('2026-04-08T16:00:00.000Z'); // the end of Wednesday in Beijing
    expect(repairAt(r, r.dueAt, p)).toMatchObject({ status: 'rejected', decidedBy: 'policy' });
  });

  it('checks the commitment, the record and eligibility', () => {
    expect(why(apply({ commitment: '  ' }))).toMatch(/XY_REPAIR_COMMITMENT/);
    expect(why(apply({ commitment: '诺'.repeat(2001) }))).toMatch(/XY_REPAIR_COMMITMENT: .*2001 characters/);
    expect(why(apply({ commitment: '诺'.repeat(2000) }))).toBe('ok');
    expect(why(apply({ record: { ...caseRecordOf(state), subjectId: 'subject-2' } }))).toMatch(/XY_RECORD_NOT_FOUND/);
    expect(why(apply({ now: at('2026-03-01') }))).toMatch(/XY_REPAIR_NOT_ELIGIBLE/);
  });
});

describe('decideRepair and repairAt', () => {
  it('lets an operator decide before the deadline, once', () => {
    const approved = value(decideRepair(pending(), true, 'reports filed', at('2026-04-09'), 'op-1'));
    expect(approved).toMatchObject({ status: 'approved', decidedAt: at('2026-04-09'), decidedBy: 'op-1', note: 'reports filed' });
    expect(why(decideRepair(approved, false, null, at('2026-04-09'), 'op-2'))).toMatch(/XY_REPAIR_STATE: repair rep-1 is already approved/);
    expect(why(decideRepair(pending(), true, null, '2026-04-10T16:00:00.000Z', 'op-1'))).toMatch(/XY_REPAIR_STATE: .*deadline/);
  });

  it('lets the deadline approve a repair nobody decided, dated at the deadline', () => {
    const r = pending();
    expect(repairAt(r, '2026-04-10T15:59:59.999Z', policy)).toBe(r);
    expect(repairAt(r, at('2026-05-01'), policy)).toMatchObject({ status: 'approved', decidedAt: r.dueAt, decidedBy: 'policy' });
  });

  const instant = fc.integer({ min: Date.UTC(2026, 3, 7), max: Date.UTC(2026, 4, 1) }).map((ms) => new Date(ms).toISOString());
  const repair = fc.option(fc.tuple(instant, fc.boolean())).map((decision) => {
    const r = pending();
    if (!decision) return r;
    const decided = decideRepair(r, decision[1], null, decision[0], 'op-1');
    return decided.ok ? decided.value : r;
  });

  it('is idempotent and independent of intermediate evaluations (property)', () => {
    fc.assert(
      fc.property(repair, fc.array(instant, { minLength: 1, maxLength: 5 }), (r, times) => {
        const sorted = [...times].sort();
        const last = sorted[sorted.length - 1]!;
        expect(sorted.reduce((x, t) => repairAt(x, t, policy), r)).toEqual(repairAt(r, last, policy));
        expect(repairAt(repairAt(r, last, policy), last, policy)).toEqual(repairAt(r, last, policy));
      }),
      { numRuns: 200 },
    );
  });
});
