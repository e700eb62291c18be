import { listEntries, type ListEntry } from '../lists/list-entries.js';
import { warningsOf, type ListWarning } from '../lists/list-warnings.js';
import type { Policy, SubjectKind } from '../policy/policy-schema.js';
import { recordStates, type RecordState, type RevisionFacts } from '../records/record-state.js';
import { recordKey } from '../scoring/live-records.js';
import { scoreSubject } from '../scoring/score-subject.js';
import type { SubjectScore } from '../scoring/score-types.js';

/** A subject as the registry sees it at one instant: score, list entries, and the records behind them. */
export interface Evaluation {
  subjectId: string;
  asOf: string;
  score: SubjectScore;
  /** Every list entry known at `asOf`, in force or ended. */
  entries: ListEntry[];
  warnings: ListWarning[];
  /** The subject's own conduct records (state at `asOf`). */
  records: RecordState[];
  /** Relation records the subject is a party to, either side. */
  relations: RecordState[];
}

export interface EvaluateOptions {
  /** Records (`source\u0000ref`) suppressed by due process: they neither count nor list. */
  suppressed?: ReadonlySet<string>;
  /**
   * Records (`source\u0000ref`) whose credit repair was approved, with the approval instant
   * (`repairedAt` of the cases known at `knownAt`): from that instant they stop counting, and the
   * list entries they made end then (`repaired`). Before it they count as usual.
   */
  repaired?: ReadonlyMap<string, string>;
  /**
   * Transaction time: revisions received by this instant are known (default `asOf`). A later
   * `knownAt` gives the valid-time view: the subject at `asOf` in the light of what is known now.
   */
  knownAt?: string;
}

/** Score and list one subject from its revisions, as known at `asOf`. Pure and reproducible. */
export function evaluateSubject(
  policy: Policy, subjectId: string, revisions: readonly RevisionFacts[], asOf: string, options: EvaluateOptions = {},
  subjectKind?: SubjectKind,
): Evaluation {
  const states = withRepairs(recordStates(revisions, options.knownAt ?? asOf), options.repaired);
  const isRelation = (s: RecordState) => policy.recordTypes[s.head.type]?.kind === 'relation';
  const suppressed = options.suppressed ?? new Set<string>();
  const records = states.filter((s) => s.head.subjectId === subjectId && !isRelation(s));
  const counted = records.filter((s) => !suppressed.has(`${s.head.source}\u0000${s.head.ref}`));
  const score = scoreSubject(policy, counted, asOf, { suppressed });
  const kind = subjectKind ?? revisions.find((r) => r.subjectId === subjectId)?.subjectKind;
  const context = { grade: score.grade, subjectId, ...(kind ? { subjectKind: kind } : {}) };
  const entries = listEntries(policy, counted, asOf, context);
  return {
    subjectId,
    asOf,
    score,
    entries,
    warnings: warningsOf(policy, entries, asOf),
    records,
    relations: states.filter(isRelation),
  };
}

function withRepairs(states: RecordState[], repaired: ReadonlyMap<string, string> | undefined): RecordState[] {
  if (repaired === undefined || repaired.size === 0) return states;
  return states.map((s) => {
    const repairedAt = repaired.get(recordKey(s.head));
    return repairedAt === undefined ? s : { ...s, repairedAt };
  });
}
