import type { KeyRing } from '../../ports/key-ring.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { blindedLinkKeys, evidenceOfSubject } from './subject-evidence.js';

/**
 * Bring the blocking-key index up to the newest subject. Subjects with a full number are indexed
 * here, lazily, the first time a record needs linking after they arrived: bulk ingest of numbered
 * records pays nothing for linkage. Provisional subjects are indexed when they are created.
 * Returns how many subjects were read.
 */
export async function catchUpLinkKeys(store: RegistryStore, keyRing: KeyRing, pageSize = 5000): Promise<number> {
  let after = await store.linkKeysCursor();
  let read = 0;
  for (;;) {
    const page = await store.subjectPage(after, pageSize);
    if (page.length === 0) return read;
    const rows = page.flatMap((s) => {
      const evidence = evidenceOfSubject(s, keyRing);
      return evidence ? blindedLinkKeys(evidence, keyRing).map((key) => ({ key, subjectId: s.id })) : [];
    });
    after = page.at(-1)!.id;
    await store.addLinkKeys(rows, after);
    read += page.length;
    if (page.length < pageSize) return read;
  }
}
