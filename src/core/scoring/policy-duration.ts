import { parseDuration, type Duration } from '../time/duration.js';

/**
 * A duration from an active policy. Policies are checked before activation, so a bad one here is
 * a programming error (an unchecked policy reached scoring), not an input error: fail loudly.
 */
export function policyDuration(text: string, what: string): Duration {
  const duration = parseDuration(text);
  if (duration === undefined) throw new Error(`${what} "${text}" is not an ISO 8601 duration; was the policy checked?`);
  return duration;
}
