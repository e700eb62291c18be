import type { Policy } from '../core/policy/policy-schema.js';
import type { Evaluation } from '../core/subject/evaluate-subject.js';
import type { RegistryStore } from '../ports/registry-store.js';
import { gradeDropNotice, listStartedNotice, type Draft } from './due-process/notices.js';
import { triggerFacts } from './due-process/trigger-facts.js';
import { SubjectEvaluator } from './subject-evaluator.js';

/**
 * The ingest hook that keeps scores and list entries current, in the batch's own transaction.
 * With `newId`, it also tells each subject of adverse changes the batch made: a grade that fell,
 * a list entry that began (at most four reasons each, and how to contest them).
 */
export function deriveWith(policy: Policy, policyVersion: string, newId?: () => string) {
  return async (tx: RegistryStore, subjectIds: readonly string[], asOf: string): Promise<void> => {
    const evaluator = new SubjectEvaluator(tx, policy, policyVersion);
    if (!newId) {
      await evaluator.refresh(subjectIds, asOf);
      return;
    }
    const drafts = (await evaluator.refreshComparing(subjectIds, asOf)).flatMap((c) => adverseChanges(policy, c.before, c.after));
    if (drafts.length > 0) await tx.addNotices(drafts.map((d) => ({ ...d, id: newId() })));
  };
}

/** Notices for what got worse between two evaluations of one subject at one instant. */
export function adverseChanges(policy: Policy, before: Evaluation, after: Evaluation): Draft[] {
  const drafts: Draft[] = [];
  const floor = (grade: string) => policy.grades.find((g) => g.grade === grade)?.min ?? 0;
  if (floor(after.score.grade) < floor(before.score.grade)) {
    drafts.push(gradeDropNotice(after.subjectId, before.score.grade, after.score.grade, after.asOf, after.score.reasons));
  }
  const known = new Set(before.entries.filter((e) => e.active).map((e) => `${e.list}\u0000${e.startedAt}\u0000${e.trigger.join(',')}`));
  for (const e of after.entries) {
    if (!e.active || policy.lists[e.list]?.kind === 'red') continue;
    if (!known.has(`${e.list}\u0000${e.startedAt}\u0000${e.trigger.join(',')}`)) drafts.push(listStartedNotice(e, triggerFacts(policy, after, e)));
  }
  return drafts;
}
