/** Lists: each has a legal basis, enters on conduct types the policy defines, and ends within a term. */
import { Errors } from '../errors.js';
import { isBlank, own, type Problems } from './policy-problem.js';
import type { Policy } from './policy-schema.js';

export function checkLists(policy: Policy, problems: Problems): void {
  for (const [name, list] of Object.entries(policy.lists)) {
    const path = ['lists', name] as const;
    if (isBlank(list.legalBasis)) problems.add(Errors.POLICY_NO_LEGAL_BASIS(name, 'list'), [...path, 'legalBasis']);
    list.entry.recordTypes.forEach((code, i) => {
      const type = own(policy.recordTypes, code);
      const where = [...path, 'entry', 'recordTypes', i];
      if (type === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(`list "${name}" entry`, 'record type', code), where);
      else if (type.kind !== 'conduct') problems.invalid(where, `is "${code}", a relation; only conduct puts a subject on a list`);
      else if (!type.subjectKinds.some((k) => list.subjectKinds.includes(k))) {
        problems.invalid(where, `is "${code}", which applies to no subject kind this list accepts`);
      }
    });
    // A listing without an end is a life sentence: the term is mandatory and must be positive.
    problems.duration(list.term, [...path, 'term'], true);
    problems.duration(list.entry.within, [...path, 'entry', 'within'], true);
    problems.duration(list.warning, [...path, 'warning'], true);
    if (list.escalatesTo !== undefined) {
      const target = list.escalatesTo.list;
      const where = [...path, 'escalatesTo', 'list'];
      if (own(policy.lists, target) === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(`list "${name}" escalatesTo`, 'list', target), where);
      else if (target === name) problems.invalid(where, 'escalates to itself');
      problems.duration(list.escalatesTo.after, [...path, 'escalatesTo', 'after'], true);
    }
  }
}
