import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { defaultPolicyPath } from '../src/app/package-root.js';
import { EFFECT_RANK, type AppliedMeasure, type Decision, type Effect } from '../src/core/decisions/decision-types.js';
import { decide } from '../src/core/decisions/decide.js';
import { indexMeasures } from '../src/core/decisions/measure-index.js';
import type { Standing, SubjectState } from '../src/core/decisions/subject-state.js';
import { loadPolicy } from '../src/core/policy/index.js';
import type { Policy, Relation } from '../src/core/policy/policy-schema.js';
import type { BenchFigure } from './ingest-bench.js';

const STATES = 10_000;
const PAIRS = 50_000;
const AS_OF = '2025-06-01T00:00:00.000Z';

/** `decide` against a hand-written ceiling and against json-rules-engine, on the same (state, action) pairs. */
export async function decisionsBench(): Promise<BenchFigure[]> {
  const file = defaultPolicyPath();
  const loaded = loadPolicy(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(`default policy does not load: ${loaded.error[0]?.message}`);
  const policy = loaded.value;
  const index = indexMeasures(policy);
  const actions = Object.keys(policy.actions);
  if (actions.length !== 15) throw new Error(`expected the 15 contract actions, found ${actions.length}`);
  const states = syntheticStates(STATES);
  const random = new SeededRandom(11);
  const pairs = Array.from({ length: PAIRS }, () => ({ state: random.pick(states), action: random.pick(actions) }));

  const ours = (s: SubjectState, a: string) => unwrap(decide(policy, index, s, a));
  const hand = handWritten(policy);
  const engine = rulesEngine(policy);
  const facts = new Map(states.map((s) => [s, engineFacts(s)]));
  const viaEngine = async (s: SubjectState, action: string) => engineEffect(await engine.run({ ...facts.get(s), action }));

  let applying = 0;
  for (const { state, action } of pairs) {
    const a = ours(state, action);
    if (a.measures.length > 0) applying++;
    const b = hand(state, action);
    const c = await viaEngine(state, action);
    if (a.effect !== c || !isDeepStrictEqual(a, b)) {
      throw new Error(`decisions disagree on ${state.subjectId} ${action}: ours ${shape(a)}, hand-written ${shape(b)}, json-rules-engine ${c}`);
    }
  }

  // Interleaved rounds, best of each: other load on the machine and GC debt left by the previous
  // contender then hit both alike.
  let oursRate = 0;
  let handRate = 0;
  for (let round = 0; round < 3; round++) {
    oursRate = Math.max(oursRate, syncRate(pairs, (s, a) => ours(s, a).measures.length));
    handRate = Math.max(handRate, syncRate(pairs, (s, a) => hand(s, a).measures.length));
  }
  const engineRate = await asyncRate(pairs, viaEngine);
  const share = `${((100 * applying) / PAIRS).toFixed(1)}% of them apply a measure`;
  const name = `decisions on ${STATES.toLocaleString('en')} synthetic subjects x 15 actions, ${share} (decide with a prebuilt index, one core)`;
  return [
    {
      name, value: oursRate, unit: 'decisions/s', ratio: oursRate / handRate, goal: '>= 2,000,000 decisions/s',
      baseline: { name: 'hand-written if-statements for the default policy, same output', value: handRate },
    },
    {
      name, value: oursRate, unit: 'decisions/s', ratio: oursRate / engineRate,
      baseline: { name: 'json-rules-engine with the same rules (facts: lists, roleLists, grade, action)', value: engineRate },
    },
  ];
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A decision in one line, for the message when the contenders disagree. */
const shape = (d: Decision) =>
  `${d.effect}[${d.measures.map((m) => `${m.id}:${m.trigger.record?.ref ?? m.trigger.grade}:${m.trigger.via?.role ?? 'self'}:${m.until ?? ''}:${m.paused === true}`).join(',')}]`;

type Pair = { state: SubjectState; action: string };

/** A warm-up pass, then whole passes until at least a second has gone by. */
function syncRate(pairs: Pair[], run: (s: SubjectState, a: string) => number): number {
  let sink = 0;
  for (const p of pairs) sink += run(p.state, p.action);
  (globalThis as { gc?: () => void }).gc?.();
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < pairs.length; i++) sink += run(pairs[i]!.state, pairs[i]!.action);
    done += pairs.length;
    elapsed = performance.now() - started;
  } while (elapsed < 1000);
  if (sink < 0) throw new Error('unreachable'); // keeps the work observable
  return done / (elapsed / 1000);
}

/** The engine is async and slow: time as many pairs as fit in a second after a short warm-up. */
async function asyncRate(pairs: Pair[], run: (s: SubjectState, a: string) => Promise<Effect>): Promise<number> {
  for (const p of pairs.slice(0, 2_000)) await run(p.state, p.action);
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    const p = pairs[done % pairs.length]!;
    await run(p.state, p.action);
    done++;
    if (done % 256 === 0) elapsed = performance.now() - started;
  } while (elapsed < 1000);
  return done / ((performance.now() - started) / 1000);
}

// ---------------------------------------------------------------- synthetic population

/** Mostly unlisted subjects, as in a real registry; some listed, some officers of listed orgs, a few graded AAA/AA. */
function syntheticStates(count: number): SubjectState[] {
  const random = new SeededRandom(5);
  let ref = 0;
  const standingOn = (list: string, disputed: Set<string> | null): Standing => {
    const source = list.startsWith('dishonest') || list.startsWith('consumption') ? 'court.enforcement' : list === 'serious_violation' || list === 'abnormal_operations' ? 'market.samr' : 'tax.chinatax';
    const record = { id: `rev-${++ref}`, source, ref: `(2025)B${ref}`, type: 'bench' };
    if (disputed && random.chance(0.5)) disputed.add(`${source}\u0000${record.ref}`);
    const endsAt = `202${random.int(6, 8)}-0${random.int(1, 9)}-1${random.int(0, 9)}T00:00:00.000Z`;
    return { entry: { list, listKind: 'black', subjectId: 'x', trigger: [record.id], startedAt: '2025-01-01T00:00:00.000Z', endsAt, endReason: 'term', active: true }, records: [record] };
  };
  const personLists = ['dishonest_judgment_debtors', 'dishonest_judgment_debtors', 'consumption_restricted', 'major_tax_violation'];
  const orgLists = ['dishonest_judgment_debtors', 'serious_violation', 'major_tax_violation', 'abnormal_operations', 'a_grade_taxpayers'];
  const roles: Relation[] = ['legal_representative', 'actual_controller', 'shareholder', 'director'];
  return Array.from({ length: count }, (_, i): SubjectState => {
    const isOrg = random.chance(0.2);
    const disputed = new Set<string>();
    const grade = random.chance(0.03) ? random.pick(['AAA', 'AA']) : random.pick(['A', 'A', 'A', 'B', 'C']);
    const standings: Standing[] = [];
    if (random.chance(0.08)) {
      const n = random.chance(0.3) ? 2 : 1;
      for (let k = 0; k < n; k++) standings.push(standingOn(random.pick(isOrg ? orgLists : personLists), random.chance(0.1) ? disputed : null));
    }
    const held = !isOrg && random.chance(0.05)
      ? [{ role: random.pick(roles), orgId: `org-${i}`, orgName: null, standings: [standingOn(random.pick(orgLists), random.chance(0.1) ? disputed : null)] }]
      : [];
    return { subjectId: `s-${i}`, kind: isOrg ? 'org' : 'person', asOf: AS_OF, score: 700, grade, standings, roles: held, disputed };
  });
}

// ---------------------------------------------------------------- the hand-written ceiling

interface HandConsts {
  basis: Record<string, string>;
  consumption: ReadonlySet<string>;
  known: ReadonlySet<string>;
  gradeRemedy: string;
}

/** The default policy's measures as if-statements: no index, no templates, no generality. */
function handWritten(policy: Policy): (s: SubjectState, action: string) => Decision {
  const c: HandConsts = {
    basis: Object.fromEntries(policy.measures.map((m) => [m.id, m.legalBasis])),
    consumption: new Set(Object.entries(policy.actions).filter(([, a]) => a.consumption).map(([k]) => k)),
    known: new Set(Object.keys(policy.actions)),
    gradeRemedy: policy.measures.find((m) => m.id === 'good_grade.fast_track')!.remedy,
  };
  return (s, action) => handDecide(c, s, action);
}

const EFFECTS = ['allow', 'benefit', 'review', 'deny'] as const;

/** Push one applied measure; returns its rank, or 0 when it is paused. */
function push(
  c: HandConsts, s: SubjectState, out: AppliedMeasure[], id: string, kind: AppliedMeasure['kind'], effect: AppliedMeasure['effect'],
  st: Standing, remedy: string, via: AppliedMeasure['trigger']['via'], pausable: boolean,
): number {
  const r = st.records[0]!;
  const m: AppliedMeasure = { id, kind, effect, trigger: { list: st.entry.list, record: r }, legalBasis: c.basis[id]!, until: st.entry.endsAt, remedy };
  if (via) m.trigger.via = via;
  out.push(m);
  if (pausable && s.disputed.size > 0 && s.disputed.has(`${r.source}\u0000${r.ref}`)) {
    m.paused = true;
    return 0;
  }
  return EFFECT_RANK[effect];
}

function handDecide(c: HandConsts, s: SubjectState, action: string): Decision {
  if (!c.known.has(action)) throw new Error(`unknown action ${action}`);
  const out: AppliedMeasure[] = [];
  let top = 0;
  const isConsumption = c.consumption.has(action);
  const isPublic = action === 'procurement.bid' || action === 'subsidy.apply';
  const isReward = action === 'licensing.approval' || action === 'rental.deposit';
  for (const st of s.standings) {
    if (!st.entry.active) continue;
    const list = st.entry.list;
    const r = st.records[0]!;
    const until = st.entry.endsAt.slice(0, 10);
    let rank = 0;
    if (list === 'dishonest_judgment_debtors') {
      if (isConsumption) rank = push(c, s, out, 'dishonest_debtor.consumption', 'punishment', 'deny', st, debtorRemedy(r.ref, r.source, until), undefined, true);
      else if (isPublic) rank = push(c, s, out, 'dishonest_debtor.public_resources', 'punishment', 'deny', st, `Perform the judgment in enforcement case ${r.ref} (${r.source}); otherwise the exclusion ends on ${until}.`, undefined, true);
      else if (action === 'appointment.senior_post') rank = push(c, s, out, 'dishonest_debtor.senior_post', 'punishment', 'deny', st, `Pay the debt in enforcement case ${r.ref} (${r.source}); otherwise the bar ends on ${until}.`, undefined, true);
      else if (action === 'credit.new_loan') rank = push(c, s, out, 'dishonest_debtor.credit_review', 'punishment', 'review', st, `Perform the judgment in enforcement case ${r.ref} (${r.source}); otherwise the review requirement ends on ${until}.`, undefined, true);
    } else if (list === 'consumption_restricted') {
      if (isConsumption) rank = push(c, s, out, 'consumption_restriction.consumption', 'punishment', 'deny', st, restrictionRemedy(r.ref, r.source, until), undefined, true);
    } else if (list === 'serious_violation') {
      if (isPublic) rank = push(c, s, out, 'serious_violation.public_resources', 'punishment', 'deny', st, `Correct the violation behind ${r.ref} (${r.source}) and apply to the listing authority for credit repair once the minimum term has passed; otherwise the exclusion ends on ${until}.`, undefined, true);
    } else if (list === 'major_tax_violation') {
      if (isPublic) rank = push(c, s, out, 'major_tax_violation.public_resources', 'punishment', 'deny', st, `Pay the tax, late-payment surcharge and fines in case ${r.ref} (${r.source}); publication then stops early. Otherwise the exclusion ends on ${until}.`, undefined, true);
      else if (action === 'credit.new_loan') rank = push(c, s, out, 'major_tax_violation.credit_review', 'punishment', 'review', st, `Pay what is owed in case ${r.ref} (${r.source}); otherwise the review requirement ends on ${until}.`, undefined, true);
    } else if (list === 'a_grade_taxpayers' && isReward) {
      rank = push(c, s, out, 'a_grade_taxpayer.fast_track', 'reward', 'benefit', st, `The benefit lasts while the grade-A rating (${r.ref}) is current, until ${until}; the next annual evaluation renews it.`, undefined, false);
    }
    if (rank > top) top = rank;
  }
  for (const held of s.roles) {
    if (held.role !== 'legal_representative' && held.role !== 'actual_controller') continue;
    for (const st of held.standings) {
      if (!st.entry.active) continue;
      const list = st.entry.list;
      const r = st.records[0]!;
      const until = st.entry.endsAt.slice(0, 10);
      const via = { role: held.role, orgId: held.orgId, orgName: held.orgName };
      let rank = 0;
      if (isConsumption && list === 'dishonest_judgment_debtors') rank = push(c, s, out, 'dishonest_debtor.consumption', 'punishment', 'deny', st, debtorRemedy(r.ref, r.source, until), via, true);
      else if (isConsumption && list === 'consumption_restricted') rank = push(c, s, out, 'consumption_restriction.consumption', 'punishment', 'deny', st, restrictionRemedy(r.ref, r.source, until), via, true);
      else if (action === 'appointment.senior_post' && list === 'serious_violation' && held.role === 'legal_representative') {
        rank = push(c, s, out, 'serious_violation.officers', 'punishment', 'deny', st, `The bar ends when the organisation leaves list serious_violation (record ${r.ref}), and on ${until} at the latest.`, via, true);
      }
      if (rank > top) top = rank;
    }
  }
  if (isReward && (s.grade === 'AAA' || s.grade === 'AA')) {
    out.push({ id: 'good_grade.fast_track', kind: 'reward', effect: 'benefit', trigger: { grade: s.grade }, legalBasis: c.basis['good_grade.fast_track']!, remedy: c.gradeRemedy });
    if (top < 1) top = 1;
  }
  if (out.length > 1) out.sort(handOrder);
  return { action, effect: EFFECTS[top]!, measures: out };
}

function handOrder(a: AppliedMeasure, b: AppliedMeasure): number {
  const ra = a.trigger.record?.ref ?? '';
  const rb = b.trigger.record?.ref ?? '';
  return EFFECT_RANK[b.effect] - EFFECT_RANK[a.effect] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (ra < rb ? -1 : ra > rb ? 1 : 0);
}

const debtorRemedy = (ref: string, source: string, until: string) =>
  `Perform the judgment in enforcement case ${ref} (${source}); the court then removes the listing and the restriction ends at once. Otherwise it ends on ${until}.`;
const restrictionRemedy = (ref: string, source: string, until: string) =>
  `Pay the debt or provide security in enforcement case ${ref} (${source}) and ask the court to lift the order (art. 9); otherwise it stops being applied here on ${until}.`;

// ---------------------------------------------------------------- json-rules-engine

/** The policy's measures as engine rules; a list fact `name:disputed` stands for a standing under dispute. */
function rulesEngine(policy: Policy): Engine {
  const rules: RuleProperties[] = [];
  for (const m of policy.measures) {
    const action = { fact: 'action', operator: 'in', value: m.actions };
    const event = { type: m.effect };
    if ('grades' in m.when) {
      rules.push({ conditions: { all: [action, { fact: 'grade', operator: 'in', value: m.when.grades }] }, event });
      continue;
    }
    for (const who of m.appliesTo) {
      const [fact, key] = who === 'self' ? ['lists', m.when.list] : ['roleLists', `${who}:${m.when.list}`];
      const keys = m.pausedWhileDisputed ? [key] : [key, `${key}:disputed`];
      rules.push({ conditions: { all: [action, { any: keys.map((value) => ({ fact, operator: 'contains', value })) }] }, event });
    }
  }
  return new Engine(rules, { allowUndefinedFacts: true });
}

function engineFacts(s: SubjectState): { lists: string[]; roleLists: string[]; grade: string } {
  const key = (st: Standing) => (st.records.length > 0 && st.records.every((r) => s.disputed.has(`${r.source}\u0000${r.ref}`)) ? `${st.entry.list}:disputed` : st.entry.list);
  return {
    lists: s.standings.filter((st) => st.entry.active).map(key),
    roleLists: s.roles.flatMap((r) => r.standings.filter((st) => st.entry.active).map((st) => `${r.role}:${key(st)}`)),
    grade: s.grade,
  };
}

function engineEffect(result: { events: Array<{ type: string }> }): Effect {
  let top = 0;
  for (const e of result.events) top = Math.max(top, EFFECT_RANK[e.type as Effect] ?? 0);
  return EFFECTS[top]!;
}
