import { dirname, join } from 'node:path';
import { LocalKeyRing } from '../adapters/key-ring-local/local-key-ring.js';
import { addMasterKey, loadMasterKeys } from '../adapters/key-ring-local/master-key.js';
import { Errors } from '../core/errors.js';
import { auditWrite, OPERATOR } from './operator.js';
import type { Registry } from './registry.js';
import { XyFailure } from './xy-failure.js';

/**
 * Add a new master key and re-seal every stored identity number with it, page by page. Older keys
 * stay in the key file so that nothing becomes unreadable midway; once this finishes they are no
 * longer needed for sealed values (the oldest key still derives the blind index).
 */
export async function rotateMasterKey(registry: Registry, dbPath: string, fromEnv: string | undefined) {
  if (fromEnv) throw new XyFailure(Errors.BAD_ARGUMENT('keys come from XINYONG_MASTER_KEY: rotate by appending a new key to that list, then run this with the file'));
  const file = join(dirname(dbPath), 'xinyong.key');
  addMasterKey(file);
  const ring = new LocalKeyRing(loadMasterKeys({ file, create: false })!);
  let resealed = 0;
  for (let after: string | null = null; ;) {
    const page = await registry.store.subjectPage(after, 1000);
    if (page.length === 0) break;
    const updates = page.flatMap((s) => (s.idSealed ? [{ id: s.id, sealed: ring.seal(ring.open(s.idSealed)) }] : []));
    await registry.store.resealSubjects(updates);
    resealed += updates.length;
    after = page[page.length - 1]!.id;
  }
  await auditWrite(registry, OPERATOR, 'keys.rotate_master', { keyId: ring.currentKeyId, resealed });
  return { keyId: ring.currentKeyId, resealed };
}
