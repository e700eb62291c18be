import type { Policy } from '../policy/policy-schema.js';

/** The days on which deadlines counted in working days run. */
export interface WorkingCalendar {
  /** UTC offset (`+08:00`, or `Z`) that decides which calendar day an instant falls on. */
  readonly timeZone: string;
  /** Non-working dates besides Saturdays and Sundays (`YYYY-MM-DD`). */
  readonly holidays: readonly string[];
  /** Saturdays and Sundays that are working days (China's 调休 make-up days). */
  readonly workingWeekends: readonly string[];
}

/** The policy's `dueProcess` section with every default filled in. */
export interface DueProcessRules extends WorkingCalendar {
  readonly objection: { readonly answerWithin: string; readonly extension: string };
  readonly repair: { readonly decideWithinWorkingDays: number; readonly onDeadline: 'approve' | 'reject' };
  /** How long a record's personal data is kept after its publication ends (its maximum term). */
  readonly retention: string;
  /** Whether minor-severity records are published to relying parties (make list entries). */
  readonly publishMinor: boolean;
}

export const DUE_PROCESS_DEFAULTS: DueProcessRules = {
  objection: { answerWithin: 'P30D', extension: 'P15D' },
  repair: { decideWithinWorkingDays: 3, onDeadline: 'approve' },
  retention: 'P5Y',
  publishMinor: false,
  timeZone: '+08:00',
  holidays: [],
  workingWeekends: [],
};

/** The due-process rules of a policy: what it sets, and the defaults for what it leaves out. */
export function dueProcessRules(policy: Policy): DueProcessRules {
  const d = policy.dueProcess ?? {};
  const base = DUE_PROCESS_DEFAULTS;
  return {
    objection: {
      answerWithin: d.objection?.answerWithin ?? base.objection.answerWithin,
      extension: d.objection?.extension ?? base.objection.extension,
    },
    repair: {
      decideWithinWorkingDays: d.repair?.decideWithinWorkingDays ?? base.repair.decideWithinWorkingDays,
      onDeadline: d.repair?.onDeadline ?? base.repair.onDeadline,
    },
    retention: d.retention ?? base.retention,
    publishMinor: d.publishMinor ?? base.publishMinor,
    timeZone: d.timeZone ?? base.timeZone,
    holidays: d.holidays ?? base.holidays,
    workingWeekends: d.workingWeekends ?? base.workingWeekends,
  };
}

/** How a repair of a record of `typeCode` is decided: the type's `repairDecision`, else the policy default. */
export function repairDecisionOf(policy: Policy, typeCode: string): { withinWorkingDays: number; onDeadline: 'approve' | 'reject' } {
  const type = Object.hasOwn(policy.recordTypes, typeCode) ? policy.recordTypes[typeCode] : undefined;
  const own = type?.kind === 'conduct' ? type.repairDecision : undefined;
  const { repair } = dueProcessRules(policy);
  return {
    withinWorkingDays: own?.withinWorkingDays ?? repair.decideWithinWorkingDays,
    onDeadline: own?.onDeadline ?? repair.onDeadline,
  };
}
