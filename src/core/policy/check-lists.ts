/**
 * Lists: each has a legal basis, enters on conduct types the policy defines (or on a grade, for
 * rewards and watching only), ends within a term, and escalates only along a chain that ends.
 */
import { Errors } from '../errors.js';
import { approximateDays } from '../time/duration.js';
import { isBlank, own, type PolicyPath, type Problems } from './policy-problem.js';
import type { ListDefinition, Policy } from './policy-schema.js';

export function checkLists(policy: Policy, problems: Problems): void {
  for (const [name, list] of Object.entries(policy.lists)) {
    const path = ['lists', name] as const;
    if (isBlank(list.legalBasis)) problems.add(Errors.POLICY_NO_LEGAL_BASIS(name, 'list'), [...path, 'legalBasis']);
    checkEntry(policy, name, list, problems);
    // A listing without an end is a life sentence: the term is mandatory and must be positive.
    problems.duration(list.term, [...path, 'term'], true);
    problems.duration(list.entry.within, [...path, 'entry', 'within'], true);
    const warning = problems.duration(list.warning, [...path, 'warning'], true);
    if (list.escalatesTo === undefined) {
      if (list.warning !== undefined) problems.invalid([...path, 'warning'], 'warns of an escalation, but the list has no escalatesTo');
      continue;
    }
    const target = list.escalatesTo.list;
    const where = [...path, 'escalatesTo', 'list'];
    const after = problems.duration(list.escalatesTo.after, [...path, 'escalatesTo', 'after'], true);
    if (warning && after && approximateDays(warning) >= approximateDays(after)) {
      problems.invalid([...path, 'warning'], `is ${list.warning}, not shorter than escalatesTo.after ${list.escalatesTo.after}`);
    }
    const to = own(policy.lists, target);
    if (to === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(`list "${name}" escalatesTo`, 'list', target), where);
    else if (target === name) problems.invalid(where, 'escalates to itself');
    else {
      const cycle = cycleFrom(policy, name);
      if (cycle) problems.invalid(where, `closes the escalation cycle ${cycle.join(' -> ')}`);
      // An escalation the target cannot take would vanish silently.
      const refused = list.subjectKinds.filter((k) => !to.subjectKinds.includes(k));
      if (refused.length > 0) problems.invalid(where, `is "${target}", which does not accept ${refused.join(', ')} subjects this list holds`);
    }
  }
}

/** Exactly one way in; a grade list never punishes (punishments rest on conduct records, not a score). */
function checkEntry(policy: Policy, name: string, list: ListDefinition, problems: Problems): void {
  const path: PolicyPath = ['lists', name, 'entry'];
  const { recordTypes, grades } = list.entry;
  if (recordTypes === undefined && grades === undefined) {
    problems.invalid(path, 'needs recordTypes (conduct that enters a subject) or grades (grades that do)');
  }
  if (recordTypes !== undefined && grades !== undefined) {
    problems.invalid([...path, 'grades'], 'cannot be combined with recordTypes: a list enters on records or on grades, not both');
  }
  recordTypes?.forEach((code, i) => {
    const type = own(policy.recordTypes, code);
    const where = [...path, 'recordTypes', i];
    if (type === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(`list "${name}" entry`, 'record type', code), where);
    else if (type.kind !== 'conduct') problems.invalid(where, `is "${code}", a relation; only conduct puts a subject on a list`);
    else if (!type.subjectKinds.some((k) => list.subjectKinds.includes(k))) {
      problems.invalid(where, `is "${code}", which applies to no subject kind this list accepts`);
    }
  });
  if (grades === undefined) return;
  const known = new Set(policy.grades.map((g) => g.grade));
  grades.forEach((g, i) => {
    if (!known.has(g)) problems.add(Errors.POLICY_BAD_REFERENCE(`list "${name}" entry`, 'grade', g), [...path, 'grades', i]);
  });
  for (const key of ['count', 'within', 'severities'] as const) {
    if (list.entry[key] !== undefined) problems.invalid([...path, key], 'qualifies recordTypes; a list entered on grades cannot use it');
  }
  if (list.kind === 'black') problems.invalid(['lists', name, 'kind'], 'is black, but the list is entered on grades; a grade never punishes');
  policy.measures.forEach((m, i) => {
    if (m.kind === 'punishment' && 'list' in m.when && m.when.list === name) {
      problems.invalid(['measures', i, 'when', 'list'], `is "${name}", a list entered on grades; a grade never punishes`);
    }
  });
}

/** The escalation chain from `start` when it comes back to `start` (a -> b -> a), else undefined. */
function cycleFrom(policy: Policy, start: string): string[] | undefined {
  const chain = [start];
  for (let at = own(policy.lists, start)?.escalatesTo?.list; at !== undefined; at = own(policy.lists, at)?.escalatesTo?.list) {
    chain.push(at);
    if (at === start) return chain;
    if (chain.indexOf(at) < chain.length - 1) return undefined; // a cycle that does not pass through start
  }
  return undefined;
}
