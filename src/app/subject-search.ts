import { createRequire } from 'node:module';
import type { SubjectTerm } from '../ports/dashboard-store.js';
import type { RegistryStore, SubjectRow } from '../ports/registry-store.js';

const MAX_TERM = 200;

type Pinyin = typeof import('pinyin-pro').pinyin;
let loaded: Pinyin | undefined;
/** pinyin-pro on first use: its dictionary is a seventh of a second to load, which every CLI command would pay. */
const pinyin: Pinyin = ((...args: Parameters<Pinyin>) =>
  (loaded ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: Pinyin }).pinyin)(...args)) as Pinyin;

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
  /** Catch-ups and rechecks run one at a time: each reads the cursor the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: RegistryStore, private readonly pageSize = 2000) {}

  /** Index up to `maxPages` pages of subjects past the cursor; true once nothing is left. */
  catchUp(maxPages = 5): Promise<boolean> {
    return this.serial(() => this.index(maxPages));
  }

  /**
   * Index again the subjects whose (time-ordered) ids fall in the `marginMs` before the cursor: a
   * write that committed after the cursor had passed its earlier ids is caught here. Terms already
   * stored are ignored; the cursor stays where it is. Returns how many subjects were looked at.
   */
  recheck(marginMs = 30_000): Promise<number> {
    return this.serial(() => this.reindexWindow(marginMs));
  }

  /** Resolves once nothing is running (before the store is closed). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
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

  private async reindexWindow(marginMs: number): Promise<number> {
    const through = await this.store.subjectTermsThrough();
    const at = through ? uuidv7Time(through) : undefined;
    if (!through || at === undefined) return 0;
    let after: string | null = idAtTime(Math.max(0, at - marginMs));
    let seen = 0;
    for (;;) {
      const subjects: SubjectRow[] = (await this.store.subjectPage(after, this.pageSize)).filter((s) => s.id <= through);
      if (subjects.length === 0) return seen;
      seen += subjects.length;
      after = subjects[subjects.length - 1]!.id;
      await this.store.addSubjectTerms(subjects.flatMap((s) => termsOfName(s.name).map((term) => ({ term, subjectId: s.id }))), through);
      if (subjects.length < this.pageSize) return seen;
    }
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

/** The millisecond a UUIDv7 was made (its first 48 bits); undefined for another kind of id. */
export function uuidv7Time(id: string): number | undefined {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(id) ? Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16) : undefined;
}

/** The smallest id of a UUIDv7 made at `ms`: every id made then or later sorts at or after it. */
export function idAtTime(ms: number): string {
  const hex = Math.floor(ms).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
