import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RELATIONS, type Policy } from '../policy/policy-schema.js';
import { EFFECT_RANK, EFFECTS_BY_RANK } from './decision-types.js';
import { indexMeasures } from './measure-index.js';
import type { Standing, SubjectState } from './subject-state.js';
import { allActions, decideOk, disputeKey, policy, role, standing, state } from './test-states.js';

// A variant where one action mixes deny, review and benefit, and a measure reaches directors.
const mixed: Policy = structuredClone(policy);
mixed.measures.push(
  { ...mixed.measures.find((m) => m.id === 'major_tax_violation.credit_review')!, id: 'watch.rental_review', when: { list: 'abnormal_operations' }, actions: ['rental.deposit'], appliesTo: ['self', 'director'] },
  { ...mixed.measures.find((m) => m.id === 'dishonest_debtor.public_resources')!, id: 'tax.rental_deny', when: { list: 'major_tax_violation' }, actions: ['rental.deposit'], appliesTo: ['self'], pausedWhileDisputed: false },
);
const policies = [
  { name: 'default', policy, index: indexMeasures(policy) },
  { name: 'mixed', policy: mixed, index: indexMeasures(mixed) },
];

const lists = Object.keys(policy.lists);
const refs = ['R1', 'R2', 'R3', 'R4'];
const anyStanding = fc
  .record({ list: fc.constantFrom(...lists), refs: fc.subarray(refs, { minLength: 1, maxLength: 2 }), days: fc.integer({ min: 1, max: 900 }), active: fc.boolean() })
  .map(({ list, refs, days, active }) => standing(list, refs, new Date(Date.UTC(2025, 5, 1) + days * 86_400_000).toISOString(), active));
const anyState = fc
  .record({
    standings: fc.array(anyStanding, { maxLength: 4 }),
    roles: fc.array(fc.record({ relation: fc.constantFrom(...RELATIONS), org: fc.constantFrom('org-1', 'org-2'), standings: fc.array(anyStanding, { maxLength: 3 }) }), { maxLength: 3 }),
    grade: fc.constantFrom(...policy.grades.map((g) => g.grade)),
    disputedRefs: fc.subarray(refs),
  })
  .map(({ standings, roles, grade, disputedRefs }): SubjectState => {
    const all = [...standings, ...roles.flatMap((r) => r.standings)].flatMap((s) => s.records);
    const disputed = new Set(all.filter((r) => disputedRefs.includes(r.ref)).map(disputeKey));
    return state({ standings, grade, disputed, roles: roles.map((r) => role(r.relation, r.standings, r.org)) });
  });

/** The rules read straight off the policy, measure by measure: what the index must reproduce. */
function naive(p: Policy, s: SubjectState, action: string): string[] {
  const out: string[] = [];
  const listed = (m: (typeof p.measures)[number], st: Standing, via: string) => {
    if (!('list' in m.when) || st.entry.list !== m.when.list || !st.entry.active) return;
    const paused = m.pausedWhileDisputed === true && st.records.every((r) => s.disputed.has(disputeKey(r)));
    out.push(`${m.id}|${st.records[0]?.ref}|${via}|${paused}`);
  };
  for (const m of p.measures.filter((m) => m.actions.includes(action))) {
    if ('grades' in m.when) {
      if (m.appliesTo.includes('self') && m.when.grades.includes(s.grade)) out.push(`${m.id}|undefined|self|false`);
      continue;
    }
    if (m.appliesTo.includes('self')) for (const st of s.standings) listed(m, st, 'self');
    for (const r of s.roles) if (m.appliesTo.includes(r.role)) for (const st of r.standings) listed(m, st, `${r.role}@${r.orgId}`);
  }
  return out.sort();
}

const rank = (effect: keyof typeof EFFECT_RANK) => EFFECT_RANK[effect];

describe.each(policies)('decide on the $name policy (properties)', ({ policy: p, index: i }) => {
  const action = fc.constantFrom(...allActions);

  it('applies exactly the measures the policy names, and takes the most severe unpaused effect', () => {
    fc.assert(
      fc.property(anyState, action, (s, a) => {
        const d = decideOk(s, a, p, i);
        const got = d.measures.map((m) => `${m.id}|${m.trigger.record?.ref}|${m.trigger.via ? `${m.trigger.via.role}@${m.trigger.via.orgId}` : 'self'}|${m.paused === true}`);
        expect(got.sort()).toEqual(naive(p, s, a));
        const counted = d.measures.filter((m) => !m.paused).map((m) => rank(m.effect));
        expect(d.effect).toBe(EFFECTS_BY_RANK[Math.max(0, ...counted)]);
      }),
      { numRuns: 400 },
    );
  });

  it('never makes the effect stricter when a standing or a role is removed', () => {
    fc.assert(
      fc.property(anyState, action, fc.nat(), (s, a, k) => {
        const before = rank(decideOk(s, a, p, i).effect);
        const fewer: SubjectState[] = [];
        if (s.standings.length > 0) fewer.push({ ...s, standings: s.standings.filter((_, j) => j !== k % s.standings.length) });
        if (s.roles.length > 0) {
          const r = k % s.roles.length;
          fewer.push({ ...s, roles: s.roles.filter((_, j) => j !== r) });
          fewer.push({ ...s, roles: s.roles.map((x, j) => (j === r ? { ...x, standings: x.standings.slice(1) } : x)) });
        }
        for (const f of fewer) expect(rank(decideOk(f, a, p, i).effect)).toBeLessThanOrEqual(before);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same decision whatever order the standings and roles come in', () => {
    fc.assert(
      fc.property(anyState, action, (s, a) => {
        const reversed = { ...s, standings: [...s.standings].reverse(), roles: [...s.roles].reverse() };
        expect(decideOk(reversed, a, p, i)).toEqual(decideOk(s, a, p, i));
      }),
      { numRuns: 300 },
    );
  });
});
