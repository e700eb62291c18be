import { describe, expect, it } from 'vitest';
import { freshPolicy } from '../policy/test-policy.js';
import { DUE_PROCESS_DEFAULTS, dueProcessRules, repairDecisionOf } from './due-process-rules.js';

describe('dueProcessRules', () => {
  it('fills in every default when the policy has no section', () => {
    const p = freshPolicy();
    delete p.dueProcess;
    expect(dueProcessRules(p)).toEqual(DUE_PROCESS_DEFAULTS);
    expect(DUE_PROCESS_DEFAULTS).toMatchObject({ objection: { answerWithin: 'P30D', extension: 'P15D' }, retention: 'P5Y', publishMinor: false, timeZone: '+08:00' });
  });

  it('takes what the policy sets, member by member', () => {
    const p = freshPolicy();
    p.dueProcess = { objection: { extension: 'P10D' }, repair: { onDeadline: 'reject' }, publishMinor: true };
    expect(dueProcessRules(p)).toEqual({
      ...DUE_PROCESS_DEFAULTS, objection: { answerWithin: 'P30D', extension: 'P10D' }, repair: { decideWithinWorkingDays: 3, onDeadline: 'reject' }, publishMinor: true,
    });
  });

  it('lets a record type override the repair decision', () => {
    const p = freshPolicy();
    const type = p.recordTypes['commercial.administrative_penalty'];
    if (type?.kind === 'conduct') type.repairDecision = { withinWorkingDays: 5 };
    expect(repairDecisionOf(p, 'commercial.administrative_penalty')).toEqual({ withinWorkingDays: 5, onDeadline: 'approve' });
    expect(repairDecisionOf(p, 'commercial.contract_breach')).toEqual({ withinWorkingDays: 3, onDeadline: 'approve' });
    expect(repairDecisionOf(p, 'constructor')).toEqual({ withinWorkingDays: 3, onDeadline: 'approve' });
  });

  it('ships the 2026 calendar in the default policy', () => {
    const rules = dueProcessRules(freshPolicy());
    expect(rules.holidays).toHaveLength(33);
    expect(rules.workingWeekends).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});
