/** Measures: each names what triggers it, what it affects and on what legal basis, and how it ends. */
import { Errors } from '../errors.js';
import { isBlank, own, type Problems } from './policy-problem.js';
import type { Policy } from './policy-schema.js';

/** Placeholders a remedy template may use; the decision engine fills them in. */
export const REMEDY_PLACEHOLDERS = ['ref', 'source', 'until', 'list'] as const;

export function checkMeasures(policy: Policy, problems: Problems): void {
  const seen = new Set<string>();
  const grades = new Set(policy.grades.map((g) => g.grade));
  const relations = new Set(Object.values(policy.recordTypes).flatMap((t) => (t.kind === 'relation' ? [t.relation] : [])));
  policy.measures.forEach((m, i) => {
    const path = ['measures', i] as const;
    const where = `measure "${m.id}"`;
    if (seen.has(m.id)) problems.invalid([...path, 'id'], `repeats the id "${m.id}"`);
    seen.add(m.id);
    if (isBlank(m.legalBasis)) problems.add(Errors.POLICY_NO_LEGAL_BASIS(m.id, 'measure'), [...path, 'legalBasis']);
    if (isBlank(m.remedy)) problems.invalid([...path, 'remedy'], 'is empty; every measure must tell the subject how it ends');
    for (const [, name] of m.remedy.matchAll(/\{([^{}]*)\}/g)) {
      if (!(REMEDY_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
        problems.invalid([...path, 'remedy'], `uses the unknown placeholder {${name}}; use ${REMEDY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
      }
    }
    if ('list' in m.when) {
      if (own(policy.lists, m.when.list) === undefined) {
        problems.add(Errors.POLICY_BAD_REFERENCE(where, 'list', m.when.list), [...path, 'when', 'list']);
      }
    } else {
      // A grade is a summary, not a finding with a legal basis: it may unlock rewards, never punish.
      if (m.kind !== 'reward' || m.effect !== 'benefit') {
        problems.invalid([...path, 'when'], 'is a grade: only rewards with effect "benefit" may depend on a grade; punishments need a list');
      }
      m.when.grades.forEach((g, j) => {
        if (!grades.has(g)) problems.add(Errors.POLICY_BAD_REFERENCE(where, 'grade', g), [...path, 'when', 'grades', j]);
      });
    }
    m.actions.forEach((a, j) => {
      if (own(policy.actions, a) === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(where, 'action', a), [...path, 'actions', j]);
    });
    m.appliesTo.forEach((r, j) => {
      // Extending a measure to a related party needs a relation type that can record the relation.
      if (r !== 'self' && !relations.has(r)) problems.add(Errors.POLICY_BAD_REFERENCE(where, 'relation', r), [...path, 'appliesTo', j]);
    });
    if ((m.kind === 'reward') !== (m.effect === 'benefit')) {
      problems.invalid([...path, 'effect'], `is "${m.effect}" on a ${m.kind}; rewards give "benefit", punishments "deny" or "review"`);
    }
  });
}
