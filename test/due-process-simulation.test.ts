import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoResidentId } from '../src/app/demo/demo-identities.js';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { initRegistry } from '../src/app/init-registry.js';
import { OPERATOR } from '../src/app/operator.js';
import { RegistryService } from '../src/app/registry-service.js';
import { openRegistry, type Registry } from '../src/app/registry.js';
import type { SubjectEvaluator } from '../src/app/subject-evaluator.js';
import { XyFailure } from '../src/app/xy-failure.js';
import { publicationEndAt } from '../src/core/due-process/erasure-due-at.js';

/**
 * Due process over two and a half simulated years, run twice on the same seeded script: once with
 * the scheduler (`tick`) run before every action, as a server does every minute, and once with a
 * single tick at the end. Both must reach the same end state, and along the way no objection may be
 * overdue, no record published past its term, and no decision may rest on a suppressed record.
 */

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T01:00:00.000Z');
const DAYS = 900;
const PEOPLE = 300;
const CONSUMPTION = ['air_travel.purchase', 'rail.high_speed_purchase'];

interface Rec { source: string; ref: string; subject: number; type: string; severity: string; occurredAt: string; revision: number; status: string }
type Step =
  | { day: number; at: number; kind: 'ingest'; records: Rec[] }
  | { day: number; at: number; kind: 'object' | 'repair'; rec: string; text: string }
  | { day: number; at: number; kind: 'answer'; nth: number; outcome: 'upheld' | 'corrected' | 'withdrawn' }
  | { day: number; at: number; kind: 'inform'; nth: number }
  | { day: number; at: number; kind: 'decide'; nth: number; approve: boolean }
  | { day: number; at: number; kind: 'check' };

const TYPES = [
  { type: 'commercial.administrative_penalty', source: 'market.regulator', severity: ['general', 'general', 'serious'] },
  { type: 'judicial.dishonest_debtor', source: 'court.enforcement', severity: ['serious'] },
  { type: 'societal.traffic_violation', source: 'police.traffic', severity: ['minor'] },
];

/** The script: the same steps for both runs, chosen without looking at the registry. */
function script(seed: number): { steps: Step[]; ids: string[] } {
  const random = new SeededRandom(seed);
  const ids = Array.from({ length: PEOPLE }, (_, i) => demoResidentId(random, `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`));
  const steps: Step[] = [];
  const refs: Rec[] = [];
  let n = 0;
  const newRecord = (day: number, back: number): Rec => {
    const t = random.pick(TYPES);
    const rec: Rec = {
      source: t.source, ref: `SIM-${n++}`, subject: random.int(0, PEOPLE - 1), type: t.type, severity: random.pick(t.severity),
      occurredAt: new Date(START + day * DAY - back * DAY).toISOString().slice(0, 10), revision: 1, status: random.chance(0.4) ? 'resolved' : 'active',
    };
    refs.push(rec);
    return rec;
  };
  // Day 0: a history reaching seven years back, so publication ends and erasures fall inside the run.
  steps.push({ day: 0, at: START, kind: 'ingest', records: Array.from({ length: PEOPLE * 3 }, () => newRecord(0, random.int(1, 7 * 365))) });
  for (let day = 1; day <= DAYS; day++) {
    const at = (k: number) => START + day * DAY + k * 3_600_000;
    const fresh = Array.from({ length: random.int(0, 3) }, () => newRecord(day, random.int(0, 30)));
    // Debts paid: revision 2 resolves a record.
    for (let k = 0; k < 2; k++) {
      const r = random.pick(refs);
      if (r.status !== 'active') continue;
      r.status = 'resolved';
      r.revision++;
      fresh.push({ ...r });
    }
    steps.push({ day, at: at(1), kind: 'ingest', records: fresh });
    for (let k = 0; k < random.int(1, 3); k++) steps.push({ day, at: at(2 + k), kind: 'object', rec: random.pick(refs).ref, text: `Not mine (day ${day})` });
    if (random.chance(0.6)) steps.push({ day, at: at(6), kind: 'answer', nth: random.int(0, 1e6), outcome: random.pick(['upheld', 'upheld', 'corrected', 'withdrawn'] as const) });
    if (random.chance(0.2)) steps.push({ day, at: at(7), kind: 'inform', nth: random.int(0, 1e6) });
    // Mostly resolved penalties (repairable once their minimum term has passed), some anything at all.
    const repairable = refs.filter((r) => r.status === 'resolved' && r.type !== 'judicial.dishonest_debtor');
    for (let k = 0; k < random.int(0, 2); k++) {
      const r = random.chance(0.8) && repairable.length > 0 ? random.pick(repairable) : random.pick(refs);
      steps.push({ day, at: at(8 + k), kind: 'repair', rec: r.ref, text: 'I have paid and will comply.' });
    }
    if (random.chance(0.4)) steps.push({ day, at: at(11), kind: 'decide', nth: random.int(0, 1e6), approve: random.chance(0.8) });
    if (day % 90 === 0) steps.push({ day, at: at(12), kind: 'check' });
  }
  for (const s of steps) if (s.kind === 'ingest') for (const r of s.records) r.subject = r.subject % PEOPLE;
  return { steps, ids };
}

interface RunResult { outcomes: string[]; endState: unknown; checks: { overdue: number; pastTerm: number; suppressedCited: number; decisions: number; suppressedSeen: number } }

async function run(dir: string, tickAlways: boolean, plan: ReturnType<typeof script>): Promise<RunResult> {
  let now = START;
  const registry: Registry = await openRegistry({ dbPath: join(dir, `${tickAlways}.db`), masterKey: Buffer.alloc(32, 5).toString('base64') }, true);
  registry.clock = { now: () => new Date(now).toISOString(), simulated: true };
  await initRegistry(registry);
  const service = new RegistryService(registry, registry.audit, registry.signer);
  const outcomes: string[] = [];
  const objections: string[] = [];
  const repairs: string[] = [];
  const subjectIds = new Map<number, string>();
  /** Case ids differ between runs: each is named by what was filed, where and when. */
  const labels = new Map<string, string>();
  const checks = { overdue: 0, pastTerm: 0, suppressedCited: 0, decisions: 0, suppressedSeen: 0 };
  const refIndex = new Map<string, string>(); // ref -> subject id
  const attempt = async (label: string, work: () => Promise<{ id: string; status: string } | void>) => {
    try {
      const c = await work();
      outcomes.push(`${label}: ${c ? c.status : 'ok'}`);
      return c;
    } catch (e) {
      if (!(e instanceof XyFailure)) throw e;
      outcomes.push(`${label}: ${e.error.code}`);
      return undefined;
    }
  };
  for (const step of plan.steps) {
    now = step.at;
    if (tickAlways) await service.tick();
    switch (step.kind) {
      case 'ingest': {
        const raws = step.records.map((r) => ({
          source: r.source, ref: r.ref, revision: r.revision, type: r.type, subject: { kind: 'person', id: plan.ids[r.subject] },
          occurredAt: r.occurredAt, severity: r.severity, status: r.status, attributes: {},
        }));
        const summary = await service.ingest(OPERATOR, raws);
        outcomes.push(`ingest ${step.day}: ${summary.accepted}+${summary.updated} ${summary.rejected}`);
        for (const r of step.records) {
          if (subjectIds.has(r.subject)) continue;
          const index = registry.keyRing.blindIndex(plan.ids[r.subject]!);
          const row = (await registry.store.subjectsByIndex([index])).get(index);
          if (row) subjectIds.set(r.subject, row.id);
        }
        for (const r of step.records) refIndex.set(r.ref, subjectIds.get(r.subject)!);
        break;
      }
      case 'object': {
        const recordId = await headOfSubject(registry, refIndex.get(step.rec), step.rec);
        // An erased record is gone (one run's tick erased it) or as good as gone (the other's has not yet).
        const c = await attempt(`object ${step.rec}`, () => service.cases.fileObjection(OPERATOR, { recordId: recordId ?? 'erased', statement: step.text }));
        if (c) objections.push(c.id);
        if (c) labels.set(c.id, `objection:${step.rec}:${step.at}`);
        break;
      }
      case 'repair': {
        const recordId = await headOfSubject(registry, refIndex.get(step.rec), step.rec);
        // An erased record is gone (one run's tick erased it) or as good as gone (the other's has not yet).
        const c = await attempt(`repair ${step.rec}`, () => service.cases.applyForRepair(OPERATOR, { recordId: recordId ?? 'erased', commitment: step.text }));
        if (c) repairs.push(c.id);
        if (c) labels.set(c.id, `repair:${step.rec}:${step.at}`);
        break;
      }
      case 'answer':
        if (objections.length) await attempt(`answer #${step.nth % objections.length}`, () => service.cases.answerObjection(OPERATOR, objections[step.nth % objections.length]!, { outcome: step.outcome }));
        break;
      case 'inform':
        if (objections.length) await attempt(`inform #${step.nth % objections.length}`, () => service.cases.addInformation(OPERATOR, objections[step.nth % objections.length]!, 'Receipt attached.'));
        break;
      case 'decide':
        if (repairs.length) {
          // One of the last few applications: older ones have long been decided by their deadline.
          const i = repairs.length - 1 - (step.nth % Math.min(3, repairs.length));
          await attempt(`decide #${i}`, () => service.cases.decideRepair(OPERATOR, repairs[i]!, { approve: step.approve }));
        }
        break;
      case 'check':
        await check(registry, service, [...subjectIds.values()], checks, tickAlways);
        break;
    }
  }
  now = START + (DAYS + 1) * DAY;
  await service.tick();
  const endState = await snapshot(registry, await service.evaluator(), [...subjectIds.values()], labels);
  await registry.close();
  return { outcomes, endState, checks };
}

async function headOfSubject(registry: Registry, subjectId: string | undefined, ref: string): Promise<string | undefined> {
  if (!subjectId) return undefined;
  const rows = (await registry.store.revisionsOfSubjects([subjectId])).get(subjectId) ?? [];
  return rows.filter((r) => r.ref === ref).sort((a, b) => b.revision - a.revision)[0]?.id;
}

/** The three invariants, on every subject, at the clock's time. */
async function check(registry: Registry, service: RegistryService, ids: string[], checks: RunResult['checks'], ticked: boolean) {
  const now = registry.clock.now();
  if (ticked) checks.overdue += (await registry.store.openCasesDue(now, 10_000)).filter((c) => c.dueAt < now).length;
  const evaluator = await service.evaluator();
  for (const id of ids) {
    const report = await service.report(OPERATOR, id, 'simulation_check');
    const suppressed = new Set(report.records.filter((r) => r.status === 'suppressed').map((r) => r.id));
    checks.suppressedSeen += suppressed.size;
    for (const r of report.records) {
      const end = publicationEndAt(evaluator.policy, r as never);
      if (r.published && end !== null && end <= now) checks.pastTerm++;
    }
    for (const action of CONSUMPTION) {
      const decision = await service.decide(OPERATOR, { subject: id, action, purpose: 'simulation_check' });
      checks.decisions++;
      for (const m of decision.measures) if (m.trigger.record && suppressed.has(m.trigger.record.id)) checks.suppressedCited++;
    }
  }
}

/** Cases, notices, derived states and counts, with run-specific ids replaced by what they name. */
async function snapshot(registry: Registry, evaluator: SubjectEvaluator, ids: string[], label: ReadonlyMap<string, string>) {
  const { store } = registry;
  const cases = [...(await store.casesOfSubjects(ids)).values()].flat();
  const relabel = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => label.get(id) ?? (ids.includes(id) ? `subject#${ids.indexOf(id)}` : 'revision'));
  const notices = (await Promise.all(ids.map((id) => store.noticesFor(`subject:${id}`, 100_000)))).flat()
    .map((n) => relabel(JSON.stringify({ key: n.key, at: n.at, kind: n.kind, body: n.body }))).sort();
  // Stored scores are as of when each was computed (and decay in between), so the registry is
  // compared by evaluating everyone at the same instant; stored list entries do not decay.
  const fresh = await evaluator.evaluate(ids, registry.clock.now());
  const derived = await Promise.all(ids.map(async (id) => {
    const d = await store.derivedState(id);
    const e = fresh.get(id);
    return relabel(JSON.stringify({ stored: d?.entries, score: e?.score.score, grade: e?.score.grade, entries: e?.entries, warnings: e?.warnings }));
  }));
  return {
    cases: cases.map((c) => relabel(JSON.stringify({ ...c, id: undefined, recordId: undefined }))).sort(),
    notices, derived, stats: await store.stats(), counts: await store.caseCounts(),
  };
}

describe('due process simulated over 900 days', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plan = script(20261127);

  it('meets every deadline, and ticking every minute or once at the end ends the same', async () => {
    const often = await run(dir, true, plan);
    const once = await run(dir, false, plan);
    const count = (r: RunResult, what: RegExp) => r.outcomes.filter((o) => what.test(o)).length;
    // The script exercised what it claims to.
    expect(count(often, /^object .*: open$/)).toBeGreaterThan(1000);
    expect(count(often, /^repair .*: pending$/)).toBeGreaterThan(100);
    expect(count(often, /^answer .*: (upheld|corrected|withdrawn|certified)$/)).toBeGreaterThan(100);
    expect(count(often, /: certified$/)).toBeGreaterThan(5);
    expect(often.checks.suppressedSeen).toBeGreaterThan(0);
    const end = often.endState as { stats: { records: number }; counts: { objections: number; repairs: number } };
    // Cases about records erased after their retention go with them.
    expect(end.counts.objections).toBeLessThanOrEqual(count(often, /^object .*: open$/));
    expect(end.counts.objections).toBeGreaterThan(count(often, /^object .*: open$/) / 2);
    // The invariants.
    expect(often.checks).toMatchObject({ overdue: 0, pastTerm: 0, suppressedCited: 0 });
    expect(once.checks).toMatchObject({ pastTerm: 0, suppressedCited: 0 });
    expect(often.checks.decisions).toBeGreaterThan(5000);
    // Same answers to every action, and the same end state.
    const firstDiff = once.outcomes.findIndex((o, i) => o !== often.outcomes[i]);
    expect(firstDiff === -1 ? null : [firstDiff, often.outcomes[firstDiff], once.outcomes[firstDiff]]).toBeNull();
    expect(once.endState).toEqual(often.endState);
  }, 240_000);
});
