import type { Principal } from '../../core/access/authorize.js';
import type { DueProcessCase } from '../../core/due-process/case-types.js';
import { recordErasureDue } from './record-erasure.js';
import { erasureDueAt } from '../../core/due-process/erasure-due-at.js';
import { objectionAt } from '../../core/due-process/objection.js';
import { repairAt } from '../../core/due-process/repair.js';
import { escalationOf } from '../../core/lists/escalation-of.js';
import type { ListEntry } from '../../core/lists/list-entry.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import type { AuditEventInput } from '../../core/audit/audit-event.js';
import { auditEventOf } from '../operator.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import type { Registry } from '../registry.js';
import type { SubjectEvaluator } from '../subject-evaluator.js';
import { startsLater, triggerFacts } from './trigger-facts.js';
import { erasedNotice, listStartedNotice, objectionOutcomeNotice, repairNotice, warningNotice, type Draft } from './notices.js';

/** The scheduler, as it appears in the audit log. */
export const SCHEDULER: Principal = {
  id: 'system:scheduler', role: 'admin', source: null, subjectId: null, actions: [], purposes: [], label: 'scheduler',
};

export interface TickSummary {
  at: string;
  /** Objections whose deadline passed unanswered (records suppressed). */
  lapsed: number;
  /** Repair applications decided by their deadline (the policy's automatic decision). */
  repairsDecided: number;
  /** Records erased at the end of their retention period. */
  erased: number;
  /** Subjects whose derived state was recomputed because time changed it. */
  subjects: number;
  notices: number;
}

const BATCH = 500;

/**
 * Everything that falls due by `now`: deadlines of objections and repairs, ends of publication and
 * list terms, escalation warnings, erasure after retention. Each transition is dated at its due
 * instant, and every notice has a key, so running twice, or late, ends in the same state as
 * running once on time.
 */
export async function runTick(registry: Registry, evaluator: SubjectEvaluator, now: string): Promise<TickSummary> {
  const summary: TickSummary = { at: now, lapsed: 0, repairsDecided: 0, erased: 0, subjects: 0, notices: 0 };
  const { store } = registry;
  // Subjects whose cases moved are settled below with the rest (not merely refreshed: a refresh
  // looks only forward, and their own overdue erasures must not be skipped).
  const touched = new Set<string>();
  // Cases whose record reached its erasure first go with the record (below), unanswered or not.
  const outlived = new Set<string>();
  for (;;) {
    const due: DueProcessCase[] = [];
    for (const c of await store.openCasesDue(now, BATCH + outlived.size)) {
      if (outlived.has(c.id)) continue;
      touched.add(c.subjectId);
      if (await erasedBefore(registry, evaluator.policy, c)) outlived.add(c.id);
      else due.push(c);
    }
    if (due.length === 0) break;
    const audits: AuditEventInput[] = [];
    await store.transaction(async (tx) => {
      for (const c of due) {
        const settled = settle(c, now, evaluator.policy);
        await tx.saveCase(settled);
        if (settled.kind === 'objection') summary.lapsed++;
        else summary.repairsDecided++;
        summary.notices += await tx.addNotices([withId(registry, settled.kind === 'objection' ? objectionOutcomeNotice(settled) : repairNotice(settled))]);
        audits.push(auditEventOf(registry, SCHEDULER, settled.kind === 'objection' ? 'objection.lapse' : 'repair.deadline', {
          caseId: settled.id, status: settled.status, dueAt: settled.dueAt, source: settled.source, ref: settled.ref,
        }, settled.subjectId));
      }
      // Last, as everywhere: the audit append serialises writers until commit (on PostgreSQL, a lock).
      await registry.audit.within(tx).appendMany(audits.splice(0));
    });
  }
  const seen = new Set<string>();
  for (;;) {
    const pending = [...touched].filter((id) => !seen.has(id)).slice(0, BATCH);
    const ids = pending.length > 0 ? pending : (await store.subjectsDueBy(now, BATCH)).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    ids.forEach((id) => seen.add(id));
    await store.transaction((tx) => settleSubjects(registry, tx, evaluator.on(tx), ids, now, summary));
  }
  return summary;
}

async function erasedBefore(registry: Registry, policy: Policy, c: DueProcessCase): Promise<boolean> {
  const erasure = await recordErasureDue(registry.store, policy, c.recordId, c.dueAt);
  return erasure === undefined || (erasure !== null && erasure <= c.dueAt);
}

function settle(c: DueProcessCase, now: string, policy: Policy): DueProcessCase {
  return c.kind === 'objection' ? objectionAt(c, now) : repairAt(c, now, policy);
}

/** Erase what is past retention, send warnings and listing notices now due, and recompute. */
async function settleSubjects(registry: Registry, store: RegistryStore, evaluator: SubjectEvaluator, ids: readonly string[], now: string, summary: TickSummary) {
  const { policy } = evaluator;
  const drafts: Draft[] = [];
  let evaluations = await evaluator.evaluate(ids, now);
  let erasedAny = false;
  const audits: AuditEventInput[] = [];
  for (const e of evaluations.values()) {
    for (const s of e.records) {
      const due = erasureDueAt(policy, s.head);
      if (due === null || due > now) continue;
      const erased = await store.eraseRecord(s.head.source, s.head.ref, now);
      if (!erased) continue;
      erasedAny = true;
      summary.erased++;
      drafts.push(erasedNotice(e.subjectId, erased.source, erased.ref, due));
      audits.push(auditEventOf(registry, SCHEDULER, 'record.erased', {
        source: erased.source, ref: erased.ref, type: s.head.type, revisions: erased.revisions, retentionEndedAt: due,
      }, e.subjectId));
    }
  }
  if (erasedAny) evaluations = await evaluator.evaluate(ids, now);
  for (const e of evaluations.values()) {
    // Every warning and every entry begun by now, not only those in force: a late tick sends what
    // an on-time tick would have sent (dated when it was due), so both end in the same state.
    for (const entry of e.entries) {
      if (entry.startedAt <= now && policy.lists[entry.list]?.kind !== 'red' && startsLater(e, entry)) drafts.push(listStartedNotice(entry, triggerFacts(policy, e, entry)));
      const escalation = escalationOf(policy, entry);
      if (escalation?.warnedAt !== undefined && escalation.warnedAt <= now && wasDueWhenWarned(entry, escalation)) {
        drafts.push(warningNotice({
          list: escalation.target, fromList: entry.list, subjectId: entry.subjectId, trigger: [...entry.trigger],
          warnedAt: escalation.warnedAt, escalatesAt: escalation.escalatesAt,
        }, whatToDo(policy, entry.list)));
      }
    }
  }
  summary.notices += await store.addNotices(drafts.map((d) => withId(registry, d)));
  await evaluator.refresh(ids, now);
  await registry.audit.within(store).appendMany(audits);
  summary.subjects += ids.length;
}

/**
 * Whether, at its warning date, the entry was still headed for escalation: it is now, or it ended
 * after that date by something that happened later (a resolution, retraction or repair).
 */
function wasDueWhenWarned(entry: ListEntry, escalation: { due: boolean; warnedAt?: string | undefined }): boolean {
  if (escalation.due) return true;
  return escalation.warnedAt !== undefined && entry.endsAt > escalation.warnedAt && ['resolved', 'retracted', 'repaired'].includes(entry.endReason);
}

function whatToDo(policy: Policy, fromList: string): string {
  const list = policy.lists[fromList];
  return `Correct what put you on ${fromList} (${list?.description ?? 'see the record'}) and ask the furnisher to report it resolved before the date; ` +
    'once resolved the entry ends and the escalation does not happen.';
}

const withId = (registry: Registry, d: Draft) => ({ ...d, id: registry.newId() });
