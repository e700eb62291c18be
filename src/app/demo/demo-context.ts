/**
 * What the demo generators share: the seeded random source, the policy (a record the policy would
 * refuse is never emitted), the fixed `now`, and the growing list of records in contract form.
 */
import type { Policy, Severity, SubjectKind } from '../../core/policy/policy-schema.js';
import type { DemoRegion, OrgClass } from './demo-identities.js';
import type { SubjectClass } from './demo-rates.js';
import type { SeededRandom } from './seeded-random.js';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
  name: string;
}

/** One line of the ingest contract (design.md section 3). A type alias, so it is a plain JSON object. */
export type DemoRecord = {
  source: string;
  ref: string;
  revision: number;
  type: string;
  /** Without `id` (or with a masked one) when the furnisher publishes no full number: linkage finds the subject. */
  subject: Omit<SubjectRef, 'id'> & { id?: string };
  related?: SubjectRef;
  occurredAt: string;
  severity?: Severity;
  amount?: number;
  status: 'active' | 'resolved' | 'retracted';
  attributes?: Record<string, unknown>;
};

interface DemoSubjectBase extends SubjectRef {
  subjectClass: SubjectClass;
  /** Where the subject lives or is registered: courts and authorities come from here. */
  region: DemoRegion;
  /** Earliest date conduct can be recorded: adulthood or founding. */
  since: string;
  /** Factor on adverse conduct shares (see RISK_LEVELS). */
  risk: number;
  /** Loans recorded so far, for guarantees. */
  loans: Array<{ source: string; ref: string; date: string }>;
  /** True once an adverse record (of any outcome) was emitted for the subject. */
  adverse: boolean;
  /** Never given adverse conduct (the featured legal representative). */
  keepClean?: boolean;
}

export interface DemoPerson extends DemoSubjectBase {
  kind: 'person';
  subjectClass: 'person';
  birthDate: string;
}

export interface DemoOrg extends DemoSubjectBase {
  kind: 'org';
  subjectClass: OrgClass;
  founded: string;
  /** The registration file number, used in relation references (never the identity number). */
  registration: string;
}

export type DemoSubject = DemoPerson | DemoOrg;

const DAY_MS = 86_400_000;

export class DemoContext {
  readonly records: DemoRecord[] = [];
  /** Midnight UTC of `now`'s date, in ms: generated dates are whole days no later than it. */
  readonly todayMs: number;
  private serial = 0;
  // Formatting and parsing dates dominates generation time without these (a few tens of thousands of days at most).
  private readonly dates = new Map<number, string>();
  private readonly ages = new Map<string, number>();

  constructor(
    readonly random: SeededRandom,
    readonly policy: Policy,
    now: string,
  ) {
    const ms = Date.parse(now);
    if (Number.isNaN(ms)) throw new RangeError(`now must be an ISO 8601 instant, got "${now}"`);
    this.todayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  }

  /** A number unique within this population, for furnisher references. */
  next(): number {
    return ++this.serial;
  }

  /** `YYYY-MM-DD`, `days` before today (0 = today). */
  daysAgo(days: number): string {
    const d = Math.max(0, days);
    let date = this.dates.get(d);
    if (date === undefined) {
      date = isoDate(this.todayMs - d * DAY_MS);
      this.dates.set(d, date);
    }
    return date;
  }

  /** Whole days from `date` to today (negative if `date` is later). */
  ageInDays(date: string): number {
    let age = this.ages.get(date);
    if (age === undefined) {
      age = Math.round((this.todayMs - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
      this.ages.set(date, age);
    }
    return age;
  }

  /**
   * A date between `minDays` and `maxDays` before today, never before the subject's `since`
   * (a company cannot default before it exists); `undefined` when the window is empty.
   */
  dateFor(subject: DemoSubject, minDays: number, maxDays: number): string | undefined {
    const limit = Math.min(maxDays, this.ageInDays(subject.since));
    if (limit < minDays) return undefined;
    return this.daysAgo(this.random.int(minDays, limit));
  }

  /** A date `days` after (negative: before) `date`, but never after today. */
  shift(date: string, days: number): string {
    return this.daysAgo(this.ageInDays(date) - days);
  }

  /**
   * Append a record if the policy accepts it as written: its type exists and applies to the
   * subject (and related) kind; a severity the type does not know is left out for the default.
   */
  emit(record: DemoRecord): DemoRecord | undefined {
    const def = Object.hasOwn(this.policy.recordTypes, record.type) ? this.policy.recordTypes[record.type] : undefined;
    if (!def || !def.subjectKinds.includes(record.subject.kind)) return undefined;
    if (def.kind === 'relation') {
      if (!record.related || !def.relatedKinds.includes(record.related.kind)) return undefined;
    } else if (record.severity !== undefined && !def.severities.includes(record.severity)) {
      delete record.severity;
    }
    this.records.push(record);
    return record;
  }

  /** A later revision of the same record: same source, ref and occurredAt, a new status. */
  revise(record: DemoRecord, status: 'resolved' | 'retracted'): void {
    this.records.push({ ...record, revision: record.revision + 1, status });
  }

  /** Resolve or retract a record at the type's usual rates; returns what happened. */
  settle(record: DemoRecord | undefined, rates: { resolved: number; retracted: number } | undefined): 'active' | 'resolved' | 'retracted' {
    if (!record || !rates) return 'active';
    const roll = this.random.next();
    if (roll < rates.retracted) {
      this.revise(record, 'retracted');
      return 'retracted';
    }
    if (roll < rates.retracted + rates.resolved) {
      this.revise(record, 'resolved');
      return 'resolved';
    }
    return 'active';
  }
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const refOf = (s: SubjectRef): SubjectRef => ({ kind: s.kind, id: s.id, name: s.name });
