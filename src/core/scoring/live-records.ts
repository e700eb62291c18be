import type { Policy } from '../policy/policy-schema.js';
import { termOf } from '../policy/term-of.js';
import type { RecordState, RevisionFacts } from '../records/record-state.js';
import type { RecordStatus } from '../records/record-input.js';
import { addDuration } from '../time/duration.js';
import { conductTypeOf, severityOf } from './conduct-type.js';
import { policyDuration } from './policy-duration.js';

const NONE: ReadonlySet<string> = new Set();

/** The key of a furnisher record (source + ref), as used in `suppressed` sets. */
export function recordKey(head: Pick<RevisionFacts, 'source' | 'ref'>): string {
  return `${head.source}\u0000${head.ref}`;
}

/**
 * Whether a record counts towards the score at `asOf`: a conduct record that has happened, is not
 * withdrawn, suppressed (a lapsed objection) or repaired by then, and is still within its maximum
 * publication term. `state` is already the record as known at `asOf`.
 */
export function isLive(state: RecordState, policy: Policy, asOf: string, suppressed: ReadonlySet<string> = NONE): boolean {
  const { head } = state;
  const type = conductTypeOf(policy, head.type);
  if (type === undefined) return false;
  const at = Date.parse(asOf);
  if (Date.parse(head.occurredAt) > at) return false;
  if (!statusCounts(head.status)) return false;
  if (suppressed.has(recordKey(head))) return false;
  // A repair is not retroactive: before its approval the record counted.
  if (state.repairedAt !== undefined && Date.parse(state.repairedAt) <= at) return false;
  const { max } = termOf(policy, head.type, severityOf(type, head));
  return at < Date.parse(addDuration(head.occurredAt, policyDuration(max, `publication term of ${head.type}`)));
}

/**
 * Retraction means the furnisher withdrew the record: it never counted. Resolution (the debt paid)
 * ends the conduct but not its history, so a resolved record keeps counting until its term ends.
 * This is the one place to change if a policy should stop counting resolved records.
 */
function statusCounts(status: RecordStatus): boolean {
  return status !== 'retracted';
}
