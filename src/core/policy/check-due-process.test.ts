import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkPolicy } from './check-policy.js';
import { loadPolicy } from './load-policy.js';
import type { Policy } from './policy-schema.js';
import { freshPolicy } from './test-policy.js';

const messages = (p: Policy) => checkPolicy(p).map((e) => `${e.code}: ${e.message}`);
const withDueProcess = (dueProcess: NonNullable<Policy['dueProcess']>): Policy => ({ ...freshPolicy(), dueProcess });

describe('checkPolicy: dueProcess', () => {
  it('accepts the default section, and no section at all', () => {
    expect(freshPolicy().dueProcess?.holidays).toContain('2026-10-01');
    const p = freshPolicy();
    delete p.dueProcess;
    expect(checkPolicy(p)).toEqual([]);
  });

  it('rejects bad durations with their path', () => {
    expect(messages(withDueProcess({ objection: { answerWithin: '30 days', extension: 'P15D' }, retention: 'P5' }))).toEqual([
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.objection.answerWithin is "30 days", not an ISO 8601 duration such as P3M or P2Y (PnYnMnWnD)',
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.retention is "P5", not an ISO 8601 duration such as P3M or P2Y (PnYnMnWnD)',
    ]);
    expect(messages(withDueProcess({ objection: { answerWithin: 'P0D' } }))[0]).toMatch(/answerWithin is "P0D"; it must be longer than zero/);
  });

  it('rejects dates that do not exist, weekdays listed as working weekends, and a date in both lists', () => {
    expect(messages(withDueProcess({ holidays: ['2026-02-30', '2026-10-01'], workingWeekends: ['2026-13-01', '2026-10-09', '2026-10-03', '2026-10-10'] }))).toEqual([
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.holidays[0] is "2026-02-30", which is not a real date',
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.workingWeekends[0] is "2026-13-01", which is not a real date',
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.workingWeekends[1] is 2026-10-09, not a Saturday or Sunday; list only weekend days that are worked',
    ]);
    expect(messages(withDueProcess({ holidays: ['2026-10-03'], workingWeekends: ['2026-10-03'] }))).toEqual([
      'XY_POLICY_INVALID: policy is inconsistent: dueProcess.workingWeekends[0] is 2026-10-03, which is also listed in holidays',
    ]);
  });

  it('rejects an offset outside the ones in use', () => {
    expect(messages(withDueProcess({ timeZone: '+08:00' }))).toEqual([]);
    expect(messages(withDueProcess({ timeZone: '-12:00' }))).toEqual([]);
    expect(messages(withDueProcess({ timeZone: '+15:00' }))[0]).toMatch(/dueProcess.timeZone is "\+15:00", not a UTC offset/);
    expect(messages(withDueProcess({ timeZone: '+08:60' }))).toHaveLength(1);
  });

  it('rejects a repair decision rule on a type that is never repaired', () => {
    const p = freshPolicy();
    const type = p.recordTypes['judicial.dishonest_debtor'];
    if (type?.kind === 'conduct') type.repairDecision = { onDeadline: 'reject' };
    expect(messages(p)).toEqual([
      'XY_POLICY_INVALID: policy is inconsistent: recordTypes["judicial.dishonest_debtor"].repairDecision is set, but the type is never repaired (repair: never)',
    ]);
  });

  it('reports structural mistakes as schema errors at the offending key', () => {
    const load = (dueProcess: unknown) => {
      const r = loadPolicy(stringify({ ...freshPolicy(), dueProcess }), 'p.yaml');
      return r.ok ? [] : r.error.map((e) => `${e.code}: ${e.message}`);
    };
    expect(load({ holidays: ['1 October'] })).toEqual([expect.stringMatching(/^XY_POLICY_SCHEMA: policy dueProcess.holidays\[0\]: /)]);
    expect(load({ timeZone: 'Asia/Shanghai' })).toEqual([expect.stringMatching(/^XY_POLICY_SCHEMA: policy dueProcess.timeZone: /)]);
    expect(load({ repair: { decideWithinWorkingDays: 0, onDeadline: 'maybe' } })).toHaveLength(2);
    expect(load({ retension: 'P5Y' })).toEqual([expect.stringMatching(/^XY_POLICY_SCHEMA: policy dueProcess/)]);
  });
});
