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
import { XyFailure } from '../../src/app/xy-failure.js';
import type { Principal } from '../../src/core/access/authorize.js';
import { policyVersion } from '../../src/core/policy/policy-version.js';
import { defaultPolicy } from '../support/default-policy.js';

/**
 * Model-based test (fast-check commands): random sequences of ingest (with a full number, a masked
 * number or a name only), resolve, retract, time moves, policy changes, identity links (reviews
 * decided, unlinked, linked by hand), objections (filed, added to, answered, left to lapse) and credit repairs (applied
 * for, decided, left to the deadline), run against the registry through the service calls the HTTP
 * edge makes (a subject's, a furnisher's and an admin's principal), and against a model of the
 * rules a relying party and a subject depend on, small enough to be obviously right. The model
 * reads docs/policy.md and policy/default.yaml, not the implementation:
 *   - a record is listed while it is active (not resolved, not retracted), has occurred, is within
 *     its list's term from the conduct, is not suppressed and not repaired; a person is denied
 *     `air_travel.purchase` exactly while a listing on dishonest_judgment_debtors or
 *     consumption_restricted is not paused, and `subsidy.apply` while one on
 *     dishonest_judgment_debtors or major_tax_violation is not; every such measure pauses while
 *     the record behind it is disputed (each record makes its own entry);
 *   - a record counts in the score (has a reason) while it is not retracted, has occurred, is within
 *     its type's maximum publication term, and is neither suppressed nor repaired; a score is the
 *     policy's base plus its reasons (to rounding), stays in range, and an adverse record never
 *     raises it;
 *   - objections: the subject may dispute any record of its own that is not retracted and has no
 *     objection awaiting an answer; the furnisher owes an answer within 30 days (15 more, once,
 *     when the subject adds information). While open the record is disputed (it counts and lists,
 *     its measures pause); unanswered at the deadline it lapses and the record is suppressed (it
 *     neither counts nor lists) until answered. `upheld` lets the record stand (after a lapse it
 *     is `certified`), `withdrawn` retracts it, `corrected` is followed by the furnisher's
 *     corrected revision (another date of the conduct);
 *   - repairs: only a resolved record of a repairable type, from its minimum term until its
 *     maximum term ends, with no pending or approved repair and no objection awaiting an answer;
 *     decided by an admin before the deadline (three working days in +08:00 under the policy's
 *     holiday calendar), approved by the policy at the deadline; from the approval the record
 *     neither counts nor lists;
 *   - retention: five years after its publication ends a record is gone: it cannot be sent again,
 *     disputed or repaired, and its cases are not found.
 *   - identity links (docs/linkage.md): six people with distinct names and distinct masked numbers
 *     (first and last four digits); four are in the registry from the start, two only from their
 *     first record with the full number. A furnisher may name a person by the masked number and the
 *     name, or by the name alone: each such claim is one provisional subject. A new masked claim
 *     links to the person if the registry knows them; a name alone is never enough: a review against
 *     the best candidate (the person, or the root of their other claim; all tie on the name, so the
 *     smallest subject id); no candidate: it stays provisional. When a person's full number first
 *     arrives, each of their claim groups (a root linked nowhere, with what is linked into it) not
 *     waiting for a review of its root is weighed again: a masked number in it links the root, names
 *     alone queue a review. An admin decides reviews (link: into the candidate's root; refused once
 *     decided, when the claim is already linked, or as a cycle), unlinks (refused without a link),
 *     and links by hand within the same person (refused as above, and a subject with a full number
 *     is never linked). A link goes to the target's root. A record counts for person k iff it was
 *     sent with k's full number or its provisional subject is (transitively) linked into k's subject;
 *     a provisional subject linked anywhere shows none of its records, one linked nowhere shows its
 *     own and those linked into it. Whoever a record counts for may dispute it or apply to repair it.
 *     Two things are left out of the histories because the registry gets them wrong (see the skips
 *     in Answer and Unlink): withdrawing a record that came through a link, and unlinking a record
 *     that has an objection or a repair application.
 * Two properties run: one weighted towards due process, one towards identity links.
 */
const DAY = 86_400_000;
const PEOPLE = 6;
/** People 0..3 are in the registry (by their full number) from the start; the others only from their first record with it. */
const KNOWN_AT_START = 4;
/** Distinct names, none a variant of another: a masked number or a name fits one person only. */
const NAMES = ['张伟明', '李小红', '王建国', '赵丽华', '陈志远', '刘晓燕'];
const masked = (n: string) => `${n.slice(0, 4)}**********${n.slice(-4)}`;
const BASE = defaultPolicy().scoring.base;
const RELYING: Principal = { id: 'rp', role: 'relying_party', source: null, subjectId: null, actions: ['air_travel.purchase'], purposes: ['ticket_sale'], label: null };
const FUNDER: Principal = { id: 'funder', role: 'relying_party', source: null, subjectId: null, actions: ['subsidy.apply'], purposes: ['subsidy_review'], label: null };
const ADMIN: Principal = { id: 'admin:model', role: 'admin', source: null, subjectId: null, actions: [], purposes: [], label: 'model admin' };

type ListName = 'debtors' | 'restricted' | 'tax';
/** What default.yaml says of each type used here (severity: the type's default unless set). */
interface TypeRules { source: string; severity?: 'serious'; list: ListName | null; minYears: number; maxYears: number; repairable: boolean }
const RULES: Record<string, TypeRules> = {
  // serious by default: terms P0D..P3Y; removal by performance, never by repair
  'judicial.dishonest_debtor': { source: 'court.model', list: 'debtors', minYears: 0, maxYears: 3, repairable: false },
  'judicial.consumption_restriction': { source: 'court.model', list: 'restricted', minYears: 0, maxYears: 2, repairable: false },
  // sent as serious: the policy's serious terms P1Y..P3Y, and major_tax_violation takes serious cases only
  'commercial.tax_violation': { source: 'tax.model', severity: 'serious', list: 'tax', minYears: 1, maxYears: 3, repairable: true },
  // minor only (P0D..P1Y): minor records are not published, so it lists nobody
  'societal.traffic_violation': { source: 'police.model', list: null, minYears: 0, maxYears: 1, repairable: true },
};
const TYPES = Object.keys(RULES);
const ANSWER_WITHIN = 30 * DAY;
const EXTENSION = 15 * DAY;
const REPAIR_WORKING_DAYS = 3;
const RETENTION_YEARS = 5;
const CALENDAR = (() => {
  const d = defaultPolicy().dueProcess!;
  if (d.timeZone !== '+08:00') throw new Error(`the model counts working days in +08:00, the policy in ${d.timeZone}`);
  return { offset: 8 * 3_600_000, holidays: new Set(d.holidays ?? []), workingWeekends: new Set(d.workingWeekends ?? []) };
})();

/**
 * `claim`: sent without the person's full number, under one of the person's two claims (see ModelClaim);
 * absent: sent with the full number.
 */
interface ModelRecord { ref: string; person: number; type: string; occurredAt: number; status: 'active' | 'resolved' | 'retracted'; revision: number; claim?: string }
interface ModelObjection { id: string; ref: string; dueAt: number; extended: boolean; answered: boolean }
interface ModelRepair { id: string; ref: string; dueAt: number; decided: { at: number; approved: boolean } | null }
/** Where a subject's records count: a person's subject (full number), or a claim's provisional subject. */
type Node = { person: number } | { claim: string };
/**
 * One provisional subject: every record about `person` sent with the same evidence (`masked`: the name
 * and the masked number; `name`: the name alone) is held by it. `into`: the subject it is linked into.
 */
interface ModelClaim { key: string; person: number; kind: 'masked' | 'name'; subjectId: string; into: Node | null }
interface ModelReview { id: string; claim: string; candidate: Node; status: 'open' | 'linked' | 'rejected' }
interface Model {
  now: number; termYears: 1 | 2; next: number; records: ModelRecord[]; objections: ModelObjection[]; repairs: ModelRepair[];
  /** Whether the registry holds person k's full number (a record with it was accepted). */
  known: boolean[]; claims: ModelClaim[]; reviews: ModelReview[];
}
interface Real {
  registry: Registry; service: RegistryService; clock: { now: number }; people: string[];
  /** Each person's subject id, once the registry knows the person. */
  ids: Array<string | undefined>;
  /** The id of each model record's first revision, as its subject would name it. */
  recordIds: Map<string, string>;
}

/** What the histories exercised, so that a change that makes the model vacuous shows. */
const seen = new Map<string, number>();
const saw = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

const iso = (ms: number) => new Date(ms).toISOString();
const startOfDay = (ms: number) => Date.parse(iso(ms).slice(0, 10));
/** Calendar years, clamped to the month's last day (2024-02-29 + 1 year = 2025-02-28), as the policy's terms are. */
const addYears = (ms: number, years: number) => {
  const d = new Date(ms);
  const year = d.getUTCFullYear() + years;
  const last = new Date(Date.UTC(year, d.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(year, d.getUTCMonth(), Math.min(d.getUTCDate(), last)) + (ms - startOfDay(ms));
};
/** The end (next midnight, +08:00) of the n-th working day after the local day of `ms`. */
function workingDaysAfter(ms: number, n: number): number {
  let day = Math.floor((ms + CALENDAR.offset) / DAY);
  for (let left = n; left > 0; ) {
    day++;
    const date = new Date(day * DAY);
    const name = iso(day * DAY).slice(0, 10);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (CALENDAR.workingWeekends.has(name) || (!weekend && !CALENDAR.holidays.has(name))) left--;
  }
  return (day + 1) * DAY - CALENDAR.offset;
}

const rulesOf = (r: ModelRecord) => RULES[r.type]!;
const publicationEnd = (r: Pick<ModelRecord, 'type' | 'occurredAt'>) => addYears(r.occurredAt, RULES[r.type]!.maxYears);
const gone = (m: Readonly<Model>, r: Pick<ModelRecord, 'type' | 'occurredAt'>) => m.now >= addYears(publicationEnd(r), RETENTION_YEARS);
const awaiting = (m: Readonly<Model>, r: ModelRecord) => m.objections.filter((o) => o.ref === r.ref && !o.answered);
const disputed = (m: Readonly<Model>, r: ModelRecord) => awaiting(m, r).some((o) => m.now < o.dueAt);
const suppressed = (m: Readonly<Model>, r: ModelRecord) => awaiting(m, r).some((o) => m.now >= o.dueAt);
/** A repair as it stands: undecided before its deadline, approved by the policy at it. */
const repairDecision = (m: Readonly<Model>, rp: ModelRepair) => rp.decided ?? (m.now >= rp.dueAt ? { at: rp.dueAt, approved: true } : null);
const repaired = (m: Readonly<Model>, r: ModelRecord) => m.repairs.some((rp) => rp.ref === r.ref && repairDecision(m, rp)?.approved === true);

const claimOf = (m: Readonly<Model>, key: string) => m.claims.find((c) => c.key === key);
const nodeKey = (n: Node) => ('person' in n ? `person ${n.person}` : `claim ${n.claim}`);
/** Follow links to the subject that is linked nowhere (a person's subject never is: it has a full number). */
function rootOf(m: Readonly<Model>, n: Node): Node {
  for (let at = n, depth = 0; ; depth++) {
    if ('person' in at || depth > 16) return at;
    const into = claimOf(m, at.claim)!.into;
    if (!into) return at;
    at = into;
  }
}
/** The subject a record counts for: its holder's root. */
const countsFor = (m: Readonly<Model>, r: ModelRecord) => nodeKey(rootOf(m, r.claim ? { claim: r.claim } : { person: r.person }));
const nodeId = (m: Readonly<Model>, real: Real, n: Node) => ('person' in n ? real.ids[n.person]! : claimOf(m, n.claim)!.subjectId);

function counts(m: Readonly<Model>, r: ModelRecord): boolean {
  return r.status !== 'retracted' && r.occurredAt <= m.now && m.now < publicationEnd(r) && !suppressed(m, r) && !repaired(m, r);
}

function listing(m: Readonly<Model>, r: ModelRecord, list: ListName): boolean {
  const term = list === 'tax' ? 3 : m.termYears; // major_tax_violation: P3Y; the other two toggle
  return rulesOf(r).list === list && r.status === 'active' && r.occurredAt <= m.now && m.now < addYears(r.occurredAt, term)
    && !suppressed(m, r) && !repaired(m, r);
}

/** Whether some listing counting for the subject (`nodeKey`) on `list` has measures in force (not paused by a dispute). */
const enforced = (m: Readonly<Model>, node: string, list: ListName) =>
  m.records.some((r) => countsFor(m, r) === node && listing(m, r, list) && !disputed(m, r));

const subjectOf = (r: Pick<ModelRecord, 'person' | 'claim'>, people: string[]) => {
  const name = NAMES[r.person]!;
  if (!r.claim) return { kind: 'person', id: people[r.person]!, name };
  return r.claim.startsWith('masked') ? { kind: 'person', id: masked(people[r.person]!), name } : { kind: 'person', name };
};
const recordOf = (r: ModelRecord, people: string[]) => ({
  source: rulesOf(r).source, ref: r.ref, revision: r.revision, type: r.type, subject: subjectOf(r, people),
  occurredAt: iso(r.occurredAt).slice(0, 10), status: r.status, ...(rulesOf(r).severity ? { severity: rulesOf(r).severity } : {}),
  attributes: { court: '模型法院' },
});

const subjectKey = (real: Real, person: number): Principal =>
  ({ id: `subject:${person}`, role: 'subject', source: null, subjectId: real.ids[person]!, actions: [], purposes: [], label: null });
const furnisherKey = (r: ModelRecord): Principal =>
  ({ id: `furnisher:${rulesOf(r).source}`, role: 'furnisher', source: rulesOf(r).source, subjectId: null, actions: [], purposes: [], label: null });

/**
 * Who may file about a record (object, apply for repair): the person it counts for now. A record on a
 * provisional subject linked to no person has no one to file for it. Links stay within one person
 * here, so a case's filer is always the record's person, whatever is linked or unlinked later.
 */
function filerOf(m: Readonly<Model>, r: ModelRecord): number | undefined {
  const root = rootOf(m, r.claim ? { claim: r.claim } : { person: r.person });
  return 'person' in root ? root.person : undefined;
}

/** The id of a record's first revision, as the person it counts for sees it (read when first needed for a record sent without the number). */
async function recordIdOf(m: Readonly<Model>, real: Real, r: ModelRecord): Promise<string> {
  const known = real.recordIds.get(r.ref);
  if (known) return known;
  const id = real.ids[filerOf(m, r)!]!;
  const found = ((await real.registry.store.revisionsOfSubjects([id])).get(id) ?? []).find((x) => x.ref === r.ref && x.revision === 1)?.id;
  if (!found) return '00000000-0000-4000-8000-000000000000'; // erased already: no record to name
  real.recordIds.set(r.ref, found);
  return found;
}

async function ingest(real: Real, raw: unknown, p: Principal = OPERATOR) {
  const s = await real.service.ingest(p, [raw]);
  expect(s.errors, JSON.stringify(s.errors)).toEqual([]);
}

/** An ingest the model expects refused with one of `codes`. */
async function refusedIngest(real: Real, raw: unknown, codes: string[], p: Principal = OPERATOR) {
  const s = await real.service.ingest(p, [raw]);
  expect(s.errors.map((e) => e.code), `${JSON.stringify(raw)} should be refused`).toHaveLength(1);
  expect(codes).toContain(s.errors[0]!.code);
}

type Attempt<T> = { ok: true; value: T } | { ok: false; code: string };
async function attempt<T>(f: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    if (e instanceof XyFailure) return { ok: false, code: e.error.code };
    throw e;
  }
}

/** The model's verdict: accepted (no refusals), or refused with one of these codes (the rules do not rank them). */
function expectOutcome<T>(got: Attempt<T>, refusals: string[], kind: string, what: string): got is { ok: true; value: T } {
  saw(`${kind}: ${got.ok ? 'accepted' : got.code}`);
  if (refusals.length === 0) {
    expect(got.ok ? 'accepted' : got.code, `${what}: the model accepts it`).toBe('accepted');
    return true;
  }
  expect(refusals, `${what}: the model refuses it`).toContain(got.ok ? 'accepted' : got.code);
  return false;
}

async function score(real: Real, person: number) {
  return real.service.score(OPERATOR, real.ids[person]!, 'model_check');
}

/** The refs of the model's records among a subject's score reasons (the registry names each by its revision id). */
async function countedRefs(real: Real, subjectId: string, reasons: ReadonlyArray<{ recordId: string }>): Promise<string[]> {
  const refOf = new Map(((await real.registry.store.revisionsOfSubjects([subjectId])).get(subjectId) ?? []).map((x) => [x.id, x.ref]));
  return reasons.map((x) => refOf.get(x.recordId) ?? x.recordId).filter((ref) => ref.startsWith('M-')).sort();
}

class Ingest implements fc.AsyncCommand<Model, Real> {
  /** `resolved`: the furnisher reports the conduct already ended (a fine paid) in the first revision. */
  constructor(readonly person: number, readonly type: string, readonly daysAgo: number, readonly status: 'active' | 'resolved') {}
  check = () => true;
  async run(m: Model, real: Real) {
    const r: ModelRecord = { ref: `M-${m.next++}`, person: this.person, type: this.type, occurredAt: m.now - this.daysAgo * DAY, status: this.status, revision: 1 };
    // Whole days: the record format carries dates.
    r.occurredAt = startOfDay(r.occurredAt);
    const before = m.known[this.person] ? (await score(real, this.person)).score : BASE;
    m.records.push(r);
    await ingest(real, recordOf(r, real.people));
    if (!m.known[this.person]) {
      // The person's first record with the full number: the registry knows them from now on.
      saw('ingest: a person first known');
      m.known[this.person] = true;
      real.ids[this.person] = (await resolveSubject(real.registry, real.people[this.person]!)).id;
      await reverseLinkage(m, real, this.person);
    }
    const revisions = (await real.registry.store.revisionsOfSubjects([real.ids[this.person]!])).get(real.ids[this.person]!) ?? [];
    real.recordIds.set(r.ref, revisions.find((x) => x.ref === r.ref && x.revision === 1)!.id);
    expect((await score(real, this.person)).score).toBeLessThanOrEqual(before); // every type here is adverse
  }
  toString = () => `ingest(person ${this.person}, ${this.type}, ${this.daysAgo} days ago${this.status === 'resolved' ? ', resolved' : ''})`;
}

class Close implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly status: 'resolved' | 'retracted') {}
  check = (m: Readonly<Model>) => m.records.some((r) => r.status === 'active');
  async run(m: Model, real: Real) {
    const open = m.records.filter((r) => r.status === 'active');
    const r = open[this.pick % open.length]!;
    const next = { ...r, status: this.status, revision: r.revision + 1 };
    // Past its retention the registry keeps no record to close: refused (erased, or about to be).
    if (gone(m, r)) return refusedIngest(real, recordOf(next, real.people), ['XY_RECORD_PAST_RETENTION', 'XY_RECORD_ERASED']);
    Object.assign(r, next);
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
    const ends = m.records.filter((r) => rulesOf(r).list !== null)
      .map((r) => addYears(r.occurredAt, rulesOf(r).list === 'tax' ? 3 : m.termYears) + this.offsetMs).filter((t) => t > m.now);
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

/** Move to just before or exactly at a case's deadline (an objection's answer, a repair's decision), with or without a tick. */
class ToDeadline implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly offsetMs: -1 | 0, readonly tick: boolean) {}
  private target(m: Readonly<Model>): number | undefined {
    const dues = [...m.objections.filter((o) => !o.answered).map((o) => o.dueAt), ...m.repairs.filter((rp) => rp.decided === null).map((rp) => rp.dueAt)]
      .map((t) => t + this.offsetMs).filter((t) => t > m.now);
    return dues.length === 0 ? undefined : dues[this.pick % dues.length];
  }
  check = (m: Readonly<Model>) => this.target(m) !== undefined;
  async run(m: Model, real: Real) {
    m.now = this.target(m)!;
    real.clock.now = m.now;
    if (this.tick) await real.service.tick();
    await new Check().run(m, real);
  }
  toString = () => `to a case's deadline ${this.offsetMs ? '- 1 ms' : ''}(#${this.pick}${this.tick ? ', tick' : ''})`;
}

/** Move to just before or exactly at the end of a record's retention (a tick erases it then). */
class ToErasure implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly offsetMs: -1 | 0) {}
  private target(m: Readonly<Model>): number | undefined {
    const ends = m.records.map((r) => addYears(publicationEnd(r), RETENTION_YEARS) + this.offsetMs).filter((t) => t > m.now);
    return ends.length === 0 ? undefined : ends[this.pick % ends.length];
  }
  check = (m: Readonly<Model>) => this.target(m) !== undefined;
  async run(m: Model, real: Real) {
    m.now = this.target(m)!;
    real.clock.now = m.now;
    await real.service.tick();
  }
  toString = () => `to a record's erasure ${this.offsetMs ? '- 1 ms' : ''}(#${this.pick})`;
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

/** The subject disputes one of its records (POST /v1/objections). */
class Dispute implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  private pool = (m: Readonly<Model>) => m.records.filter((r) => filerOf(m, r) !== undefined);
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const r = pool[this.pick % pool.length]!;
    const refusals = gone(m, r) ? ['XY_RECORD_NOT_FOUND'] : [
      ...(r.status === 'retracted' ? ['XY_OBJECTION_NOT_ALLOWED'] : []),
      ...(awaiting(m, r).length > 0 ? ['XY_OBJECTION_EXISTS'] : []),
    ];
    if (r.claim) saw('objection: to a record linked to the person');
    const recordId = await recordIdOf(m, real, r);
    const got = await attempt(() => real.service.cases.fileObjection(subjectKey(real, filerOf(m, r)!), { recordId, statement: '此记录有误。' }));
    if (!expectOutcome(got, refusals, `objection`, `objection to ${r.ref}`)) return;
    expect(got.value.status).toBe('open');
    expect(got.value.dueAt).toBe(iso(m.now + ANSWER_WITHIN));
    m.objections.push({ id: got.value.id, ref: r.ref, dueAt: m.now + ANSWER_WITHIN, extended: false, answered: false });
  }
  toString = () => `dispute(#${this.pick})`;
}

/** The subject adds information to an objection (POST /v1/objections/{id}/information). */
class AddInformation implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.objections.length > 0;
  async run(m: Model, real: Real) {
    const o = m.objections[this.pick % m.objections.length]!;
    const r = m.records.find((x) => x.ref === o.ref)!;
    const refusals = gone(m, r) ? ['XY_CASE_NOT_FOUND'] : o.answered || m.now >= o.dueAt ? ['XY_OBJECTION_STATE'] : [];
    const got = await attempt(() => real.service.cases.addInformation(subjectKey(real, r.person), o.id, '补充材料：收据。'));
    if (!expectOutcome(got, refusals, `information`, `information for objection to ${r.ref}`)) return;
    if (!o.extended) o.dueAt += EXTENSION;
    o.extended = true;
    expect(got.value.dueAt).toBe(iso(o.dueAt));
  }
  toString = () => `add information(#${this.pick})`;
}

/** The furnisher answers an objection (POST /v1/objections/{id}/resolution); a correction is followed by the corrected revision. */
class Answer implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly outcome: 'upheld' | 'corrected' | 'withdrawn', readonly shiftDays: number, readonly anyCase: boolean) {}
  private pool = (m: Readonly<Model>) => (this.anyCase ? m.objections : m.objections.filter((o) => !o.answered));
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const o = pool[this.pick % pool.length]!;
    const r = m.records.find((x) => x.ref === o.ref)!;
    // Not modelled: withdrawing a record that reached the person through a link is refused (XY_RECORD_CONFLICT
    // while linked, XY_RECORD_NOT_FOUND after an unlink): retractRecord appends the retraction to the
    // objection's subject, not to the provisional subject holding the record. Reported; skipped here.
    if (this.outcome === 'withdrawn' && r.claim && !o.answered && !gone(m, r)) return;
    const refusals = gone(m, r) ? ['XY_CASE_NOT_FOUND'] : o.answered ? ['XY_OBJECTION_STATE'] : [];
    const got = await attempt(() => real.service.cases.answerObjection(furnisherKey(r), o.id, { outcome: this.outcome }));
    if (!expectOutcome(got, refusals, `answer ${this.outcome}`, `${this.outcome} answer to the objection to ${r.ref}`)) return;
    // After a lapse, standing by the record certifies it.
    expect(got.value.status).toBe(this.outcome === 'upheld' && m.now >= o.dueAt ? 'certified' : this.outcome);
    saw(`answered: ${got.value.status}`);
    o.answered = true;
    if (this.outcome === 'withdrawn' && r.status !== 'retracted') {
      r.status = 'retracted';
      r.revision++;
    }
    if (this.outcome === 'corrected') {
      // The corrected revision: another date of the conduct (never after today).
      const next = { ...r, revision: r.revision + 1, occurredAt: Math.min(startOfDay(m.now), r.occurredAt + this.shiftDays * DAY) };
      if (gone(m, next)) return refusedIngest(real, recordOf(next, real.people), ['XY_RECORD_PAST_RETENTION'], furnisherKey(r));
      Object.assign(r, next);
      await ingest(real, recordOf(r, real.people), furnisherKey(r));
    }
  }
  toString = () => `answer ${this.outcome}${this.outcome === 'corrected' ? ` (${this.shiftDays} days)` : ''}(#${this.pick}${this.anyCase ? ' of all' : ''})`;
}

/** The subject applies to repair one of its records (POST /v1/repairs). */
class ApplyForRepair implements fc.AsyncCommand<Model, Real> {
  /** `anyRecord` false: a resolved record of a repairable type within its term (the others are refused for sure). */
  constructor(readonly pick: number, readonly anyRecord: boolean) {}
  private pool = (m: Readonly<Model>) => m.records.filter((r) => filerOf(m, r) !== undefined)
    .filter((r) => this.anyRecord || (r.status === 'resolved' && rulesOf(r).repairable && m.now < publicationEnd(r)));
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const r = pool[this.pick % pool.length]!;
    const rules = rulesOf(r);
    const refusals = gone(m, r) ? ['XY_RECORD_NOT_FOUND'] : [
      ...(!rules.repairable || r.status !== 'resolved' || m.now < addYears(r.occurredAt, rules.minYears) || m.now >= publicationEnd(r)
        || awaiting(m, r).length > 0 ? ['XY_REPAIR_NOT_ELIGIBLE'] : []),
      ...(m.repairs.some((rp) => rp.ref === r.ref && repairDecision(m, rp)?.approved !== false) ? ['XY_REPAIR_EXISTS'] : []),
    ];
    if (r.claim) saw('repair: of a record linked to the person');
    const recordId = await recordIdOf(m, real, r);
    const got = await attempt(() => real.service.cases.applyForRepair(subjectKey(real, filerOf(m, r)!), { recordId, commitment: '本人承诺今后守法守信。' }));
    if (!expectOutcome(got, refusals, `repair`, `repair of ${r.ref}`)) return;
    expect(got.value.status).toBe('pending');
    expect(got.value.dueAt).toBe(iso(workingDaysAfter(m.now, REPAIR_WORKING_DAYS)));
    m.repairs.push({ id: got.value.id, ref: r.ref, dueAt: workingDaysAfter(m.now, REPAIR_WORKING_DAYS), decided: null });
  }
  toString = () => `apply for repair(#${this.pick}${this.anyRecord ? ' of all' : ' of the resolved'})`;
}

/** An admin decides a repair application (POST /v1/repairs/{id}/decision). */
class DecideRepair implements fc.AsyncCommand<Model, Real> {
  /** `anyCase` false: one still pending. */
  constructor(readonly pick: number, readonly approve: boolean, readonly anyCase: boolean) {}
  private pool = (m: Readonly<Model>) => (this.anyCase ? m.repairs : m.repairs.filter((rp) => repairDecision(m, rp) === null));
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const rp = pool[this.pick % pool.length]!;
    const r = m.records.find((x) => x.ref === rp.ref)!;
    const refusals = gone(m, r) ? ['XY_CASE_NOT_FOUND'] : repairDecision(m, rp) !== null ? ['XY_REPAIR_STATE'] : [];
    const got = await attempt(() => real.service.cases.decideRepair(ADMIN, rp.id, { approve: this.approve }));
    if (!expectOutcome(got, refusals, `decision`, `decision on the repair of ${r.ref}`)) return;
    expect(got.value.status).toBe(this.approve ? 'approved' : 'rejected');
    rp.decided = { at: m.now, approved: this.approve };
  }
  toString = () => `${this.approve ? 'approve' : 'reject'} repair(#${this.pick}${this.anyCase ? ' of all' : ''})`;
}

/** A furnisher sends a record about a person without the full number: the masked number and the name, or the name alone. */
class IngestClaim implements fc.AsyncCommand<Model, Real> {
  constructor(readonly person: number, readonly kind: 'masked' | 'name', readonly type: string, readonly daysAgo: number, readonly status: 'active' | 'resolved') {}
  check = () => true;
  async run(m: Model, real: Real) {
    const key = `${this.kind}${this.person}`;
    const r: ModelRecord = {
      ref: `M-${m.next++}`, person: this.person, type: this.type, occurredAt: startOfDay(m.now - this.daysAgo * DAY), status: this.status, revision: 1, claim: key,
    };
    const existing = claimOf(m, key);
    // What ingest decides for a new provisional subject, predicted before the record arrives.
    const expected = existing ? null : expectedLinkage(m, real, this.person, this.kind);
    m.records.push(r);
    await ingest(real, recordOf(r, real.people));
    if (existing) {
      saw(`ingest ${this.kind}: to its provisional subject`);
      return;
    }
    const subject = (await real.registry.store.subjectPage(null, 1000)).filter((x) => x.idKind === null && x.name === NAMES[this.person]
      && x.idMasked === (this.kind === 'masked' ? masked(real.people[this.person]!) : null));
    expect(subject, `one provisional subject for ${key}`).toHaveLength(1);
    const claim: ModelClaim = { key, person: this.person, kind: this.kind, subjectId: subject[0]!.id, into: null };
    m.claims.push(claim);
    const link = (await real.registry.store.activeLinksOf([claim.subjectId])).get(claim.subjectId);
    const reviews = (await real.registry.store.reviewsOfSubjects([claim.subjectId])).filter((v) => v.subjectId === claim.subjectId);
    saw(`ingest ${this.kind}: ${expected!.decision}`);
    expect(link?.targetId ?? null, `${key} linked at ingest`).toBe(expected!.decision === 'link' ? nodeId(m, real, expected!.into!) : null);
    expect(reviews.map((v) => [v.status, v.candidateId]), `${key} reviews at ingest`)
      .toEqual(expected!.decision === 'review' ? [['open', nodeId(m, real, expected!.into!)]] : []);
    if (expected!.decision === 'link') claim.into = expected!.into!;
    if (expected!.decision === 'review') m.reviews.push({ id: reviews[0]!.id, claim: key, candidate: expected!.into!, status: 'open' });
  }
  toString = () => `ingest ${this.kind}(person ${this.person}, ${this.type}, ${this.daysAgo} days ago${this.status === 'resolved' ? ', resolved' : ''})`;
}

/**
 * The model's linkage of a new provisional subject (docs/linkage.md): a masked number whose visible
 * digits and name fit the one person the registry knows links to that person; a name alone is
 * never enough: a review against the best candidate (all tie on the name: the smallest subject id);
 * no candidate: it stays provisional. Candidates are the subjects sharing a blocking key (only the
 * same person's subject and claims here), each taken as the root of its links.
 */
function expectedLinkage(m: Readonly<Model>, real: Real, person: number, kind: 'masked' | 'name'): { decision: 'link' | 'review' | 'provisional'; into?: Node } {
  if (kind === 'masked' && m.known[person]) return { decision: 'link', into: { person } };
  const other = claimOf(m, `${kind === 'masked' ? 'name' : 'masked'}${person}`);
  const roots = new Map<string, Node>();
  if (m.known[person]) roots.set(nodeKey({ person }), { person });
  if (other) roots.set(nodeKey(rootOf(m, { claim: other.key })), rootOf(m, { claim: other.key }));
  const ranked = [...roots.values()].sort((a, b) => (nodeId(m, real, a) < nodeId(m, real, b) ? -1 : 1));
  return ranked.length === 0 ? { decision: 'provisional' } : { decision: 'review', into: ranked[0]! };
}

/**
 * A person's full number arrives after records about them without it: each group of their provisional
 * subjects (a root linked nowhere, with what is linked into it) that waits for no review of its root is
 * weighed against the person as if its records arrived now, by its strongest evidence: a masked number
 * (with the name) links the root to the person, names alone queue a review of the root.
 */
async function reverseLinkage(m: Model, real: Real, person: number) {
  const roots = new Map<string, ModelClaim>();
  for (const c of m.claims.filter((x) => x.person === person)) {
    const root = rootOf(m, { claim: c.key });
    if ('claim' in root) roots.set(root.claim, claimOf(m, root.claim)!);
  }
  for (const c of m.claims.filter((x) => x.person === person)) {
    const link = (await real.registry.store.activeLinksOf([c.subjectId])).get(c.subjectId);
    const waiting = m.reviews.filter((v) => v.claim === c.key && v.status === 'open');
    const group = m.claims.filter((x) => nodeKey(rootOf(m, { claim: x.key })) === nodeKey({ claim: c.key }));
    if (roots.has(c.key) && waiting.length === 0) {
      const strongest = group.some((x) => x.kind === 'masked') ? 'link' : 'review';
      saw(`ingest: a later number ${strongest === 'link' ? 'links' : 'reviews'} a ${group.length > 1 ? 'group' : 'claim'}`);
      if (strongest === 'link') c.into = { person };
      else {
        const fresh = (await real.registry.store.reviewsOfSubjects([c.subjectId])).filter((v) => v.subjectId === c.subjectId && v.status === 'open');
        expect(fresh.map((v) => v.candidateId), `${c.key} reviewed when person ${person} came`).toEqual([real.ids[person]]);
        m.reviews.push({ id: fresh[0]!.id, claim: c.key, candidate: { person }, status: 'open' });
      }
    } else {
      saw('ingest: a later number leaves a claim');
    }
    expect(link?.targetId ?? null, `${c.key} link after person ${person} came`).toBe(c.into ? nodeId(m, real, c.into) : null);
    const open = (await real.registry.store.reviewsOfSubjects([c.subjectId])).filter((v) => v.subjectId === c.subjectId && v.status === 'open');
    expect(open.map((v) => v.id).sort(), `${c.key} reviews after person ${person} came`)
      .toEqual(m.reviews.filter((v) => v.claim === c.key && v.status === 'open').map((v) => v.id).sort());
  }
}

/** An admin decides a link review (POST /v1/links/reviews/{id}/decision). */
class DecideReview implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly outcome: 'link' | 'reject', readonly anyReview: boolean) {}
  private pool = (m: Readonly<Model>) => (this.anyReview ? m.reviews : m.reviews.filter((v) => v.status === 'open'));
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const v = pool[this.pick % pool.length]!;
    const claim = claimOf(m, v.claim)!;
    const target = rootOf(m, v.candidate);
    if (v.status === 'open') {
      const queue = await real.service.links.queue(ADMIN, 100);
      expect(queue.map((q) => q.review.id), 'the open review is in the queue').toContain(v.id);
    }
    const refusals = v.status !== 'open' ? ['XY_LINK_REVIEW_DECIDED']
      : this.outcome === 'link' && (claim.into !== null || nodeKey(target) === nodeKey({ claim: claim.key })) ? ['XY_LINK_NOT_ALLOWED'] : [];
    const got = await attempt(() => real.service.links.decideReview(ADMIN, v.id, { outcome: this.outcome }));
    if (!expectOutcome(got, refusals, `review ${this.outcome}`, `${this.outcome} review of ${v.claim}`)) return;
    v.status = this.outcome === 'link' ? 'linked' : 'rejected';
    expect(got.value.status).toBe(v.status);
    if (this.outcome === 'link') claim.into = target;
    const link = (await real.registry.store.activeLinksOf([claim.subjectId])).get(claim.subjectId);
    expect(link?.targetId ?? null).toBe(claim.into ? nodeId(m, real, claim.into) : null);
  }
  toString = () => `${this.outcome} review(#${this.pick}${this.anyReview ? ' of all' : ''})`;
}

/** An admin unlinks a provisional subject (POST /v1/subjects/{id}/unlink): its records are its own again. */
class Unlink implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly anyClaim: boolean) {}
  private pool = (m: Readonly<Model>) => (this.anyClaim ? m.claims : m.claims.filter((c) => c.into !== null));
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const c = pool[this.pick % pool.length]!;
    // Not modelled: unlinking a record that has an objection or a repair application. Its case stays with the
    // person's subject, and the record, back on the provisional subject, counts and lists as if it had none
    // (a lapsed objection no longer suppresses it; the furnisher cannot withdraw it). Reported; skipped here.
    const moved = m.records.filter((r) => r.claim && filerOf(m, r) !== undefined && filerOf({ ...m, claims: m.claims.map((x) => (x === c ? { ...x, into: null } : x)) }, r) === undefined);
    if (moved.some((r) => m.objections.some((o) => o.ref === r.ref) || m.repairs.some((rp) => rp.ref === r.ref))) {
      saw('unlink: skipped (a moved record has a case)');
      return;
    }
    const got = await attempt(() => real.service.links.unlink(ADMIN, c.subjectId, 'model: not the same person'));
    if (!expectOutcome(got, c.into === null ? ['XY_LINK_NOT_FOUND'] : [], 'unlink', `unlink of ${c.key}`)) return;
    expect(got.value.targetId).toBe(nodeId(m, real, c.into!));
    c.into = null;
  }
  toString = () => `unlink(#${this.pick}${this.anyClaim ? ' of all' : ''})`;
}

/**
 * An admin links by hand (POST /v1/subjects/{id}/link): a provisional subject into the same person's
 * subject or other claim; `wrongWay`: the person's subject (a full number) into a claim, refused.
 */
class LinkByHand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly target: number, readonly wrongWay: boolean) {}
  private pool = (m: Readonly<Model>) => m.claims.filter((c) => !this.wrongWay || m.known[c.person]);
  check = (m: Readonly<Model>) => this.pool(m).length > 0;
  async run(m: Model, real: Real) {
    const pool = this.pool(m);
    const c = pool[this.pick % pool.length]!;
    if (this.wrongWay) {
      const got = await attempt(() => real.service.links.link(ADMIN, real.ids[c.person]!, c.subjectId));
      expectOutcome(got, ['XY_LINK_NOT_ALLOWED'], 'link', `link of person ${c.person} into ${c.key}`);
      return;
    }
    const other = claimOf(m, `${c.kind === 'masked' ? 'name' : 'masked'}${c.person}`);
    const targets: Node[] = [...(m.known[c.person] ? [{ person: c.person }] : []), ...(other ? [{ claim: other.key }] : [])];
    if (targets.length === 0) return;
    const target = targets[this.target % targets.length]!;
    const root = rootOf(m, target);
    const refusals = c.into !== null || nodeKey(root) === nodeKey({ claim: c.key }) ? ['XY_LINK_NOT_ALLOWED'] : [];
    const got = await attempt(() => real.service.links.link(ADMIN, c.subjectId, nodeId(m, real, target), 'model'));
    if (!expectOutcome(got, refusals, 'link', `link of ${c.key} into ${nodeKey(target)}`)) return;
    // A link goes to the target's root.
    expect(got.value.targetId).toBe(nodeId(m, real, root));
    c.into = root;
  }
  toString = () => (this.wrongWay ? `link a person into a claim(#${this.pick})` : `link by hand(#${this.pick} into #${this.target})`);
}

class Check implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, real: Real) {
    const decide = async (subject: string, node: string, at: string) => {
      const air = await real.service.decide(RELYING, { subject, action: 'air_travel.purchase', purpose: 'ticket_sale' });
      expect(air.effect, `air travel, ${at}`).toBe(enforced(m, node, 'debtors') || enforced(m, node, 'restricted') ? 'deny' : 'allow');
      const subsidy = await real.service.decide(FUNDER, { subject, action: 'subsidy.apply', purpose: 'subsidy_review' });
      expect(subsidy.effect, `subsidy, ${at}`).toBe(enforced(m, node, 'debtors') || enforced(m, node, 'tax') ? 'deny' : 'allow');
    };
    const expectedRefs = (node: string) => m.records.filter((r) => countsFor(m, r) === node && counts(m, r)).map((r) => r.ref).sort();
    for (let person = 0; person < PEOPLE; person++) {
      const at = `person ${person} at ${iso(m.now)}`;
      const node = nodeKey({ person });
      if (!m.known[person]) {
        // Unknown by number: nothing sent without it reaches the person, and the number names no subject.
        expect(expectedRefs(node)).toEqual([]);
        const got = await attempt(() => real.service.decide(RELYING, { subject: real.people[person]!, action: 'air_travel.purchase', purpose: 'ticket_sale' }));
        expect(got.ok ? 'accepted' : got.code, `decision, ${at}`).toBe('XY_SUBJECT_NOT_FOUND');
        if (m.claims.some((c) => c.person === person)) saw('check: claims about a person not known yet');
        continue;
      }
      await decide(real.people[person]!, node, at);
      const s = await score(real, person);
      const sum = s.reasons.reduce((a: number, r: { points: number }) => a + r.points, 0);
      expect(Math.abs(BASE + sum - s.score)).toBeLessThanOrEqual(0.51);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1000);
      for (const r of m.records.filter((x) => x.person === person)) {
        if (rulesOf(r).list && disputed(m, r) && listing(m, r, rulesOf(r).list!)) saw('check: a listing paused by a dispute');
        if (suppressed(m, r) && r.status !== 'retracted' && r.occurredAt <= m.now && m.now < publicationEnd(r)) saw('check: a live record suppressed');
        if (repaired(m, r) && r.status !== 'retracted' && m.now < publicationEnd(r)) saw('check: a live record repaired');
        if (r.claim && countsFor(m, r) === node && counts(m, r)) saw(`check: a ${claimOf(m, r.claim)!.kind} record counted through a link`);
      }
      // Which of the model's records count: each live record gives one reason.
      expect(await countedRefs(real, real.ids[person]!, s.reasons), `records counted in the score, ${at}`).toEqual(expectedRefs(node));
    }
    // A provisional subject: its own records (and those linked into it) while linked nowhere; none while linked.
    for (const c of m.claims) {
      const at = `${c.key}${c.into ? ` (linked into ${nodeKey(c.into)})` : ''} at ${iso(m.now)}`;
      const node = nodeKey({ claim: c.key });
      await decide(c.subjectId, node, at);
      const s = await real.service.score(OPERATOR, c.subjectId, 'model_check');
      expect(await countedRefs(real, c.subjectId, s.reasons), `records counted in the score, ${at}`).toEqual(expectedRefs(node));
      if (c.into && m.records.some((r) => r.claim === c.key && counts(m, r))) saw('check: a linked provisional subject without its records');
      if (!c.into && m.records.some((r) => r.claim === c.key && counts(m, r))) saw('check: a provisional subject with its own records');
    }
  }
  toString = () => 'check decisions and scores';
}

const nat = fc.nat();
const ingestCommandAbout = (person: fc.Arbitrary<number>) => fc.tuple(
  person, fc.constantFrom(...TYPES), fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1000 })),
  fc.constantFrom('active' as const, 'active' as const, 'resolved' as const),
).map(([p, t, d, s]) => new Ingest(p, t, d, s));
const ingestCommand = ingestCommandAbout(fc.integer({ min: 0, max: PEOPLE - 1 }));
// The people the registry does not know at first: the first record with the number links their claims (or queues them).
const lateIngestCommand = ingestCommandAbout(fc.integer({ min: KNOWN_AT_START, max: PEOPLE - 1 }));
// Half of them about the people the registry does not know at first: their claims wait for the number.
const claimCommand = (kind: 'masked' | 'name') => fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: PEOPLE - 1 }), fc.integer({ min: KNOWN_AT_START, max: PEOPLE - 1 })), fc.constantFrom(...TYPES.filter((t) => RULES[t]!.list !== null)), fc.integer({ min: 0, max: 60 }),
  fc.constantFrom('active' as const, 'active' as const, 'resolved' as const),
).map(([p, t, d, s]) => new IngestClaim(p, kind, t, d, s));
const closeCommand = fc.tuple(nat, fc.constantFrom('resolved' as const, 'retracted' as const)).map(([i, s]) => new Close(i, s));
// Several steps of a few days (deadlines are 30 days and 3 working days away), and some of years.
const advanceCommand = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 500 })).map((d) => new Advance(d));
const applyCommand = fc.tuple(nat, fc.boolean()).map(([i, a]) => new ApplyForRepair(i, a));
const decideCommand = fc.tuple(nat, fc.boolean(), fc.boolean()).map(([i, a, c]) => new DecideRepair(i, a, c));
const answerCommand = fc.tuple(nat, fc.constantFrom('upheld' as const, 'corrected' as const, 'withdrawn' as const), fc.integer({ min: -400, max: 400 }), fc.boolean())
  .map(([i, o, d, a]) => new Answer(i, o, d, a));
const toDeadlineCommand = fc.tuple(nat, fc.constantFrom(-1 as const, 0 as const), fc.boolean()).map(([i, o, t]) => new ToDeadline(i, o, t));
const decideReviewCommand = fc.tuple(nat, fc.constantFrom('link' as const, 'link' as const, 'reject' as const), fc.boolean()).map(([i, o, a]) => new DecideReview(i, o, a));
const unlinkCommand = fc.tuple(nat, fc.boolean()).map(([i, a]) => new Unlink(i, a));
const linkByHandCommand = fc.tuple(nat, nat, fc.boolean()).map(([i, t, w]) => new LinkByHand(i, t, w));
const toTermEndCommand = fc.tuple(nat, fc.constantFrom(-1 as const, 0 as const)).map(([i, o]) => new ToTermEnd(i, o));
// Rarer: each of these ends most of a history's records (years pass) or restarts the service.
const yearsCommand = fc.oneof(fc.constant(new ChangeTerm()), fc.tuple(nat, fc.constantFrom(-1 as const, 0 as const)).map(([i, o]) => new ToErasure(i, o)));
// fc.commands picks uniformly among these: a repeated one is picked more often.
const dueProcessCommands = [
  ingestCommand, ingestCommand,
  closeCommand, closeCommand,
  advanceCommand, advanceCommand,
  toTermEndCommand,
  toDeadlineCommand, toDeadlineCommand,
  yearsCommand,
  nat.map((i) => new Dispute(i)), nat.map((i) => new Dispute(i)),
  nat.map((i) => new AddInformation(i)),
  answerCommand, answerCommand,
  applyCommand, applyCommand,
  decideCommand, decideCommand,
  fc.constant(new Check()),
];
// Identity links first: records without the full number, reviews, unlinking and linking by hand.
const linkageCommands = [
  ingestCommand, lateIngestCommand,
  closeCommand,
  advanceCommand, advanceCommand,
  toTermEndCommand, toDeadlineCommand, yearsCommand,
  nat.map((i) => new Dispute(i)), answerCommand,
  claimCommand('masked'), claimCommand('masked'), claimCommand('name'), claimCommand('name'),
  decideReviewCommand, decideReviewCommand,
  unlinkCommand,
  linkByHandCommand, linkByHandCommand,
  fc.constant(new Check()),
];

const MAX_COMMANDS = 40;
const SEED = 20261127;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Run `numRuns` random histories of `commands` against a fresh registry and the model each; then check the histories reached `required`. */
async function agreesWithModel(what: string, commands: ReadonlyArray<fc.Arbitrary<fc.AsyncCommand<Model, Real>>>, defaultRuns: number, required: readonly string[]) {
  seen.clear();
  const random = new SeededRandom(3);
  // Numbers whose masked forms (first and last four) differ, so a masked number fits one person.
  const people: string[] = [];
  for (let k = 0; people.length < PEOPLE; k++) {
    const id = demoResidentId(random, `19${70 + people.length}-0${people.length + 1}-1${people.length}`, '110105');
    if (!people.some((x) => masked(x) === masked(id))) people.push(id);
    if (k > 100) throw new Error('no distinct masked numbers');
  }
  let runs = 0;
  const numRuns = Number(process.env.XY_MODEL_RUNS ?? defaultRuns);
  const seed = Number(process.env.XY_MODEL_SEED ?? SEED);
  await fc.assert(fc.asyncProperty(fc.commands([...commands], { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
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
      // The first people exist from the start (a traffic record each, which lists nobody); the others come later.
      await service.ingest(OPERATOR, people.slice(0, KNOWN_AT_START).map((id, k) => ({
        source: 'police.model', ref: `T-${k}`, type: 'societal.traffic_violation', subject: { kind: 'person', id, name: NAMES[k] }, occurredAt: '2023-12-01',
        severity: 'minor', status: 'active', attributes: {},
      })));
      const ids: Array<string | undefined> = await Promise.all(people.map(async (id, k) => (k < KNOWN_AT_START ? (await resolveSubject(registry, id)).id : undefined)));
      const model: Model = {
        now: start, termYears: 2, next: 0, records: [], objections: [], repairs: [],
        known: people.map((_, k) => k < KNOWN_AT_START), claims: [], reviews: [],
      };
      await fc.asyncModelRun(() => ({ model, real: { registry, service, clock, people, ids, recordIds: new Map() } }), [...cmds, new Check()]);
    } finally {
      await registry.close();
    }
  }), { numRuns, seed, endOnFailure: true });
  process.stdout.write(`model-based test (${what}): ${runs} histories of up to ${MAX_COMMANDS} commands agreed with the model\n`);
  process.stdout.write(`${[...seen].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}\n`);
  // The default histories must keep reaching every rule, or agreeing would prove little.
  if (seed === SEED && numRuns >= defaultRuns) {
    for (const event of required) expect(seen.get(event) ?? 0, `no history reached "${event}": adjust the command weights`).toBeGreaterThan(0);
  }
}

describe('the registry against a model of its rules (fast-check commands)', () => {
  it('agrees with the model on decisions, scores and due process over random histories', async () => {
    await agreesWithModel('due process', dueProcessCommands, 50, [
      'objection: accepted', 'information: accepted', 'answered: upheld', 'answered: certified', 'answered: corrected', 'answered: withdrawn',
      'check: a listing paused by a dispute', 'check: a live record suppressed', 'repair: accepted', 'decision: accepted', 'check: a live record repaired',
    ]);
  }, 120_000);

  it('agrees with the model on whose records count as identity links are made, reviewed and undone', async () => {
    await agreesWithModel('identity links', linkageCommands, 40, [
      'ingest: a person first known', 'ingest: a later number links a claim', 'ingest: a later number reviews a claim', 'ingest: a later number links a group',
      'ingest: a later number leaves a claim',
      'ingest masked: link', 'ingest masked: provisional', 'ingest masked: review', 'ingest name: review', 'ingest name: provisional',
      'ingest masked: to its provisional subject', 'ingest name: to its provisional subject',
      'review link: accepted', 'review reject: accepted', 'review link: XY_LINK_REVIEW_DECIDED', 'review link: XY_LINK_NOT_ALLOWED',
      'unlink: accepted', 'unlink: XY_LINK_NOT_FOUND', 'link: accepted', 'link: XY_LINK_NOT_ALLOWED',
      'check: a masked record counted through a link', 'check: a name record counted through a link',
      'check: a linked provisional subject without its records', 'check: a provisional subject with its own records', 'check: claims about a person not known yet',
    ]);
  }, 120_000);
});
