import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { Policy } from '../policy/policy-schema.js';
import { recordStates, type RevisionFacts } from '../records/record-state.js';
import { recordKey } from './live-records.js';
import { scoreSubject } from './score-subject.js';
import { day, revision } from './test-records.js';

const policy = defaultPolicy();
const scoreAt = (revisions: RevisionFacts[], asOf: string, p: Policy = policy, suppressed?: ReadonlySet<string>) =>
  scoreSubject(p, recordStates(revisions, asOf), asOf, { suppressed });
const sum = (xs: readonly { points: number }[]) => xs.reduce((a, r) => a + r.points, 0);
const on = (date: string, over: Partial<RevisionFacts>) => revision({ occurredAt: day(date), receivedAt: day(date), ...over });

describe('scoreSubject', () => {
  it('gives a subject with no records the base score and grade A', () => {
    expect(scoreAt([], day('2025-06-01'))).toEqual({
      score: 700, grade: 'A', base: 700, reasons: [], asOf: day('2025-06-01'),
      dimensions: { government: 0, commercial: 0, societal: 0, judicial: 0, financial: 0 },
    });
  });

  it('takes a fresh record at full points, explained down to the furnisher record', () => {
    const debtor = on('2025-03-01', { ref: '(2025)京0105执123号' });
    const result = scoreAt([debtor], day('2025-03-01'));
    expect(result).toMatchObject({ score: 450, grade: 'C', dimensions: { judicial: -250 } });
    expect(result.reasons).toEqual([{
      code: 'judicial.dishonest_debtor', recordId: debtor.id, dimension: 'judicial', points: -250,
      source: 'court.enforcement', ref: '(2025)京0105执123号', occurredAt: debtor.occurredAt,
      text: 'Dishonest judgment debtor (court.enforcement (2025)京0105执123号, 2025-03-01, serious): -250 points, 100% after decay (half-life 2 years), now -250',
    }]);
  });

  it('halves a record after one half-life, positive or negative', () => {
    const asOf = day('2023-01-01', 365.25);
    const result = scoreAt([on('2023-01-01', {}), on('2023-01-01', { type: 'societal.volunteer_service', source: 'civil.volunteers', severity: 'general' })], asOf);
    expect(result.reasons.map((r) => r.points)).toEqual([-250 * 0.5 ** 0.5, 7.5].map((x) => Math.round(x * 100) / 100));
    expect(result.reasons[1]?.text).toContain('+15 points, 50% after decay (half-life 1 year)');
  });

  it("scores at the type's default severity when the record has none", () => {
    const loan = on('2025-03-01', { type: 'financial.loan_overdue', source: 'bank.icbc', severity: null });
    expect(scoreAt([loan], day('2025-03-01')).reasons[0]?.points).toBe(-60);
  });

  it('leaves out expired, retracted, future and suppressed records, relations and unknown types', () => {
    const expired = on('2021-01-01', { severity: 'general' }); // 2-year term
    const retracted = on('2025-01-01', {});
    const retraction = { ...retracted, id: `${retracted.id}-2`, revision: 2, status: 'retracted' as const, receivedAt: day('2025-02-01') };
    const future = revision({ occurredAt: day('2025-09-01'), receivedAt: day('2025-02-01') });
    const suppressed = on('2025-01-01', {});
    const relation = on('2025-01-01', { type: 'relation.director', subjectKind: 'org', relatedSubjectId: 'p', severity: null });
    const unknown = on('2025-01-01', { type: 'societal.unknown' });
    const result = scoreAt([expired, retracted, retraction, future, suppressed, relation, unknown], day('2025-06-01'), policy, new Set([recordKey(suppressed)]));
    expect(result).toMatchObject({ score: 700, reasons: [] });
  });

  it('keeps counting a resolved record and says so', () => {
    const debtor = on('2025-03-01', {});
    const paid = { ...debtor, id: `${debtor.id}-2`, revision: 2, status: 'resolved' as const, receivedAt: day('2025-04-01') };
    const result = scoreAt([debtor, paid], day('2025-04-01'));
    expect(result.reasons[0]).toMatchObject({ recordId: paid.id });
    expect(result.reasons[0]?.points).toBeLessThan(-200);
    expect(result.reasons[0]?.text).toContain('resolved 2025-04-01');
  });

  it('caps a dimension and attributes the capped sum exactly, in proportion', () => {
    const debtors = ['a', 'b', 'c'].map((ref) => on('2025-03-01', { ref }));
    const restriction = on('2025-03-01', { type: 'judicial.consumption_restriction', severity: 'general', ref: 'd' });
    const result = scoreAt([...debtors, restriction], day('2025-03-01'));
    expect(result.dimensions.judicial).toBe(-500);
    expect(result.score).toBe(200);
    expect(sum(result.reasons)).toBeCloseTo(-500, 1);
    const scale = 500 / 830;
    expect(result.reasons.map((r) => r.points)).toEqual([...debtors.map(() => -250 * scale), -80 * scale].map((x) => Math.round(x * 100) / 100));
    expect(result.reasons[0]?.text).toMatch(/limited to -150\.6 by the judicial cap \(-500\)$/);
  });

  it('caps positives only, so that negatives keep their full weight', () => {
    const repaid = Array.from({ length: 12 }, (_, i) => on('2025-03-01', { type: 'financial.loan_repaid', source: 'bank', ref: `r${i}`, severity: 'general' }));
    const overdue = on('2025-03-01', { type: 'financial.loan_overdue', source: 'bank', ref: 'o', severity: 'minor' });
    const result = scoreAt([...repaid, overdue], day('2025-03-01'));
    expect(result.dimensions.financial).toBe(150);
    expect(result.reasons[0]).toMatchObject({ code: 'financial.loan_overdue', points: -20 });
    expect(result.reasons[1]?.points).toBeCloseTo((15 * 170) / 180, 2);
  });

  it('keeps a reason capped to zero, after the others, to explain the cap', () => {
    const capped = structuredClone(policy);
    capped.scoring.dimensions.societal = { min: -200, max: 0 };
    const volunteer = on('2025-03-01', { type: 'societal.volunteer_service', source: 'civil', severity: 'general' });
    const result = scoreAt([volunteer, on('2025-03-01', {})], day('2025-03-01'), capped);
    expect(result.reasons.map((r) => [r.code, r.points])).toEqual([['judicial.dishonest_debtor', -250], ['societal.volunteer_service', 0]]);
    expect(result.reasons[1]?.text).toContain('limited to 0 by the societal cap (0)');
  });

  it('keeps the score within its range by shrinking the overflowing side, still fully attributed', () => {
    const heavy = [
      ...['a', 'b', 'c'].map((ref) => on('2025-03-01', { ref })),
      ...['d', 'e', 'f'].map((ref) => on('2025-03-01', { type: 'financial.default_written_off', source: 'bank', ref })),
      ...['g', 'h', 'i', 'j'].map((ref) => on('2025-03-01', { type: 'commercial.tax_violation', source: 'tax', ref })),
    ];
    const low = scoreAt(heavy, day('2025-03-01'));
    expect(low).toMatchObject({ score: 0, grade: 'D', dimensions: { judicial: -500, financial: -400, commercial: -400 } });
    expect(sum(low.reasons)).toBeCloseTo(-700, 1);
    expect(low.reasons.at(-1)?.text).toMatch(/and the score floor \(0\)$/);

    const ceiling = structuredClone(policy);
    ceiling.scoring.max = 750;
    ceiling.grades[0]!.min = 740;
    const good = ['a', 'b', 'c', 'd', 'e', 'f'].map((ref) => on('2025-03-01', { type: 'societal.volunteer_service', source: 'civil', severity: 'general', ref }));
    const high = scoreAt(good, day('2025-03-01'), ceiling);
    expect(high).toMatchObject({ score: 750, grade: 'AAA', dimensions: { societal: 90 } });
    expect(sum(high.reasons)).toBeCloseTo(50, 1);
  });

  it('lists the most adverse first, then positives largest first; ties newest first, then by record id', () => {
    const records = [
      on('2025-03-01', { type: 'societal.blood_donation', source: 'blood', severity: 'general', ref: 'blood' }),
      on('2025-03-01', { type: 'societal.volunteer_service', source: 'civil', severity: 'general', ref: 'vol' }),
      on('2025-03-01', { type: 'commercial.contract_breach', source: 'court', severity: 'general', ref: 'old' }),
      on('2025-03-01', { type: 'commercial.administrative_penalty', source: 'samr', severity: 'general', ref: 'same-a' }),
      on('2025-03-01', { type: 'commercial.administrative_penalty', source: 'samr', severity: 'general', ref: 'same-b' }),
      on('2025-03-01', {}),
    ];
    const result = scoreAt(records, day('2025-03-01'));
    expect(result.reasons.map((r) => r.ref)).toEqual([records[5]!.ref, 'old', 'same-a', 'same-b', 'vol', 'blood']);
    // A very long half-life makes a day's decay vanish in the rounding: equal points, newer first.
    const slow = structuredClone(policy);
    const breach = slow.recordTypes['commercial.contract_breach'];
    if (breach?.kind === 'conduct') breach.halfLife = 'P100Y';
    const newer = on('2025-03-02', { type: 'commercial.contract_breach', source: 'court', severity: 'general', ref: 'new' });
    expect(scoreAt([records[2]!, newer], day('2025-03-02'), slow).reasons.map((r) => [r.ref, r.points])).toEqual([['new', -40], ['old', -40]]);
  });

  it('uses only what was known at asOf', () => {
    const debtor = on('2025-03-01', {});
    const lateRetraction = { ...debtor, id: `${debtor.id}-2`, revision: 2, status: 'retracted' as const, receivedAt: day('2025-08-01') };
    expect(scoreAt([debtor, lateRetraction], day('2025-06-01')).score).toBeLessThan(700);
    expect(scoreAt([debtor, lateRetraction], day('2025-08-01')).score).toBe(700);
  });
});
