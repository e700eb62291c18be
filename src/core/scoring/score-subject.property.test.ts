import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { DIMENSIONS, type ConductType } from '../policy/policy-schema.js';
import { RECORD_STATUSES } from '../records/record-input.js';
import { recordStates, type RevisionFacts } from '../records/record-state.js';
import { scoreSubject } from './score-subject.js';
import { day } from './test-records.js';

const policy = defaultPolicy();
const conduct = Object.entries(policy.recordTypes).filter((e): e is [string, ConductType] => e[1].kind === 'conduct');
const negative = conduct.filter(([, t]) => t.sign === 'negative');
const positive = conduct.filter(([, t]) => t.sign === 'positive');

/** A record described relative to asOf, so that generated sets are mostly live and hit the caps. */
interface Gen { type: string; severity: string | null; daysAgo: number; receivedLag: number; status: RevisionFacts['status'] }

const genRecord = (types: Array<[string, ConductType]>, mixIn = true): fc.Arbitrary<Gen> =>
  fc.record({
    pick: fc.nat(),
    severityPick: fc.option(fc.nat(), { freq: 4 }),
    // Mostly recent (live), some old enough to have expired, a few dated after asOf.
    daysAgo: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 300 }), weight: 6 }, { arbitrary: fc.integer({ min: -30, max: 2000 }), weight: 2 }),
    receivedLag: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
    status: fc.constantFrom(...RECORD_STATUSES, 'active', 'active'),
    other: mixIn ? fc.constantFrom(null, null, null, null, null, null, 'relation.director', 'societal.unknown') : fc.constant(null),
  }).map(({ pick, severityPick, daysAgo, receivedLag, status, other }) => {
    const [code, type] = types[pick % types.length]!;
    const severity = severityPick === null ? null : type.severities[severityPick % type.severities.length]!;
    return { type: other ?? code, severity, daysAgo, receivedLag, status };
  });

/** Mixed sets, and positive-heavy ones that can reach the score's ceiling. */
const recordSets = fc.oneof(
  { arbitrary: fc.array(genRecord(conduct), { maxLength: 40, size: 'max' }), weight: 3 },
  { arbitrary: fc.array(genRecord(positive), { minLength: 20, maxLength: 80, size: 'max' }), weight: 1 },
);
const asOfDay = fc.integer({ min: 0, max: 1500 });

/** Unique ids and refs by position (ids zero-padded, so their order is their index). */
function revisions(gens: readonly Gen[], at: number): RevisionFacts[] {
  return gens.map((g, i) => ({
    id: `rev-${String(i).padStart(4, '0')}`, subjectId: 's', subjectKind: 'org', relatedSubjectId: null,
    source: `src-${i % 3}`, ref: `ref-${i}`, revision: 1, type: g.type, occurredAt: day('2024-01-01', at - g.daysAgo),
    receivedAt: day('2024-01-01', at - g.daysAgo + g.receivedLag), severity: g.severity, amount: null, status: g.status, attributes: {},
  }));
}

function scored(gens: readonly Gen[], at: number) {
  const asOf = day('2024-01-01', at);
  const states = recordStates(revisions(gens, at), asOf);
  return { states, asOf, result: scoreSubject(policy, states, asOf) };
}

describe('scoreSubject properties', () => {
  // Guards the generators: properties over sets that never hit a cap would prove little.
  it('generates sets that reach the dimension caps and both ends of the score range', () => {
    const results = fc.sample(fc.tuple(recordSets, asOfDay), { numRuns: 400, seed: 7 }).map(([g, at]) => scored(g, at).result);
    expect(results.filter((r) => r.reasons.some((x) => x.text.includes(' cap ('))).length).toBeGreaterThan(80);
    expect(results.filter((r) => r.score === policy.scoring.min).length).toBeGreaterThan(20);
    expect(results.filter((r) => r.score === policy.scoring.max).length).toBeGreaterThan(10);
  });

  it('attributes every point of score - base to the reasons (within rounding)', () => {
    fc.assert(fc.property(recordSets, asOfDay, (gens, at) => {
      const { result } = scored(gens, at);
      const total = result.reasons.reduce((a, r) => a + r.points, 0);
      expect(Math.abs(result.score - result.base - total)).toBeLessThanOrEqual(0.5 + 0.005 * result.reasons.length);
    }), { numRuns: 300 });
  });

  it('keeps every dimension within its cap and the score within its range', () => {
    fc.assert(fc.property(recordSets, asOfDay, (gens, at) => {
      const { result } = scored(gens, at);
      for (const d of DIMENSIONS) {
        const cap = policy.scoring.dimensions[d];
        expect(result.dimensions[d]).toBeGreaterThanOrEqual(cap.min - 0.01);
        expect(result.dimensions[d]).toBeLessThanOrEqual(cap.max + 0.01);
      }
      expect(Number.isInteger(result.score)).toBe(true);
      expect(result.score).toBeGreaterThanOrEqual(policy.scoring.min);
      expect(result.score).toBeLessThanOrEqual(policy.scoring.max);
    }), { numRuns: 300 });
  });

  it('gives the identical output for any order of the input states', () => {
    const withOrder = recordSets.chain((gens) =>
      fc.tuple(fc.constant(gens), asOfDay, fc.array(fc.double({ noNaN: true }), { minLength: gens.length, maxLength: gens.length })));
    fc.assert(fc.property(withOrder, ([gens, at, keys]) => {
      const { states, asOf, result } = scored(gens, at);
      const shuffled = states.map((s, i) => ({ s, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k).map(({ s }) => s);
      expect(JSON.stringify(scoreSubject(policy, shuffled, asOf))).toBe(JSON.stringify(result));
    }), { numRuns: 200 });
  });

  it('never raises the score when a live negative record is added', () => {
    const added = genRecord(negative, false).chain((g) =>
      // Live for sure: active, received on the day, within the last 80 days (every term is at least 3 months).
      fc.integer({ min: 0, max: 80 }).map((daysAgo): Gen => ({ ...g, daysAgo, receivedLag: 0, status: 'active' })));
    fc.assert(fc.property(recordSets, asOfDay, added, (gens, at, extra) => {
      const before = scored(gens, at).result;
      const after = scored([...gens, extra], at).result;
      expect(after.reasons.length).toBe(before.reasons.length + 1);
      expect(after.score).toBeLessThanOrEqual(before.score);
    }), { numRuns: 300 });
  });
});
