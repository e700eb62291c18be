/** Furnisher grants must name record types the policy defines (a pattern that matches nothing is a typo). */
import { Errors } from '../errors.js';
import { codeMatches } from './furnisher-allows.js';
import type { Problems } from './policy-problem.js';
import type { Policy } from './policy-schema.js';

export function checkFurnishers(policy: Policy, problems: Problems): void {
  const types = Object.keys(policy.recordTypes);
  for (const [source, grant] of Object.entries(policy.furnishers ?? {})) {
    grant.recordTypes.forEach((pattern, i) => {
      if (!types.some((t) => codeMatches(pattern, t))) {
        problems.add(Errors.POLICY_BAD_REFERENCE(`furnisher "${source}"`, 'record type', pattern), ['furnishers', source, 'recordTypes', i]);
      }
    });
  }
}
