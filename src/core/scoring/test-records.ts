/** Test helper: revision facts with sensible defaults, and instants counted in days. */
import type { RevisionFacts } from '../records/record-state.js';

const DAY_MS = 86_400_000;

/** `day('2025-03-01')`, `day('2025-03-01', 10)`: an ISO instant at midnight UTC, optionally moved by days. */
export const day = (date: string, plusDays = 0): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + plusDays * DAY_MS).toISOString();

let counter = 0;

/** A first revision of a dishonest-debtor record; override any field. Each call gets a fresh id and ref. */
export function revision(over: Partial<RevisionFacts> = {}): RevisionFacts {
  counter += 1;
  const id = `rev-${String(counter).padStart(6, '0')}`;
  return {
    id, subjectId: 'subject-1', subjectKind: 'person', relatedSubjectId: null, source: 'court.enforcement', ref: `case-${id}`,
    revision: 1, type: 'judicial.dishonest_debtor', occurredAt: day('2025-03-01'), receivedAt: day('2025-03-02'),
    severity: 'serious', amount: null, status: 'active', attributes: {}, ...over,
  };
}
