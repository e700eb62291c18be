/**
 * A policy's version is the hash of what it says, not how it is written: comments, key order and
 * formatting do not change it, any change of content does. Stored scores and decisions cite it.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { Policy } from './policy-schema.js';

// The package is CommonJS with an `export default` typing; under NodeNext the callable may arrive
// either as the default import itself or as its `default` property.
type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  typeof canonicalizeModule === 'function'
    ? (canonicalizeModule as Canonicalize)
    : (canonicalizeModule as unknown as { default: Canonicalize }).default;

/** `sha256:` + hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the parsed policy. */
export function policyVersion(policy: Policy): string {
  const json = canonicalize(policy);
  if (json === undefined) throw new TypeError('policy cannot be serialised as JSON');
  return `sha256:${createHash('sha256').update(json, 'utf8').digest('hex')}`;
}
