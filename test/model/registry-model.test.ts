import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { demoResidentId } from '../../src/app/demo/demo-identities.js';
import { SeededRandom } from '../../src/app/demo/seeded-random.js';
import { initRegistry } from '../../src/app/init-registry.js';
import { openEvaluator } from '../../src/app/open-evaluator.js';
import { OPERATOR } from '../../src/app/operator.js';
import { activatePolicy } from '../../src/app/policy-admin.js';
import { RegistryService } from '../../src/app/registry-service.js';
import { openRegistry, type Registry } from '../../src/app/registry.js';
import { rescoreAll } from '../../src/app/rescore.js';
import { resolveSubject } from '../../src/app/resolve-subject.js';
import type { Principal } from '../../src/core/access/authorize.js';
import { policyVersion } from '../../src/core/policy/policy-version.js';
import { defaultPolicy } from '../support/default-policy.js';

/**
 * Model-based test (fast-check commands): random sequences of ingest, resolve, retract, time moves
 * and policy changes, run against the registry and against a model of the rules a relying party
 * depends on, small enough to be obviously right:
 *   - a person is denied `air_travel.purchase` exactly while a dishonest-debtor or consumption-
 *     restriction record of theirs is active (not resolved, not retracted) and within the list's
 *     term from when the conduct occurred;
 *   - a score is the policy's base plus its reasons (to rounding), stays in range, and an adverse
 *     record never raises it.
 * Disputes, repairs and identity links are covered by the due-process simulation and the linkage
 * suites; they are not in this model yet.
 */
const DAY = 86_400_000;
const PEOPLE = 4;
const LISTING_TYPES = new Set(['judicial.dishonest_debtor', 'judicial.consumption_restriction']);
const TYPES = ['judicial.dishonest_debtor', 'judicial.consumption_restriction', 'societal.traffic_violation'] as const;
const BASE = defaultPolicy().scoring.base;
const RELYING: Principal = { id: 'rp', role: 'relying_party', source: null, subjectId: null, actions: ['air_travel.purchase'], purposes: ['ticket_sale'], label: null };

interface ModelRecord { ref: string; person: number; type: string; occurredAt: number; status: 'active' | 'resolved' | 'retracted'; revision: number }
interface Model { now: number; termYears: 1 | 2; next: number; records: ModelRecord[] }
interface Real { registry: Registry; service: RegistryService; clock: { now: number }; people: string[]; ids: string[] }

const iso = (ms: number) => new Date(ms).toISOString();
const addYears = (ms: number, years: number) => {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
};

function listed(m: Model, person: number): boolean {
  return m.records.some((r) => r.person === person && LISTING_TYPES.has(r.type) && r.status === 'active'
    && r.occurredAt <= m.now && m.now < addYears(r.occurredAt, m.termYears));
}

const recordOf = (r: ModelRecord, people: string[]) => ({
  source: 'court.model', ref: r.ref, revision: r.revision, type: r.type, subject: { kind: 'person', id: people[r.person]! },
  occurredAt: iso(r.occurredAt).slice(0, 10), status: r.status, // severity: the type's default
  attributes: { court: '模型法院' },
});

async function ingest(real: Real, raw: unknown) {
  const s = await real.service.ingest(OPERATOR, [raw]);
  expect(s.errors, JSON.stringify(s.errors)).toEqual([]);
}

async function score(real: Real, person: number) {
  return real.service.score(OPERATOR, real.ids[person]!, 'model_check');
}

class Ingest implements fc.AsyncCommand<Model, Real> {
  constructor(readonly person: number, readonly type: string, readonly daysAgo: number) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const r: ModelRecord = { ref: `M-${m.next++}`, person: this.person, type: this.type, occurredAt: m.now - this.daysAgo * DAY, status: 'active', revision: 1 };
    // Whole days: the record format carries dates.
    r.occurredAt = Date.parse(iso(r.occurredAt).slice(0, 10));
    const before = (await score(real, this.person)).score;
    m.records.push(r);
    await ingest(real, recordOf(r, real.people));
    expect((await score(real, this.person)).score).toBeLessThanOrEqual(before); // every type here is adverse
  }
  toString = () => `ingest(person ${this.person}, ${this.type}, ${this.daysAgo} days ago)`;
}

class Close implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly status: 'resolved' | 'retracted') {}
  check = (m: Readonly<Model>) => m.records.some((r) => r.status === 'active');
  async run(m: Model, real: Real) {
    const open = m.records.filter((r) => r.status === 'active');
    const r = open[this.pick % open.length]!;
    r.status = this.status;
    r.revision++;
    await ingest(real, recordOf(r, real.people));
  }
  toString = () => `${this.status === 'resolved' ? 'resolve' : 'retract'}(#${this.pick})`;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly days: number) {}
  check = () => true;
  async run(m: Model, real: Real) {
    m.now += this.days * DAY;
    real.clock.now = m.now;
    await real.service.tick();
  }
  toString = () => `advance(${this.days} days)`;
}

/** Move to just before or exactly at a listing's end: the boundary is where rules go wrong. */
class ToTermEnd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly offsetMs: -1 | 0) {}
  private target(m: Readonly<Model>): number | undefined {
    const ends = m.records.filter((r) => LISTING_TYPES.has(r.type)).map((r) => addYears(r.occurredAt, m.termYears) + this.offsetMs).filter((t) => t > m.now);
    return ends.length === 0 ? undefined : ends[this.pick % ends.length];
  }
  check = (m: Readonly<Model>) => this.target(m) !== undefined;
  async run(m: Model, real: Real) {
    m.now = this.target(m)!;
    real.clock.now = m.now;
    await new Check().run(m, real);
  }
  toString = () => `to a listing's end ${this.offsetMs ? '- 1 ms' : ''}(#${this.pick})`;
}

class ChangeTerm implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, real: Real) {
    m.termYears = m.termYears === 2 ? 1 : 2;
    const policy = defaultPolicy();
    for (const list of ['dishonest_judgment_debtors', 'consumption_restricted']) policy.lists[list]!.term = `P${m.termYears}Y`;
    await activatePolicy(real.registry, { policy, version: policyVersion(policy) }, '# model test variant');
    await rescoreAll(real.registry, await openEvaluator(real.registry), iso(m.now));
    // A running service takes up a policy activated elsewhere within a second (its evaluator cache);
    // simulated time does not pass, so the model starts a new one, as a restart would.
    real.service = new RegistryService(real.registry, real.registry.audit, real.registry.signer);
  }
  toString = () => 'toggle list term 1y/2y';
}

class Check implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, real: Real) {
    for (let person = 0; person < PEOPLE; person++) {
      const decision = await real.service.decide(RELYING, { subject: real.people[person]!, action: 'air_travel.purchase', purpose: 'ticket_sale' });
      expect(decision.effect, `person ${person} at ${iso(m.now)}`).toBe(listed(m, person) ? 'deny' : 'allow');
      const s = await score(real, person);
      const sum = s.reasons.reduce((a: number, r: { points: number }) => a + r.points, 0);
      expect(Math.abs(BASE + sum - s.score)).toBeLessThanOrEqual(0.51);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1000);
    }
  }
  toString = () => 'check decisions and scores';
}

const commands = [
  fc.tuple(fc.integer({ min: 0, max: PEOPLE - 1 }), fc.constantFrom(...TYPES), fc.integer({ min: 0, max: 1000 })).map(([p, t, d]) => new Ingest(p, t, d)),
  fc.tuple(fc.nat(), fc.constantFrom('resolved' as const, 'retracted' as const)).map(([i, s]) => new Close(i, s)),
  fc.integer({ min: 1, max: 500 }).map((d) => new Advance(d)),
  fc.tuple(fc.nat(), fc.constantFrom(-1 as const, 0 as const)).map(([i, o]) => new ToTermEnd(i, o)),
  fc.constant(new ChangeTerm()),
  fc.constant(new Check()),
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the registry against a model of its rules (fast-check commands)', () => {
  it('agrees with the model on decisions and score invariants over random histories', async () => {
    const random = new SeededRandom(3);
    const people = Array.from({ length: PEOPLE }, (_, k) => demoResidentId(random, `19${70 + k}-0${k + 1}-1${k}`, '110105'));
    let runs = 0;
    await fc.assert(fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      runs++;
      const dir = mkdtempSync(join(tmpdir(), 'xinyong-model-'));
      dirs.push(dir);
      const start = Date.parse('2024-01-01T00:00:00Z');
      const clock = { now: start };
      const registry = await openRegistry({ dbPath: join(dir, 'r.db'), masterKey: Buffer.alloc(32, 4).toString('base64') }, true);
      registry.clock = { now: () => iso(clock.now), simulated: true };
      try {
        await initRegistry(registry);
        const service = new RegistryService(registry, registry.audit, registry.signer);
        // Every person exists from the start (a traffic record each, which lists nobody).
        await service.ingest(OPERATOR, people.map((id, k) => ({
          source: 'police.model', ref: `T-${k}`, type: 'societal.traffic_violation', subject: { kind: 'person', id }, occurredAt: '2023-12-01',
          severity: 'minor', status: 'active', attributes: {},
        })));
        const ids = await Promise.all(people.map(async (id) => (await resolveSubject(registry, id)).id));
        const model: Model = { now: start, termYears: 2, next: 0, records: [] };
        await fc.asyncModelRun(() => ({ model, real: { registry, service, clock, people, ids } }), [...cmds, new Check()]);
      } finally {
        await registry.close();
      }
    }), { numRuns: Number(process.env.XY_MODEL_RUNS ?? 40), seed: 20261127, endOnFailure: true });
    process.stdout.write(`model-based test: ${runs} histories of up to 25 commands agreed with the model\n`);
  }, 120_000);
});
