import type { Policy } from './policy-schema.js';

/** `court.*` matches `court.enforcement` and `court.civil`; anything else matches only itself. */
export function codeMatches(pattern: string, code: string): boolean {
  return pattern.endsWith('.*') ? code.startsWith(pattern.slice(0, -1)) : pattern === code;
}

/**
 * May this furnisher source send this record type? A policy without a `furnishers` section
 * restricts nothing; with one, a source may send only the types its matching entries name.
 */
export function furnisherAllows(policy: Policy, source: string, type: string): boolean {
  if (!policy.furnishers) return true;
  return Object.entries(policy.furnishers).some(
    ([pattern, grant]) => codeMatches(pattern, source) && grant.recordTypes.some((t) => codeMatches(t, type)),
  );
}
