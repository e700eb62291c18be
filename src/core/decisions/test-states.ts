/** Test helper: hand-built subject states (standings, roles, disputes) for the default policy. */
import { defaultPolicy } from '../../../test/support/default-policy.js';
import type { Policy, Relation } from '../policy/policy-schema.js';
import type { Decision } from './decision-types.js';
import { decide } from './decide.js';
import { indexMeasures } from './measure-index.js';
import type { RoleStanding, Standing, SubjectState, TriggerRecord } from './subject-state.js';

export const policy: Policy = defaultPolicy();
export const index = indexMeasures(policy);
export const AS_OF = '2025-06-01T00:00:00.000Z';

const SOURCES: Record<string, [string, string]> = {
  dishonest_judgment_debtors: ['court.enforcement', 'judicial.dishonest_debtor'],
  consumption_restricted: ['court.enforcement', 'judicial.consumption_restriction'],
  serious_violation: ['market.samr', 'commercial.serious_violation'],
  major_tax_violation: ['tax.chinatax', 'commercial.tax_violation'],
  abnormal_operations: ['market.samr', 'commercial.abnormal_operations'],
  a_grade_taxpayers: ['tax.chinatax', 'commercial.tax_grade_a'],
};

/** A trigger record as the list's usual furnisher would send it. */
export function record(list: string, ref: string): TriggerRecord {
  const [source, type] = SOURCES[list] ?? ['test.source', 'test.type'];
  return { id: `rev-${list}-${ref}`, source, ref, type };
}

/** An active standing on `list` from one record per ref. */
export function standing(list: string, refs: string[] = ['(2025)京0105执123号'], endsAt = '2027-01-10T00:00:00.000Z', active = true): Standing {
  const records = refs.map((ref) => record(list, ref));
  return {
    entry: {
      list, listKind: policy.lists[list]?.kind ?? 'black', subjectId: 'subject-1', trigger: records.map((r) => r.id),
      startedAt: '2025-01-10T00:00:00.000Z', endsAt, endReason: 'term', active,
    },
    records,
  };
}

export function role(relation: Relation, standings: Standing[], orgId = 'org-1', orgName: string | null = '某某有限公司'): RoleStanding {
  return { role: relation, orgId, orgName, standings };
}

export function state(over: Partial<SubjectState> = {}): SubjectState {
  return { subjectId: 'subject-1', kind: 'person', asOf: AS_OF, score: 700, grade: 'A', standings: [], roles: [], disputed: new Set(), ...over };
}

/** The key a dispute is filed under. */
export const disputeKey = (r: TriggerRecord) => `${r.source}\u0000${r.ref}`;

/** Decide with the default policy, failing the test on an error result. */
export function decideOk(s: SubjectState, action: string, p: Policy = policy, i = p === policy ? index : indexMeasures(p)): Decision {
  const result = decide(p, i, s, action);
  if (!result.ok) throw new Error(`decide failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export const consumptionActions = Object.entries(policy.actions).filter(([, a]) => a.consumption).map(([name]) => name);
export const allActions = Object.keys(policy.actions);
