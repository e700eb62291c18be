import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordKey } from '../scoring/live-records.js';
import type { DueProcessCase, Objection, ObjectionOutcome, Repair } from './case-types.js';
import { addObjectionInformation, answerObjection, fileObjection } from './objection.js';
import { recordMarks, repairedAt } from './record-marks.js';
import { applyForRepair, decideRepair } from './repair.js';
import { at, caseRecordOf, policy, rules, stateOf } from './test-cases.js';

const state = stateOf();
const key = recordKey(state.head);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const object = (now: string, id = 'obj-1'): Objection =>
  value(fileObjection({ id, record: caseRecordOf(state), state, statement: 'not mine', now, cases: [] }, rules));
const repair = (now: string): Repair =>
  value(applyForRepair({ id: 'rep-1', record: caseRecordOf(state), state, commitment: 'I will comply.', now, cases: [] }, policy));
const markAt = (cases: DueProcessCase[], asOf: string) => recordMarks(cases, asOf, policy).get(key);

describe('recordMarks', () => {
  it('marks a record disputed from filing until the answer', () => {
    const answered = value(answerObjection(object(at('2026-03-01')), 'upheld', null, at('2026-03-10'), 'market.samr'));
    expect(markAt([answered], at('2026-02-28'))).toBeUndefined();
    expect(markAt([answered], at('2026-03-01'))).toBe('disputed');
    expect(markAt([answered], at('2026-03-09'))).toBe('disputed');
    expect(markAt([answered], at('2026-03-10'))).toBeUndefined();
  });

  it('suppresses a record from the lapse until the furnisher certifies it', () => {
    const open = object(at('2026-03-01')); // due 2026-03-31
    expect(markAt([open], at('2026-03-30'))).toBe('disputed');
    expect(markAt([open], at('2026-03-31'))).toBe('suppressed');
    const certified = value(answerObjection(open, 'upheld', null, at('2026-04-20'), 'market.samr'));
    expect(certified.status).toBe('certified');
    expect(markAt([certified], at('2026-03-30'))).toBe('disputed');
    expect(markAt([certified], at('2026-04-19'))).toBe('suppressed');
    expect(markAt([certified], at('2026-04-20'))).toBeUndefined();
  });

  it('marks a record repaired from the approval, over any other mark', () => {
    const approved = value(decideRepair(repair(at('2026-04-07', 2)), true, null, at('2026-04-08'), 'op-1'));
    const lapsed = object(at('2026-03-01'));
    expect(markAt([lapsed, approved], at('2026-04-07', 12))).toBe('suppressed');
    expect(markAt([lapsed, approved], at('2026-04-08'))).toBe('repaired');
    expect(repairedAt([lapsed, approved], at('2026-04-08'), policy)).toEqual(new Map([[key, at('2026-04-08')]]));
    expect(repairedAt([approved], at('2026-04-07', 12), policy)).toEqual(new Map());
  });

  it('counts a repair nobody decided as approved at its deadline', () => {
    const r = repair(at('2026-04-07', 2)); // due 2026-04-10T16:00Z
    expect(markAt([r], '2026-04-10T15:59:59.999Z')).toBeUndefined();
    expect(markAt([r], '2026-04-10T16:00:00.000Z')).toBe('repaired');
    expect(repairedAt([r], at('2026-05-01'), policy).get(key)).toBe('2026-04-10T16:00:00.000Z');
  });

  // A small history: an objection (maybe with an addition and an answer) and a repair (maybe decided).
  const DAY = 86_400_000;
  const t0 = Date.UTC(2026, 3, 6);
  const time = fc.integer({ min: 0, max: 90 * 24 }).map((h) => new Date(t0 + h * 3_600_000).toISOString());
  const history = fc.record({
    filed: time, added: fc.option(time), answered: fc.option(fc.tuple(time, fc.constantFrom<ObjectionOutcome>('upheld', 'corrected', 'withdrawn'))),
    applied: fc.option(time), decided: fc.option(fc.tuple(time, fc.boolean())),
  });
  type History = typeof history extends fc.Arbitrary<infer T> ? T : never;
  /** The cases as the store held them at `t`: only what had happened by then. */
  const storedAt = (h: History, t: string): DueProcessCase[] => {
    const cases: DueProcessCase[] = [];
    if (h.filed <= t) {
      let o = object(h.filed);
      const steps: Array<[string, (x: Objection) => ReturnType<typeof answerObjection>]> = [];
      if (h.added) steps.push([h.added, (x) => addObjectionInformation(x, 'more', h.added!, rules)]);
      if (h.answered) steps.push([h.answered[0], (x) => answerObjection(x, h.answered![1], null, h.answered![0], 'market.samr')]);
      for (const [when, step] of steps.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (when < h.filed || when > t) continue;
        const r = step(o);
        if (r.ok) o = r.value;
      }
      cases.push(o);
    }
    if (h.applied && h.applied <= t) {
      let r = repair(h.applied);
      if (h.decided && h.decided[0] >= r.appliedAt && h.decided[0] <= t) {
        const d = decideRepair(r, h.decided[1], null, h.decided[0], 'op-1');
        if (d.ok) r = d.value;
      }
      cases.push(r);
    }
    return cases;
  };

  it('reproduces any past instant from the cases as stored now (property)', () => {
    fc.assert(
      fc.property(history, time, (h, t) => {
        const end = new Date(t0 + 200 * DAY).toISOString();
        expect(recordMarks(storedAt(h, end), t, policy)).toEqual(recordMarks(storedAt(h, t), t, policy));
        expect(repairedAt(storedAt(h, end), t, policy)).toEqual(repairedAt(storedAt(h, t), t, policy));
      }),
      { numRuns: 300 },
    );
  });
});
