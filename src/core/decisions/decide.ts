/** The decision engine: (subject state, action) -> effect, with every measure, its legal basis and remedy. */
import { Errors } from '../errors.js';
import type { Policy } from '../policy/policy-schema.js';
import { err, ok, type Result } from '../result.js';
import { dateOf } from '../time/calendar-date.js';
import { EFFECTS_BY_RANK, EFFECT_RANK, type AppliedMeasure, type Decision, type MeasureTrigger } from './decision-types.js';
import type { IndexedMeasure, MeasureIndex } from './measure-index.js';
import type { RemedyValues } from './remedy-text.js';
import type { RoleStanding, Standing, SubjectState } from './subject-state.js';

const NO_VALUES: RemedyValues = { ref: '', source: '', until: '', list: '' };

/**
 * Decide `action` for the subject `state` describes. `index` must be `indexMeasures(policy)`.
 * One measure applies per (measure, standing): a debtor with two cases gets two, each with its own
 * remedy. The effect is the most severe of the measures that count (deny > review > benefit > allow).
 */
export function decide(policy: Policy, index: MeasureIndex, state: SubjectState, action: string): Result<Decision> {
  if (!Object.hasOwn(policy.actions, action)) return err(Errors.UNKNOWN_ACTION(action));
  const measures: AppliedMeasure[] = [];
  let rank = 0;
  const at = index.actions.get(action);
  if (at) {
    for (const standing of state.standings) {
      const found = at.self.get(standing.entry.list);
      if (found) rank = Math.max(rank, applyListed(found, standing, undefined, state, measures));
    }
    for (const role of state.roles) {
      const byList = at.roles.get(role.role);
      if (!byList) continue;
      for (const standing of role.standings) {
        const found = byList.get(standing.entry.list);
        if (found) rank = Math.max(rank, applyListed(found, standing, role, state, measures));
      }
    }
    const graded = at.grades.get(state.grade);
    if (graded) {
      for (const m of graded) {
        measures.push(applied(m, { grade: state.grade }, undefined, m.remedy(NO_VALUES), false));
        rank = Math.max(rank, m.rank);
      }
    }
  }
  if (measures.length > 1) measures.sort(outputOrder);
  return ok({ action, effect: EFFECTS_BY_RANK[rank]!, measures });
}

/** Apply the measures a list standing triggers; returns the highest rank among those that count. */
function applyListed(
  found: readonly IndexedMeasure[], standing: Standing, role: RoleStanding | undefined, state: SubjectState, out: AppliedMeasure[],
): number {
  const { entry, records } = standing;
  if (!entry.active) return 0;
  const disputed = state.disputed.size > 0 && records.length > 0 && records.every((r) => state.disputed.has(`${r.source}\u0000${r.ref}`));
  const first = records[0];
  const values: RemedyValues = first && records.length === 1
    ? { ref: first.ref, source: first.source, until: dateOf(entry.endsAt), list: entry.list }
    : manyRecords(standing);
  let rank = 0;
  for (const m of found) {
    const trigger: MeasureTrigger = { list: entry.list };
    if (first) trigger.record = first;
    if (role) trigger.via = { role: role.role, orgId: role.orgId, orgName: role.orgName };
    const paused = disputed && m.measure.pausedWhileDisputed === true;
    out.push(applied(m, trigger, entry.endsAt, m.remedy(values), paused));
    if (!paused) rank = Math.max(rank, m.rank);
  }
  return rank;
}

/** A counted list can need several records: the remedy names them all (the trigger names the first). */
function manyRecords({ entry, records }: Standing): RemedyValues {
  return {
    ref: records.length > 0 ? records.map((r) => r.ref).join(', ') : entry.trigger.join(', '),
    source: [...new Set(records.map((r) => r.source))].join(', '),
    until: dateOf(entry.endsAt),
    list: entry.list,
  };
}

function applied(m: IndexedMeasure, trigger: MeasureTrigger, until: string | undefined, remedy: string, paused: boolean): AppliedMeasure {
  const { id, kind, effect, legalBasis } = m.measure;
  const out: AppliedMeasure = { id, kind, effect, trigger, legalBasis, remedy };
  if (until !== undefined) out.until = until;
  if (paused) out.paused = true;
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most severe first, then by measure id and trigger record; the subject's own standings before roles. */
function outputOrder(a: AppliedMeasure, b: AppliedMeasure): number {
  return (
    EFFECT_RANK[b.effect] - EFFECT_RANK[a.effect] ||
    compare(a.id, b.id) ||
    compare(a.trigger.record?.ref ?? '', b.trigger.record?.ref ?? '') ||
    compare(a.trigger.via?.orgId ?? '', b.trigger.via?.orgId ?? '') ||
    compare(a.trigger.via?.role ?? '', b.trigger.via?.role ?? '') ||
    compare(a.trigger.list ?? '', b.trigger.list ?? '') ||
    compare(a.trigger.record?.id ?? '', b.trigger.record?.id ?? '') ||
    // Two standings on the same first record (a counted list) still differ in end date or records named.
    compare(a.until ?? '', b.until ?? '') ||
    compare(a.remedy, b.remedy) ||
    Number(a.paused === true) - Number(b.paused === true)
  );
}
