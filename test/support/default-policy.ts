import { readFileSync } from 'node:fs';
import { defaultPolicyPath } from '../../src/app/package-root.js';
import { loadPolicy } from '../../src/core/policy/index.js';
import type { Policy } from '../../src/core/policy/policy-schema.js';

/** The shipped default policy, parsed; tests fail loudly if it stops loading. */
export function defaultPolicy(): Policy {
  const file = defaultPolicyPath();
  const loaded = loadPolicy(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(`default policy does not load: ${JSON.stringify(loaded.error.slice(0, 3))}`);
  return loaded.value;
}
