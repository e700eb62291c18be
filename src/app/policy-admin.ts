import { canonicalJson } from '../core/canonical-json.js';
import type { XyError } from '../core/errors.js';
import { loadPolicy, policyVersion } from '../core/policy/index.js';
import type { Policy } from '../core/policy/policy-schema.js';
import type { RegistryStore } from '../ports/registry-store.js';
import type { Registry } from './registry.js';

export interface CheckedPolicy {
  policy: Policy;
  version: string;
}

/** Validate a policy file's text; all problems are returned, each with file, line and column. */
export function checkPolicyText(text: string, file: string): { ok: true; value: CheckedPolicy } | { ok: false; errors: XyError[] } {
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) return { ok: false, errors: loaded.error };
  return { ok: true, value: { policy: loaded.value, version: policyVersion(loaded.value) } };
}

/** Store a checked policy (every version is kept) and make it the active one. */
export async function activatePolicy(
  registry: Registry, checked: CheckedPolicy, sourceText: string, store: RegistryStore = registry.store,
): Promise<'added' | 'exists'> {
  const now = registry.clock.now();
  const saved = await store.savePolicy({
    version: checked.version,
    name: checked.policy.name,
    content: canonicalJson(checked.policy),
    sourceText,
    createdAt: now,
  });
  const active = await store.activePolicy();
  if (active?.version !== checked.version) {
    // Activations order the policy history: two at one instant (a fixed simulation clock, or a quick
    // switch back) would leave which one is active to chance, so a later one is at least 1 ms later.
    const last = (await store.policyVersions()).flatMap((v) => v.activatedAt).reduce((a, b) => (a > b ? a : b), '');
    const at = last >= now ? new Date(Date.parse(last) + 1).toISOString() : now;
    await store.activatePolicy(checked.version, at);
  }
  return saved;
}
