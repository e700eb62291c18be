/**
 * A policy's version is the hash of what it says, not how it is written: comments, key order and
 * formatting do not change it, any change of content does. Stored scores and decisions cite it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { Policy } from './policy-schema.js';

/** `sha256:` + hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the parsed policy. */
export function policyVersion(policy: Policy): string {
  const json = canonicalJson(policy);
  return `sha256:${createHash('sha256').update(json, 'utf8').digest('hex')}`;
}
