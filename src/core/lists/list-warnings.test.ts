import { describe, expect, it } from 'vitest';
import { abnormal, warningsAt } from './test-revisions.js';

const entered = '2022-03-01T00:00:00.000Z';

describe('listWarnings', () => {
  it('warns during the 60 days before escalation, and not outside them', () => {
    const record = abnormal(entered);
    // 2025-03-01 minus 60 days is 2024-12-31 (January has 31 days, February 2025 has 28).
    expect(warningsAt([record], '2024-12-30T23:59:59.999Z')).toEqual([]);
    const warning = { list: 'serious_violation', fromList: 'abnormal_operations', subjectId: 'org-1', trigger: [record.id], warnedAt: '2024-12-31T00:00:00.000Z', escalatesAt: '2025-03-01T00:00:00.000Z' };
    expect(warningsAt([record], '2024-12-31T00:00:00.000Z')).toEqual([warning]);
    expect(warningsAt([record], '2025-02-28T23:59:59.999Z')).toEqual([warning]);
    expect(warningsAt([record], '2025-03-01T00:00:00.000Z')).toEqual([]);
  });

  it('withdraws the warning the moment the records are corrected', () => {
    const revisions = [abnormal(entered), abnormal(entered, { revision: 2, status: 'resolved', receivedAt: '2025-01-15T00:00:00.000Z' })];
    expect(warningsAt(revisions, '2025-01-14T00:00:00.000Z')).toHaveLength(1);
    expect(warningsAt(revisions, '2025-01-15T00:00:00.000Z')).toEqual([]);
  });

  it('gives no warning for a list without escalation', () => {
    expect(warningsAt([abnormal(entered, { type: 'commercial.serious_violation', severity: 'serious' })], '2024-12-31T00:00:00.000Z')).toEqual([]);
  });
});
