import type { SubjectState } from '../core/decisions/subject-state.js';

interface Entry {
  state: SubjectState;
  policyVersion: string;
  generation: number;
  cachedAt: number;
}

/**
 * Decision states of recently asked-about subjects. An entry serves a decision "now" for at most
 * `maxAgeMs` (so time-driven changes such as a listing's end are seen within that), and every entry
 * is dropped the moment any record is ingested (a record about a company changes its officers' state).
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly maxAgeMs = 1000,
    private readonly limit = 100_000,
  ) {}

  get(subjectId: string, policyVersion: string, nowMs: number): SubjectState | undefined {
    const e = this.entries.get(subjectId);
    if (!e || e.generation !== this.generation || e.policyVersion !== policyVersion || nowMs - e.cachedAt > this.maxAgeMs) return undefined;
    return e.state;
  }

  set(subjectId: string, policyVersion: string, state: SubjectState, nowMs: number): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(subjectId, { state, policyVersion, generation: this.generation, cachedAt: nowMs });
  }

  /** Forget everything: records changed. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
