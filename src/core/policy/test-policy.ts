/** Test helper: the shipped default policy, loaded once (test/support does the file read), and copies to mutate. */
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { Policy } from './policy-schema.js';

const policy: Policy = defaultPolicy();

/** A deep copy of the default policy that a test may change freely. */
export const freshPolicy = (): Policy => structuredClone(policy);
