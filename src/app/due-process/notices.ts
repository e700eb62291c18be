import type { Objection, Repair } from '../../core/due-process/case-types.js';
import type { ListEntry, ListWarning } from '../../core/lists/list-entry.js';
import type { ScoreReason } from '../../core/scoring/score-types.js';
import type { Notice } from '../../ports/registry-store.js';

/** How a subject contests what a notice is about: said the same way in every notice. */
export const HOW_TO_CONTEST =
  'To contest a record, file an objection (POST /v1/objections with the record id and a statement, or ask the registry operator); ' +
  'the furnisher must answer within the policy deadline, and until then the record is shown as disputed.';

/** A notice without its id: `send` gives it one. Keys say what it is about, so sending twice stores once. */
export type Draft = Omit<Notice, 'id'>;

const toSubject = (subjectId: string, key: string, at: string, kind: string, body: Record<string, unknown>): Draft => ({
  key, recipient: `subject:${subjectId}`, subjectId, at, kind, body,
});

export function objectionFiledNotices(o: Objection): Draft[] {
  const about = { objectionId: o.id, recordId: o.recordId, source: o.source, ref: o.ref, type: o.type };
  return [
    { key: `objection:${o.id}:filed:source`, recipient: `source:${o.source}`, subjectId: o.subjectId, at: o.filedAt, kind: 'objection.filed',
      body: { ...about, statement: o.statement, answerBy: o.dueAt, outcomes: ['upheld', 'corrected', 'withdrawn'],
        consequence: 'unanswered by the deadline, the record is suppressed until you certify it' } },
    toSubject(o.subjectId, `objection:${o.id}:filed`, o.filedAt, 'objection.filed', { ...about, answerBy: o.dueAt,
      meanwhile: 'the record is shown as disputed; measures that deny consumption are paused while it is' }),
  ];
}

export function objectionExtendedNotice(o: Objection, at: string): Draft {
  return { key: `objection:${o.id}:extended`, recipient: `source:${o.source}`, subjectId: o.subjectId, at, kind: 'objection.extended',
    body: { objectionId: o.id, recordId: o.recordId, ref: o.ref, answerBy: o.dueAt, addition: o.additions.at(-1)?.text ?? '' } };
}

/** The subject hears every outcome, the lapse included (the record is suppressed). */
export function objectionOutcomeNotice(o: Objection): Draft {
  const at = o.status === 'lapsed' ? o.lapsedAt! : o.resolvedAt!;
  const meaning: Record<string, string> = {
    upheld: 'the furnisher stands by the record; your statement stays on file beside it',
    corrected: 'the furnisher corrects the record; the corrected revision replaces it',
    withdrawn: 'the furnisher withdrew the record; it no longer counts',
    lapsed: 'the furnisher did not answer in time: the record is suppressed (it does not count and relying parties do not see it) until the furnisher certifies it',
    certified: 'the furnisher certified the record after the deadline: it counts again; your statement stays on file beside it',
  };
  return toSubject(o.subjectId, `objection:${o.id}:${o.status}`, at, `objection.${o.status}`, {
    objectionId: o.id, recordId: o.recordId, source: o.source, ref: o.ref, outcome: o.status, meaning: meaning[o.status] ?? o.status,
    ...(o.note ? { note: o.note } : {}),
  });
}

export function repairNotice(r: Repair): Draft {
  const at = r.status === 'pending' ? r.appliedAt : r.decidedAt!;
  const meaning = r.status === 'pending'
    ? `decision due by ${r.dueAt}`
    : r.status === 'approved'
      ? 'the record is no longer published and the list entries it caused have ended'
      : `the application was refused${r.note ? `: ${r.note}` : ''}; you may apply again once the reason is dealt with`;
  return toSubject(r.subjectId, `repair:${r.id}:${r.status}`, at, `repair.${r.status}`, {
    repairId: r.id, recordId: r.recordId, source: r.source, ref: r.ref, status: r.status, decidedBy: r.decidedBy, meaning,
  });
}

/** A record behind a list entry, as a notice names it: the facts, never points that change with time. */
export interface TriggerFacts {
  recordId: string;
  type: string;
  source: string;
  ref: string;
  occurredAt: string;
  legalBasis: string | null;
}

/** A list entry began (a new record, or an escalation): adverse, with its records (at most four) and how to contest. */
export function listStartedNotice(entry: ListEntry, triggers: readonly TriggerFacts[]): Draft {
  return toSubject(entry.subjectId, `list:${entry.list}:${entry.startedAt}:${entry.trigger.join(',')}`, entry.startedAt, 'adverse.list_entry', {
    list: entry.list, listKind: entry.listKind, startedAt: entry.startedAt, endsAt: entry.endsAt,
    ...(entry.escalatedFrom ? { escalatedFrom: entry.escalatedFrom } : {}),
    reasons: triggers.slice(0, 4), howToContest: HOW_TO_CONTEST,
  });
}

export function gradeDropNotice(subjectId: string, from: string, to: string, at: string, reasons: readonly ScoreReason[]): Draft {
  return toSubject(subjectId, `grade:${at}:${from}>${to}`, at, 'adverse.grade_drop', {
    from, to, reasons: keyReasons(reasons, []), howToContest: HOW_TO_CONTEST,
  });
}

export function denyNotice(subjectId: string, at: string, action: string, measures: ReadonlyArray<{ id: string; legalBasis: string; remedy: string; trigger?: { record?: { id: string } } }>): Draft {
  const ids = measures.map((m) => m.id).sort();
  return toSubject(subjectId, `deny:${at.slice(0, 10)}:${action}:${ids.join(',')}`, at, 'adverse.decision_deny', {
    action,
    reasons: measures.slice(0, 4).map((m) => ({ measure: m.id, recordId: m.trigger?.record?.id ?? null, legalBasis: m.legalBasis, remedy: m.remedy })),
    howToContest: HOW_TO_CONTEST,
  });
}

export function warningNotice(w: ListWarning, whatToDo: string): Draft {
  return toSubject(w.subjectId, `warning:${w.fromList}>${w.list}:${w.escalatesAt}:${w.trigger.join(',')}`, w.warnedAt, 'warning.escalation', {
    fromList: w.fromList, list: w.list, escalatesAt: w.escalatesAt, trigger: w.trigger, whatToDo,
  });
}

export function erasedNotice(subjectId: string, source: string, ref: string, at: string): Draft {
  return toSubject(subjectId, `erased:${source}:${ref}`, at, 'record.erased', {
    source, ref, meaning: 'the retention period ended: the record and its personal data were erased; the audit log keeps only that it existed',
  });
}

/** At most four reasons, as an adverse-action notice gives: the records named first, then the costliest. */
export function keyReasons(reasons: readonly ScoreReason[], named: readonly string[]) {
  const negative = reasons.filter((r) => r.points < 0);
  const ranked = [...negative].sort((a, b) => Number(named.includes(b.recordId)) - Number(named.includes(a.recordId)) || a.points - b.points);
  return ranked.slice(0, 4).map((r) => ({ code: r.code, recordId: r.recordId, dimension: r.dimension, points: r.points, text: r.text }));
}
