/** The `dueProcess` section: durations that parse, dates that exist, a real UTC offset, a consistent calendar. */
import { isWeekend } from '../due-process/working-days.js';
import { isRealDate } from '../time/calendar-date.js';
import type { PolicyPath, Problems } from './policy-problem.js';
import type { Policy } from './policy-schema.js';

export function checkDueProcess(policy: Policy, problems: Problems): void {
  for (const [code, type] of Object.entries(policy.recordTypes)) {
    if (type.kind === 'conduct' && type.repairDecision !== undefined && type.repair === 'never') {
      problems.invalid(['recordTypes', code, 'repairDecision'], 'is set, but the type is never repaired (repair: never)');
    }
  }
  const d = policy.dueProcess;
  if (d === undefined) return;
  const path = ['dueProcess'] as const;
  problems.duration(d.objection?.answerWithin, [...path, 'objection', 'answerWithin'], true);
  problems.duration(d.objection?.extension, [...path, 'objection', 'extension']);
  problems.duration(d.retention, [...path, 'retention']);
  if (d.timeZone !== undefined && d.timeZone !== 'Z') {
    const [hours, minutes] = [Number(d.timeZone.slice(1, 3)), Number(d.timeZone.slice(4, 6))];
    if (minutes > 59 || hours * 60 + minutes > (d.timeZone.startsWith('-') ? 12 * 60 : 14 * 60)) {
      problems.invalid([...path, 'timeZone'], `is "${d.timeZone}", not a UTC offset between -12:00 and +14:00`);
    }
  }
  const holidays = new Set(d.holidays ?? []);
  realDates(d.holidays ?? [], [...path, 'holidays'], problems);
  realDates(d.workingWeekends ?? [], [...path, 'workingWeekends'], problems).forEach((date, i) => {
    const at = [...path, 'workingWeekends', i];
    if (date === '') return;
    if (!isWeekend(date)) problems.invalid(at, `is ${date}, not a Saturday or Sunday; list only weekend days that are worked`);
    else if (holidays.has(date)) problems.invalid(at, `is ${date}, which is also listed in holidays`);
  });
}

/** Reports dates that do not exist; returns the list with those replaced by '' (indices kept for paths). */
function realDates(dates: readonly string[], path: PolicyPath, problems: Problems): string[] {
  return dates.map((date, i) => {
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    if (isRealDate(y, m, day)) return date;
    problems.invalid([...path, i], `is "${date}", which is not a real date`);
    return '';
  });
}
