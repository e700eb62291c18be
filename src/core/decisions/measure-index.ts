/** Measures arranged for lookup, so that a decision is a few Map gets instead of a scan of the policy. */
import type { Measure, Policy, Relation } from '../policy/policy-schema.js';
import { EFFECT_RANK } from './decision-types.js';
import { compileRemedy, type RemedyText } from './remedy-text.js';

/** A measure with what every decision needs from it worked out in advance. */
export interface IndexedMeasure {
  readonly measure: Measure;
  readonly rank: number;
  readonly remedy: RemedyText;
}

type ByKey = ReadonlyMap<string, readonly IndexedMeasure[]>;

/** The measures naming one action, split by trigger kind and by whom they reach. */
export interface ActionMeasures {
  /** List name -> measures that reach the listed subject itself. */
  readonly self: ByKey;
  /** Role -> list name -> measures that reach someone holding that role in a listed organisation. */
  readonly roles: ReadonlyMap<Relation, ByKey>;
  /** Grade -> measures the subject's own grade triggers. */
  readonly grades: ByKey;
}

export interface MeasureIndex {
  /** Every action the policy defines, with or without measures. */
  readonly actions: ReadonlyMap<string, ActionMeasures>;
}

interface Building {
  self: Map<string, IndexedMeasure[]>;
  roles: Map<Relation, Map<string, IndexedMeasure[]>>;
  grades: Map<string, IndexedMeasure[]>;
}

const add = (map: Map<string, IndexedMeasure[]>, key: string, m: IndexedMeasure) => {
  const at = map.get(key);
  if (at) at.push(m);
  else map.set(key, [m]);
};

/** Index a policy's measures; build it once per policy version and reuse it for every decision. */
export function indexMeasures(policy: Policy): MeasureIndex {
  const actions = new Map<string, Building>();
  for (const action of Object.keys(policy.actions)) actions.set(action, { self: new Map(), roles: new Map(), grades: new Map() });
  // Sorted by id so that measures come out of a lookup already in output order.
  const measures = [...policy.measures].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const measure of measures) {
    const indexed: IndexedMeasure = { measure, rank: EFFECT_RANK[measure.effect], remedy: compileRemedy(measure.remedy) };
    for (const action of measure.actions) {
      const at = actions.get(action);
      if (!at) continue; // check-policy rejects measures naming undefined actions
      const when = measure.when;
      if ('grades' in when) {
        // A grade belongs to the subject; the state carries no organisation grades to pass on through roles.
        if (measure.appliesTo.includes('self')) for (const grade of when.grades) add(at.grades, grade, indexed);
        continue;
      }
      for (const who of measure.appliesTo) {
        if (who === 'self') {
          add(at.self, when.list, indexed);
          continue;
        }
        let byList = at.roles.get(who);
        if (!byList) at.roles.set(who, (byList = new Map()));
        add(byList, when.list, indexed);
      }
    }
  }
  return { actions };
}
