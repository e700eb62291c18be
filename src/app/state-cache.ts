import type { SubjectState } from '../core/decisions/subject-state.js';

interface Entry {
  state: SubjectState;
  policyVersion: string;
  generation: number;
  expiresAtMs: number;
}

/**
 * Decision states of recently asked-about subjects. An entry serves decisions "now" until the
 * first instant time alone would change it (a listing ends, a deadline falls due: `validUntil`),
 * and for at most `maxAgeMs` (a grade drifting across a band as points decay). Every entry is
 * dropped the moment records or cases change, here or in another process (`invalidate`).
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly limit = 100_000,
  ) {}

  get(subjectId: string, policyVersion: string, nowMs: number): SubjectState | undefined {
    const e = this.entries.get(subjectId);
    if (!e || e.generation !== this.generation || e.policyVersion !== policyVersion || nowMs >= e.expiresAtMs) return undefined;
    return e.state;
  }

  set(subjectId: string, policyVersion: string, state: SubjectState, nowMs: number, validUntil: string | null = null): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    const until = validUntil === null ? Infinity : Date.parse(validUntil);
    this.entries.set(subjectId, { state, policyVersion, generation: this.generation, expiresAtMs: Math.min(nowMs + this.maxAgeMs, until) });
  }

  /** Forget everything: records or cases changed. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
