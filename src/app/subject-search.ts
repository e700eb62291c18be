import { pinyin } from 'pinyin-pro';
import type { SubjectTerm } from '../ports/dashboard-store.js';
import type { RegistryStore } from '../ports/registry-store.js';

const MAX_TERM = 200;

/** A query or a name as the index keeps it: NFKC, lower case, no spaces or middle dots. */
export function normalizeTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s·・.]+/g, '').slice(0, MAX_TERM);
}

/** What a name is found by: itself, and its toneless pinyin (`张伟` → `zhangwei`), surnames read as surnames. */
export function termsOfName(name: string | null): string[] {
  if (!name) return [];
  const written = normalizeTerm(name);
  if (written === '') return [];
  const spoken = /\p{Script=Han}/u.test(written) ? normalizeTerm(pinyin(name, { toneType: 'none', separator: '', surname: 'head', nonZh: 'consecutive' })) : written;
  return [...new Set([written, spoken])];
}

/**
 * Subjects by name prefix, hanzi or pinyin, through the store's term index. The index follows the
 * subjects table by a cursor over their time-ordered ids: each search first indexes what was added
 * since (a bounded number of pages), and `catchUp` can be run until it is done.
 */
export class SubjectSearch {
  private running: Promise<boolean> | undefined;

  constructor(private readonly store: RegistryStore, private readonly pageSize = 2000) {}

  /** Index up to `maxPages` pages of subjects past the cursor; true once nothing is left. */
  catchUp(maxPages = 5): Promise<boolean> {
    // One catch-up at a time: two would index the same page twice (harmless, but wasted).
    this.running ??= this.index(maxPages).finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Resolves once no catch-up is running (before the store is closed). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Up to `limit` distinct subject ids whose name or pinyin starts with `query`, and where to go on. */
  async byPrefix(query: string, after: SubjectTerm | null, limit: number): Promise<{ ids: string[]; next: SubjectTerm | null }> {
    const prefix = normalizeTerm(query);
    if (prefix === '') return { ids: [], next: null };
    await this.catchUp();
    const terms = await this.store.subjectTermsByPrefix(prefix, after, limit);
    const ids = [...new Set(terms.map((t) => t.subjectId))];
    return { ids, next: terms.length === limit ? terms[terms.length - 1]! : null };
  }

  private async index(maxPages: number): Promise<boolean> {
    let through = await this.store.subjectTermsThrough();
    for (let page = 0; page < maxPages; page++) {
      const subjects = await this.store.subjectPage(through, this.pageSize);
      if (subjects.length === 0) return true;
      through = subjects[subjects.length - 1]!.id;
      const terms = subjects.flatMap((s) => termsOfName(s.name).map((term) => ({ term, subjectId: s.id })));
      await this.store.addSubjectTerms(terms, through);
      if (subjects.length < this.pageSize) return true;
    }
    return false;
  }
}
