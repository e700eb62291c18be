/**
 * Turn policy YAML text into a checked `Policy`. Pure: the caller reads the file and passes its
 * text and name. Every error found is returned (syntax, then structure, then meaning), each with
 * the file, line and column an editor can jump to.
 */
import { LineCounter, parseDocument } from 'yaml';
import { Errors, at, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { policyProblems } from './check-policy.js';
import { formatPath } from './policy-problem.js';
import type { Policy } from './policy-schema.js';
import { schemaErrors } from './schema-errors.js';
import { positionOf } from './yaml-position.js';

export function loadPolicy(text: string, file: string): Result<Policy, XyError[]> {
  const lines = new LineCounter();
  // prettyErrors off: we report positions ourselves and keep messages to one line.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return at(Errors.POLICY_YAML(e.message), { file, line: Math.max(line, 1), column: Math.max(col, 1) });
      }),
    );
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Only alias bombs and similar abuse get here; the parse itself succeeded.
    return err([at(Errors.POLICY_YAML(e instanceof Error ? e.message : String(e)), { file, line: 1, column: 1 })]);
  }

  const structural = schemaErrors(value);
  if (structural.length > 0) {
    // Semantic checks assume the shape is right, so they wait until it is.
    return err(
      structural.map((s) => at(Errors.POLICY_SCHEMA(formatPath(s.path), s.why), { file, ...positionOf(doc, lines, s.path, s.atKey) })),
    );
  }

  const policy = value as Policy;
  const problems = policyProblems(policy);
  if (problems.length > 0) {
    return err(problems.map((p) => at(p.error, { file, ...positionOf(doc, lines, p.path) })));
  }
  return ok(policy);
}
