import { authorizeAudit, authorizeSubjectRead, keyOf, type Principal } from '../core/access/authorize.js';
import { Errors } from '../core/errors.js';
import type { ListEntryCursor, SubjectTerm } from '../ports/dashboard-store.js';
import type { RegistryStore } from '../ports/registry-store.js';
import { auditWrite } from './operator.js';
import { checkPolicyText } from './policy-admin.js';
import type { RegistryService } from './registry-service.js';
import { resolveSubject } from './resolve-subject.js';
import { simulatePolicy, type SimulationSummary } from './simulate-policy.js';
import { SubjectSearch } from './subject-search.js';
import { XyFailure } from './xy-failure.js';

export interface DashboardOptions {
  /** How long the population overview is reused, in ms (default 60 s): its counts scan whole tables. */
  overviewTtlMs?: number;
  /** At most this many subjects (in id order) are simulated per request (default 20,000). */
  simulationLimit?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A resident ID (18 characters, 15 for old cards) or USCC (18): digits with at most a few capitals.
const IDENTITY = /^(?=.*\d{6})[0-9A-Za-z]{15,18}$/;

const encode = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decode<T>(cursor: string | undefined, valid: (x: unknown) => x is T): T | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!valid(parsed)) throw new XyFailure(Errors.BAD_ARGUMENT('the page cursor is not one this server gave out'));
  return parsed;
}
const isTerm = (x: unknown): x is SubjectTerm => typeof x === 'object' && x !== null && typeof (x as SubjectTerm).term === 'string' && typeof (x as SubjectTerm).subjectId === 'string';
const isEntryCursor = (x: unknown): x is ListEntryCursor => typeof x === 'object' && x !== null && typeof (x as ListEntryCursor).endsAt === 'string'
  && typeof (x as ListEntryCursor).subjectId === 'string' && Number.isInteger((x as ListEntryCursor).seq);

/**
 * The dashboard's reads beyond one subject's file: search, list pages, overview, policy. Every
 * subject they show is read through `RegistryService.subject`, so it is authorised, masked and
 * written to that subject's access log like any other read; aggregates are for admins and auditors.
 */
export class DashboardReads {
  readonly search: SubjectSearch;
  private overviewCache: { at: number; value: Awaited<ReturnType<DashboardReads['computeOverview']>> } | undefined;

  constructor(private readonly service: RegistryService, private readonly options: DashboardOptions = {}) {
    this.search = new SubjectSearch(service.registry.store);
  }

  private get store(): RegistryStore {
    return this.service.registry.store;
  }

  /** The caller's own grant: what the interface may offer it. */
  whoami(p: Principal) {
    return { keyId: p.id, role: p.role, label: p.label, subjectId: p.subjectId, source: p.source, actions: p.actions, purposes: p.purposes };
  }

  /** Subjects by registry id, identity number (exact, via the blind index) or name prefix (hanzi or pinyin). */
  async searchSubjects(p: Principal, q: { query: string; purpose?: string | undefined; after?: string | undefined; limit?: number | undefined }) {
    if (p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot search subjects`));
    const purpose = this.checkedPurpose(p, q.purpose);
    const query = q.query.trim();
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    let ids: string[] = [];
    let next: SubjectTerm | null = null;
    let by: 'id' | 'identity' | 'name';
    if (UUID.test(query)) {
      by = 'id';
      ids = [query.toLowerCase()];
    } else if (IDENTITY.test(query.replace(/\s+/g, ''))) {
      by = 'identity';
      ids = [(await this.found(resolveSubject(this.service.registry, query.replace(/\s+/g, '').toUpperCase())))?.id].filter((x): x is string => x !== undefined);
    } else {
      by = 'name';
      ({ ids, next } = await this.search.byPrefix(query, decode(q.after, isTerm), limit));
    }
    const items = [];
    for (const id of ids) {
      const view = await this.found(this.service.subject(p, id, purpose));
      if (!view) continue;
      const state = await this.store.derivedState(id);
      items.push({ ...view, score: state?.score ?? null, grade: state?.grade ?? null });
    }
    // The query itself is not logged: it may be an identity number. Who searched, how and how much is.
    await auditWrite(this.service.registry, p, 'subjects.search', { by, hits: items.length, purpose });
    return { items, next: next ? encode(next) : null };
  }

  /** A list's entries in force now, ending soonest first, each subject read (and logged) for `purpose`. */
  async listPage(p: Principal, list: string, q: { purpose?: string | undefined; after?: string | undefined; limit?: number | undefined }) {
    if (p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot browse lists`));
    const purpose = this.checkedPurpose(p, q.purpose);
    const evaluator = await this.service.evaluator();
    if (!Object.hasOwn(evaluator.policy.lists, list)) throw new XyFailure(Errors.LIST_NOT_FOUND(list));
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const asOf = this.service.registry.clock.now();
    const entries = await this.store.listEntriesPage(list, asOf, decode(q.after, isEntryCursor), limit);
    const items = [];
    for (const e of entries) {
      const subject = await this.service.subject(p, e.subjectId, purpose);
      items.push({ subject, list: e.list, kind: e.listKind, startedAt: e.startedAt, endsAt: e.endsAt, endReason: e.endReason });
    }
    const last = entries[entries.length - 1];
    return { asOf, items, next: last && entries.length === limit ? encode({ endsAt: last.endsAt, subjectId: last.subjectId, seq: last.seq }) : null };
  }

  /** Grade distribution, list sizes and records per source and month; counts only, reused for a minute. */
  async overview(p: Principal) {
    const allowed = authorizeAudit(p);
    if (!allowed.ok) throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot see the population overview`));
    const now = Date.now();
    if (!this.overviewCache || now - this.overviewCache.at > (this.options.overviewTtlMs ?? 60_000)) {
      this.overviewCache = { at: now, value: await this.computeOverview() };
    }
    return this.overviewCache.value;
  }

  /** The active policy (version, name, YAML) and every version kept. */
  async policy(p: Principal) {
    const allowed = authorizeAudit(p);
    if (!allowed.ok) throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot read the policy`));
    const active = await this.store.activePolicy();
    if (!active) throw new XyFailure(Errors.STORE_NO_POLICY());
    return { version: active.version, name: active.name, createdAt: active.createdAt, sourceText: active.sourceText, versions: await this.store.policyVersions() };
  }

  /** Compare a candidate policy (YAML) with the active one over the first subjects; nothing is stored. */
  async simulate(p: Principal, yaml: string): Promise<SimulationSummary & { limit: number }> {
    if (p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot simulate policies`));
    const checked = checkPolicyText(yaml, 'candidate.yaml');
    if (!checked.ok) {
      throw new XyFailure(Errors.BAD_ARGUMENT(`the candidate policy is not valid: ${checked.errors.slice(0, 5).map((e) => e.message).join('; ')}`));
    }
    const evaluator = await this.service.evaluator();
    const limit = this.options.simulationLimit ?? 20_000;
    const registry = this.service.registry;
    const summary = await simulatePolicy({ ...registry, store: firstSubjects(registry.store, limit) },
      { policy: evaluator.policy, version: evaluator.policyVersion }, checked.value, registry.clock.now());
    await auditWrite(registry, p, 'policy.simulate', { candidate: checked.value.version, subjects: summary.subjects });
    return { ...summary, limit };
  }

  private async computeOverview() {
    const evaluator = await this.service.evaluator();
    const asOf = this.service.registry.clock.now();
    const counts = await this.store.populationCounts(asOf);
    const grades = evaluator.policy.grades.map((g) => ({ grade: g.grade, count: counts.grades.find((c) => c.grade === g.grade)?.count ?? 0 }));
    const lists = Object.entries(evaluator.policy.lists).map(([list, def]) => ({
      list, kind: def.kind, description: def.description, count: counts.lists.find((c) => c.list === list)?.count ?? 0,
    }));
    return { asOf, policyVersion: evaluator.policyVersion, subjects: counts.subjects, grades, lists, recordsBySource: counts.recordsBySource };
  }

  private checkedPurpose(p: Principal, purpose: string | undefined): string {
    const why = authorizeSubjectRead(p, '', purpose);
    if (!why.ok) throw new XyFailure(why.error);
    return why.value;
  }

  /** The value, or undefined when it failed because the subject is not there. */
  private async found<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      return await work;
    } catch (e) {
      if (e instanceof XyFailure && e.error.code === 'XY_SUBJECT_NOT_FOUND') return undefined;
      throw e;
    }
  }
}

/** The store seen through a window of its first `limit` subjects in id order (for a bounded simulation). */
function firstSubjects<S extends RegistryStore>(store: S, limit: number): S {
  let served = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'subjectPage') {
        return async (after: string | null, n: number) => {
          const page = served >= limit ? [] : await target.subjectPage(after, Math.min(n, limit - served));
          served += page.length;
          return page;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
