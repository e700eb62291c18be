import type { StoredListEntry } from './registry-store.js';

/** One searchable term of a subject (its name as written, or the name in toneless pinyin). */
export interface SubjectTerm {
  term: string;
  subjectId: string;
}

/** Where a page of list entries stopped: the next page starts after this entry. */
export interface ListEntryCursor {
  endsAt: string;
  subjectId: string;
  seq: number;
}

/** Counts over the whole population, for the dashboard's overview (an aggregate, no subject data). */
export interface PopulationCounts {
  subjects: number;
  grades: Array<{ grade: string; count: number }>;
  lists: Array<{ list: string; listKind: string; count: number }>;
  /** Records (first revisions) per furnishing source and month of occurrence, `YYYY-MM`. */
  recordsBySource: Array<{ source: string; month: string; count: number }>;
}

/**
 * What the dashboard needs beyond the registry's own reads: an indexed name search kept beside the
 * subjects, list entries by page, and population counts. Every query is a range on an index.
 */
export interface DashboardStore {
  /** The last subject id (in id order) whose terms are indexed; null when none is. */
  subjectTermsThrough(): Promise<string | null>;
  /** Store terms (a repeated term of a subject is ignored) and move the cursor to `through` (never back), together. */
  addSubjectTerms(terms: readonly SubjectTerm[], through: string): Promise<void>;
  /** Terms starting with `prefix`, in (term, subject id) order after `after`. */
  subjectTermsByPrefix(prefix: string, after: SubjectTerm | null, limit: number): Promise<SubjectTerm[]>;
  /** Entries of `list` in force at `asOf`, ending soonest first, after `after`. */
  listEntriesPage(list: string, asOf: string, after: ListEntryCursor | null, limit: number): Promise<Array<StoredListEntry & { subjectId: string; seq: number }>>;
  /** Grade distribution, list sizes at `asOf` and records per source and month. */
  populationCounts(asOf: string): Promise<PopulationCounts>;
}
