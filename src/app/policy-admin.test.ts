import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { policyVersion } from '../core/policy/policy-version.js';
import { defaultPolicy } from '../../test/support/default-policy.js';
import { initRegistry } from './init-registry.js';
import { activatePolicy } from './policy-admin.js';
import { openRegistry, type Registry } from './registry.js';

describe('activatePolicy', () => {
  let dir = '';
  let registry: Registry | undefined;
  afterEach(async () => {
    await registry?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches back and forth at one fixed instant, each activation later than the one before', async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinyong-policy-'));
    registry = await openRegistry({ dbPath: join(dir, 'r.db'), masterKey: Buffer.alloc(32, 2).toString('base64'), clock: '2026-01-01T00:00:00Z' }, true);
    await initRegistry(registry);
    const original = defaultPolicy();
    const variant = defaultPolicy();
    variant.lists.dishonest_judgment_debtors!.term = 'P1Y';
    const checked = (p: typeof original) => ({ policy: p, version: policyVersion(p) });
    for (const p of [variant, original, variant]) {
      await activatePolicy(registry, checked(p), '# test');
      expect((await registry.store.activePolicy())?.version).toBe(policyVersion(p));
    }
    const times = (await registry.store.policyVersions()).flatMap((v) => v.activatedAt).sort();
    expect(new Set(times).size).toBe(times.length);
    expect(times.at(-1)).toBe('2026-01-01T00:00:00.003Z');
  });
});
