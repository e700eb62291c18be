import { readFileSync } from 'node:fs';
import { Errors } from '../core/errors.js';
import { defaultPolicyPath } from './package-root.js';
import { activatePolicy, checkPolicyText } from './policy-admin.js';
import type { Registry } from './registry.js';
import { XyFailure } from './xy-failure.js';

/** Create or migrate the store and, when no policy is active yet, activate the default policy. */
export async function initRegistry(registry: Registry): Promise<{ policyVersion: string; policyLoaded: boolean }> {
  await registry.store.migrate();
  const active = await registry.store.activePolicy();
  if (active) return { policyVersion: active.version, policyLoaded: false };
  const file = defaultPolicyPath();
  const text = readFileSync(file, 'utf8');
  const checked = checkPolicyText(text, file);
  if (!checked.ok) throw new XyFailure(checked.errors[0] ?? Errors.POLICY_INVALID('the default policy does not load'));
  await activatePolicy(registry, checked.value, text);
  return { policyVersion: checked.value.version, policyLoaded: true };
}
