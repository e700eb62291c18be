/**
 * Catalogue rules for record types: conduct only, each with a legal basis, with points, terms and
 * half-lives that make sense on their own.
 */
import { Errors } from '../errors.js';
import { DEFAULT_CONDUCT_CATEGORIES, forbiddenTopic, normaliseCategory } from './conduct-categories.js';
import { isBlank, own, type Problems } from './policy-problem.js';
import { SEVERITIES, type ConductType, type Policy, type RecordType } from './policy-schema.js';

/** The allowed categories, normalised; a forbidden entry in `conductCategories` is reported and dropped. */
export function allowedCategories(policy: Policy, problems: Problems): Set<string> {
  const allowed = new Set<string>();
  (policy.conductCategories ?? DEFAULT_CONDUCT_CATEGORIES).forEach((category, i) => {
    const topic = forbiddenTopic(category);
    if (topic === undefined) allowed.add(normaliseCategory(category));
    else {
      const error = Errors.POLICY_FORBIDDEN_CATEGORY('conductCategories', category, topic, 'the allowed-category list');
      problems.add(error, ['conductCategories', i]);
    }
  });
  return allowed;
}

export function checkRecordTypes(policy: Policy, problems: Problems): void {
  const allowed = allowedCategories(policy, problems);
  for (const [code, type] of Object.entries(policy.recordTypes)) {
    const path = ['recordTypes', code] as const;
    if (isBlank(type.legalBasis)) problems.add(Errors.POLICY_NO_LEGAL_BASIS(code), [...path, 'legalBasis']);
    checkCategory(code, type, allowed, problems);
    if (type.kind === 'conduct') checkConduct(policy, code, type, problems);
  }
}

function checkCategory(code: string, type: RecordType, allowed: Set<string>, problems: Problems): void {
  const path = ['recordTypes', code, 'category'];
  const topic = forbiddenTopic(type.category);
  if (topic !== undefined) problems.add(Errors.POLICY_FORBIDDEN_CATEGORY(code, type.category, topic), path);
  else if (!allowed.has(normaliseCategory(type.category))) {
    problems.add(Errors.POLICY_UNKNOWN_CATEGORY(code, type.category), path);
  }
}

function checkConduct(policy: Policy, code: string, type: ConductType, problems: Problems): void {
  const path = ['recordTypes', code] as const;
  problems.duration(type.halfLife, [...path, 'halfLife'], true);
  if (!type.severities.includes(type.defaultSeverity)) {
    problems.invalid([...path, 'defaultSeverity'], `is "${type.defaultSeverity}", which is not among its severities`);
  }
  if (type.severityFrom) {
    const { attribute, bands } = type.severityFrom;
    if (type.attributes?.[attribute]?.type !== 'number') {
      problems.invalid([...path, 'severityFrom', 'attribute'], `is "${attribute}", which is not a number attribute of this type`);
    }
    bands.forEach((band, i) => {
      if (!type.severities.includes(band.severity)) problems.invalid([...path, 'severityFrom', 'bands', i, 'severity'], `is "${band.severity}", which is not among its severities`);
      if (i > 0 && band.min <= bands[i - 1]!.min) problems.invalid([...path, 'severityFrom', 'bands', i, 'min'], 'must be greater than the band before it');
    });
  }
  for (const severity of SEVERITIES) {
    const points = type.points[severity];
    const allowedHere = type.severities.includes(severity);
    const pointsPath = [...path, 'points', severity];
    if (!allowedHere) {
      if (points !== undefined) problems.invalid(pointsPath, `is set but "${severity}" is not among its severities`);
      const term = type.terms?.[severity];
      if (term !== undefined) problems.invalid([...path, 'terms', severity], `is set but "${severity}" is not among its severities`);
      continue;
    }
    if (points === undefined) problems.invalid([...path, 'points'], `has no points for severity "${severity}"`);
    else if (type.sign === 'negative' ? points >= 0 : points <= 0) {
      problems.invalid(pointsPath, `is ${points}, but the type's sign is ${type.sign}`);
    }
    const term = type.terms?.[severity];
    if (term !== undefined) problems.term(term, [...path, 'terms', severity]);
  }
  (type.lists ?? []).forEach((name, i) => {
    const list = own(policy.lists, name);
    if (list === undefined) problems.add(Errors.POLICY_BAD_REFERENCE(`record type "${code}"`, 'list', name), [...path, 'lists', i]);
    else if (!(list.entry.recordTypes ?? []).includes(code)) {
      // The two sides must agree, or the list engine and the explanation would disagree.
      problems.invalid([...path, 'lists', i], `names list "${name}", whose entry.recordTypes does not include "${code}"`);
    }
  });
}
