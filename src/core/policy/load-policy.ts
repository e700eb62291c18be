/**
 * Turn policy YAML text into a checked `Policy`. Pure: the caller reads the file and passes its
 * text and name. Every error found is returned (syntax, then structure, then meaning), each with
 * the file, line and column an editor can jump to.
 */
import { Errors, at, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { policyProblems } from './check-policy.js';
import { formatPath } from './policy-problem.js';
import type { Policy } from './policy-schema.js';
import { schemaErrors, type SchemaError } from './schema-errors.js';
import { positionOf } from './yaml-position.js';
import { readYaml } from './read-yaml.js';

export function loadPolicy(text: string, file: string): Result<Policy, XyError[]> {
  const read = readYaml(text, file, Errors.POLICY_YAML);
  if (!read.ok) return read;
  const { doc, lines, value } = read.value;

  const structural = schemaErrors(value);
  if (structural.length > 0) {
    // Semantic checks assume the shape is right, so they wait until it is.
    return err(
      structural.map((s) => at(structuralError(s, value), { file, ...positionOf(doc, lines, s.path, s.atKey) })),
    );
  }

  const policy = value as Policy;
  const problems = policyProblems(policy);
  if (problems.length > 0) {
    return err(problems.map((p) => at(p.error, { file, ...positionOf(doc, lines, p.path) })));
  }
  return ok(policy);
}

/**
 * A missing or empty-valued `legalBasis` is the catalogue's central rule, not a typo: report it
 * with its own code even when it surfaces as a schema error.
 */
function structuralError(s: SchemaError, value: unknown): XyError {
  const [section, key, field] = s.path;
  if (s.path.length === 3 && field === 'legalBasis') {
    if (section === 'recordTypes' && typeof key === 'string') return Errors.POLICY_NO_LEGAL_BASIS(key);
    if (section === 'lists' && typeof key === 'string') return Errors.POLICY_NO_LEGAL_BASIS(key, 'list');
    if (section === 'measures' && typeof key === 'number') {
      const id = (value as { measures?: Array<{ id?: unknown }> }).measures?.[key]?.id;
      return Errors.POLICY_NO_LEGAL_BASIS(typeof id === 'string' ? id : `#${key + 1}`, 'measure');
    }
  }
  return Errors.POLICY_SCHEMA(formatPath(s.path), s.why);
}
