import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Objection, ObjectionOutcome } from './case-types.js';
import { addObjectionInformation, answerObjection, fileObjection, objectionAt } from './objection.js';
import { at, caseRecordOf, rules, stateOf } from './test-cases.js';

const filed = at('2026-03-02', 9);
const state = stateOf({ status: 'active' });
const file = (over: Partial<Parameters<typeof fileObjection>[0]> = {}) =>
  fileObjection({ id: 'obj-1', record: caseRecordOf(state), state, statement: 'I paid this fine on 2026-01-20.', now: filed, cases: [], ...over }, rules);
const open = (): Objection => {
  const r = file();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('fileObjection', () => {
  it('opens an objection due 30 days later', () => {
    expect(open()).toEqual({
      kind: 'objection', id: 'obj-1', subjectId: 'subject-1', recordId: state.head.id, source: 'market.samr', ref: state.head.ref,
      type: 'commercial.administrative_penalty', statement: 'I paid this fine on 2026-01-20.', additions: [], filedAt: filed,
      dueAt: at('2026-04-01', 9), status: 'open', resolvedAt: null, resolvedBy: null, note: null, lapsedAt: null,
    });
  });

  it('trims the statement and counts characters, not bytes or UTF-16 units', () => {
    expect(value(file({ statement: '  罚款已于一月缴清。\r\n附收据。 ' })).statement).toBe('罚款已于一月缴清。\n附收据。');
    expect(codeOf(file({ statement: '信'.repeat(500) }))).toBe('ok');
    expect(codeOf(file({ statement: '😀'.repeat(500) }))).toBe('ok');
    expect(codeOf(file({ statement: '信'.repeat(501) }))).toBe('XY_OBJECTION_STATEMENT');
    expect(codeOf(file({ statement: ' \n ' }))).toBe('XY_OBJECTION_STATEMENT');
    expect(codeOf(file({ statement: 'tab\there' }))).toBe('XY_OBJECTION_STATEMENT');
    expect(codeOf(file({ statement: 'bell\u0007' }))).toBe('XY_OBJECTION_STATEMENT');
  });

  it("refuses someone else's record as not found, a withdrawn record and a relation", () => {
    expect(codeOf(file({ record: { ...caseRecordOf(state), subjectId: 'subject-2' } }))).toBe('XY_RECORD_NOT_FOUND');
    expect(codeOf(file({ record: { ...caseRecordOf(state), ref: 'other' } }))).toBe('XY_RECORD_NOT_FOUND');
    const retracted = stateOf({ status: 'retracted' });
    expect(codeOf(file({ state: retracted, record: caseRecordOf(retracted) }))).toBe('XY_OBJECTION_NOT_ALLOWED');
    const relation = stateOf({ type: 'relation.director', relatedSubjectId: 'person-1', severity: null, status: 'active' });
    expect(codeOf(file({ state: relation, record: caseRecordOf(relation) }))).toBe('XY_OBJECTION_NOT_ALLOWED');
  });

  it('refuses a second objection while one is open or lapsed, not after an answer', () => {
    const first = open();
    expect(file({ id: 'obj-2', cases: [first], now: at('2026-03-10') })).toMatchObject({ ok: false, error: { code: 'XY_OBJECTION_EXISTS' } });
    // Lapsed (past due, stored as open): still pending.
    expect(codeOf(file({ id: 'obj-2', cases: [first], now: at('2026-05-01') }))).toBe('XY_OBJECTION_EXISTS');
    const upheld = value(answerObjection(first, 'upheld', null, at('2026-03-20'), 'market.samr'));
    expect(codeOf(file({ id: 'obj-2', cases: [upheld], now: at('2026-03-21') }))).toBe('ok');
    const other = stateOf({ status: 'active' });
    expect(codeOf(file({ id: 'obj-3', state: other, record: caseRecordOf(other), cases: [first] }))).toBe('ok');
  });
});

describe('addObjectionInformation', () => {
  it('extends the deadline once, on the first addition', () => {
    const once = value(addObjectionInformation(open(), 'Receipt number 123.', at('2026-03-05'), rules));
    expect(once.dueAt).toBe(at('2026-04-16', 9));
    expect(once.additions).toEqual([{ at: at('2026-03-05'), text: 'Receipt number 123.' }]);
    const twice = value(addObjectionInformation(once, 'Bank slip attached.', at('2026-04-10'), rules));
    expect(twice.dueAt).toBe(at('2026-04-16', 9));
    expect(twice.additions).toHaveLength(2);
  });

  it('is refused once the objection has lapsed or been answered, and checks the text', () => {
    expect(codeOf(addObjectionInformation(open(), 'late', at('2026-04-01', 9), rules))).toBe('XY_OBJECTION_STATE');
    const answered = value(answerObjection(open(), 'corrected', 'amount fixed', at('2026-03-10'), 'market.samr'));
    expect(codeOf(addObjectionInformation(answered, 'more', at('2026-03-11'), rules))).toBe('XY_OBJECTION_STATE');
    expect(codeOf(addObjectionInformation(open(), '   ', at('2026-03-05'), rules))).toBe('XY_OBJECTION_STATEMENT');
  });
});

describe('answerObjection', () => {
  it('records the outcome of an open objection', () => {
    const answered = value(answerObjection(open(), 'upheld', ' The fine is unpaid. ', at('2026-03-20'), 'market.samr'));
    expect(answered).toMatchObject({ status: 'upheld', resolvedAt: at('2026-03-20'), resolvedBy: 'market.samr', note: 'The fine is unpaid.', lapsedAt: null });
    expect(value(answerObjection(open(), 'withdrawn', '', at('2026-03-20'), 'market.samr'))).toMatchObject({ status: 'withdrawn', note: null });
  });

  it('turns upheld into certified after a lapse, keeping the lapse date', () => {
    const late = at('2026-04-10');
    expect(value(answerObjection(open(), 'upheld', null, late, 'market.samr'))).toMatchObject({ status: 'certified', lapsedAt: at('2026-04-01', 9), resolvedAt: late });
    expect(value(answerObjection(open(), 'corrected', null, late, 'market.samr'))).toMatchObject({ status: 'corrected', lapsedAt: at('2026-04-01', 9) });
  });

  it('answers only once, and bounds the note', () => {
    const answered = value(answerObjection(open(), 'upheld', null, at('2026-03-20'), 'market.samr'));
    expect(codeOf(answerObjection(answered, 'withdrawn', null, at('2026-03-21'), 'market.samr'))).toBe('XY_OBJECTION_STATE');
    expect(codeOf(answerObjection(open(), 'upheld', 'x'.repeat(1001), at('2026-03-20'), 'market.samr'))).toBe('XY_BAD_ARGUMENT');
  });

  it('refuses an outcome outside the three, whatever the caller cast it to', () => {
    expect(codeOf(answerObjection(open(), 'ignored' as ObjectionOutcome, null, at('2026-03-20'), 'market.samr'))).toBe('XY_BAD_ARGUMENT');
  });
});

describe('objectionAt', () => {
  it('lapses an open objection at its deadline, dated at the deadline', () => {
    const o = open();
    expect(objectionAt(o, '2026-04-01T08:59:59.999Z')).toBe(o);
    expect(objectionAt(o, at('2026-06-01'))).toMatchObject({ status: 'lapsed', lapsedAt: at('2026-04-01', 9) });
  });

  const instant = fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 7, 1) }).map((ms) => new Date(ms).toISOString());
  const objection = fc.record({
    additions: fc.boolean(),
    answer: fc.option(fc.tuple(instant, fc.constantFrom<ObjectionOutcome>('upheld', 'corrected', 'withdrawn'))),
  }).map(({ additions, answer }) => {
    let o = open();
    if (additions) o = value(addObjectionInformation(o, 'more', filed, rules));
    if (answer) {
      const r = answerObjection(o, answer[1], null, answer[0], 'market.samr');
      if (r.ok) o = r.value;
    }
    return o;
  });

  it('is idempotent and independent of intermediate evaluations (property)', () => {
    fc.assert(
      fc.property(objection, fc.array(instant, { minLength: 1, maxLength: 5 }), (o, times) => {
        const sorted = [...times].sort();
        const last = sorted[sorted.length - 1]!;
        const stepped = sorted.reduce((x, t) => objectionAt(x, t), o);
        expect(stepped).toEqual(objectionAt(o, last));
        expect(objectionAt(objectionAt(o, last), last)).toEqual(objectionAt(o, last));
      }),
      { numRuns: 200 },
    );
  });
});
