import { MAX_LINK_DEPTH } from '../../core/linkage/link-keys.js';

/**
 * The end of a subject's chain of standing links: the subject its records are read under. `next`
 * gives the target of the standing link out of a subject, or nothing when it has none.
 */
export async function linkRoot(id: string, next: (id: string) => Promise<string | null | undefined>): Promise<string> {
  let at = id;
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
    const target = await next(at);
    if (!target) return at;
    at = target;
  }
  return at;
}
