import type { RegistryStore } from '../../ports/registry-store.js';

const keyOf = (x: { source: string; ref: string }) => `${x.source}\u0000${x.ref}`;

/**
 * Cases follow their records. After a link or an unlink changed whose records some are, every
 * objection or repair about those records is kept under the subject that now reads them, so the
 * case keeps pausing, suppressing or repairing the record wherever it counts.
 */
export async function rehomeCases(tx: RegistryStore, subjectIds: readonly string[]): Promise<number> {
  const ids = [...new Set(subjectIds)];
  const [revisions, cases] = await Promise.all([tx.revisionsOfSubjects(ids), tx.casesOfSubjects(ids)]);
  const owner = new Map<string, string>();
  for (const [id, rows] of revisions) for (const r of rows) if (r.subjectId === id) owner.set(keyOf(r), id);
  let moved = 0;
  for (const list of cases.values()) {
    for (const c of list) {
      const now = owner.get(keyOf(c));
      if (now === undefined || now === c.subjectId) continue;
      await tx.saveCase({ ...c, subjectId: now });
      moved++;
    }
  }
  return moved;
}
