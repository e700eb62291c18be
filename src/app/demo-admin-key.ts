import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseApiKey } from '../core/access/api-key.js';
import { createApiKey } from './api-keys.js';
import { auditWrite, OPERATOR } from './operator.js';
import { activePolicy, type Registry } from './registry.js';

/**
 * The admin key `npm start` prints: created once for a demo store and kept beside it (mode 0600),
 * since the registry itself keeps only the hash of a key's secret.
 */
export async function demoAdminKey(registry: Registry, dbPath: string): Promise<string> {
  const file = join(dirname(dbPath), 'demo-admin.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    const parsed = parseApiKey(key);
    const stored = parsed && (await registry.store.apiKey(parsed.id));
    if (stored && !stored.revokedAt) return key;
  }
  const { policy } = await activePolicy(registry);
  const created = await createApiKey(registry, policy, { role: 'admin', label: 'demo admin (npm start)' });
  await auditWrite(registry, OPERATOR, 'keys.create', { id: created.id, role: created.role, demo: true });
  writeFileSync(file, created.key + '\n', { mode: 0o600 });
  return created.key;
}
