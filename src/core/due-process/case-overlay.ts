import type { Policy, SubjectKind } from '../policy/policy-schema.js';
import type { RevisionFacts } from '../records/record-state.js';
import { evaluateSubject, type Evaluation } from '../subject/evaluate-subject.js';
import type { DueProcessCase } from './case-types.js';
import { recordMarks, repairedAt } from './record-marks.js';

/** What due process changes about a subject's records at one instant, keyed by `source\u0000ref`. */
export interface CaseOverlay {
  /** Neither counted nor listed (a lapsed objection awaiting certification). */
  suppressed: Set<string>;
  /** Counted until, and listed until, the approval instant of a repair. */
  repaired: Map<string, string>;
  /** Counted and listed, but measures that pause while disputed are paused. */
  disputed: Set<string>;
}

export function caseOverlay(policy: Policy, cases: readonly DueProcessCase[], asOf: string): CaseOverlay {
  const overlay: CaseOverlay = { suppressed: new Set(), repaired: repairedAt(cases, asOf, policy), disputed: new Set() };
  if (cases.length === 0) return overlay;
  for (const [key, mark] of recordMarks(cases, asOf, policy)) {
    if (mark === 'suppressed') overlay.suppressed.add(key);
    else if (mark === 'disputed') overlay.disputed.add(key);
  }
  return overlay;
}

/** evaluateSubject with the subject's due-process cases applied as they stood at `asOf`. */
export function evaluateWithCases(
  policy: Policy, subjectId: string, revisions: readonly RevisionFacts[], cases: readonly DueProcessCase[], asOf: string,
  options: { knownAt?: string; kind?: SubjectKind } = {},
): { evaluation: Evaluation; overlay: CaseOverlay } {
  const overlay = caseOverlay(policy, cases, asOf);
  const evaluation = evaluateSubject(
    policy, subjectId, revisions, asOf,
    { suppressed: overlay.suppressed, repaired: overlay.repaired, ...(options.knownAt ? { knownAt: options.knownAt } : {}) },
    options.kind,
  );
  return { evaluation, overlay };
}
