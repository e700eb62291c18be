import { authorizeAudit, authorizeDecision, authorizeFurnish, authorizeSubjectRead, keyOf, type Principal } from '../core/access/authorize.js';
import { Errors, type XyError } from '../core/errors.js';
import { furnisherAllows } from '../core/policy/furnisher-allows.js';
import type { Result } from '../core/result.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Signer } from '../ports/signer.js';
import type { Notice, SubjectRow } from '../ports/registry-store.js';
import { decideAction } from './decide-action.js';
import { deriveWith } from './derive-hook.js';
import { admitRecord } from './ingest/admit-record.js';
import { emptySummary, ingestRecords, type IngestSummary } from './ingest/ingest-records.js';
import type { BadLine } from './ingest/read-lines.js';
import type { RawRecord } from './ingest/read-records.js';
import { openEvaluator } from './open-evaluator.js';
import { BoundedMap } from '../lib/bounded-map.js';
import { AuditBatcher } from './audit-batcher.js';
import { activeLists, ListChangeFeed, listChanges, type ListChange } from './list-change-feed.js';
import { auditEventOf, auditIngestBatch } from './operator.js';
import { StateCache } from './state-cache.js';
import type { Registry } from './registry.js';
import { resolveSubject } from './resolve-subject.js';
import { scoreView } from './score-view.js';
import type { SubjectEvaluator } from './subject-evaluator.js';
import { subjectReport, subjectView } from './subject-report.js';
import { XyFailure } from './xy-failure.js';
import { LinkDesk } from './linkage/link-desk.js';
import { CaseDesk } from './due-process/case-desk.js';
import { denyNotice } from './due-process/notices.js';
import { runTick, type TickSummary } from './due-process/run-tick.js';

export interface ServiceOptions {
  /** Sign a checkpoint once this many events have been added since the last one. */
  checkpointEvery?: number;
  /**
   * How durable a read's access-log event is before the answer goes out: 'os' (default) survives a
   * crash of the process and reaches the disk with the next write or checkpoint; 'disk' waits for it.
   */
  accessLogDurability?: 'disk' | 'os';
}

const must = <T>(r: Result<T, XyError>): T => {
  if (!r.ok) throw new XyFailure(r.error);
  return r.value;
};

/**
 * The registry as the HTTP edge sees it: every call is authorised for its principal, every read
 * and decision names a purpose and leaves an audit event before anything is returned, every write
 * commits together with its audit event.
 */
export class RegistryService {
  private evaluatorCache: { at: number; evaluator: SubjectEvaluator } | undefined;
  private readonly auditBatcher: AuditBatcher;
  private readonly states = new StateCache();
  /** List changes from records ingested through this service, for `GET /v1/events`. */
  readonly feed = new ListChangeFeed();
  private appendedSinceCheck = 0;
  private lastVersionCheck = 0;
  private dataVersion: number | undefined;
  private readonly subjects = new BoundedMap<string, SubjectRow>(100_000);
  private readonly sentNotices = new BoundedMap<string, true>(100_000);
  /** Objections and repairs, committed with their notices and audit events. */
  readonly cases: CaseDesk;
  readonly links: LinkDesk;

  constructor(
    readonly registry: Registry,
    private readonly audit: AuditLog,
    private readonly signer: Signer,
    private readonly options: ServiceOptions = {},
  ) {
    this.auditBatcher = new AuditBatcher(audit, registry.store, options.accessLogDurability ?? 'os');
    this.cases = new CaseDesk({ registry, evaluator: () => this.evaluator(), changed: () => this.states.invalidate() });
    this.links = new LinkDesk({ registry, evaluator: () => this.evaluator(), changed: () => this.states.invalidate() });
  }

  /** The evaluator for the active policy, re-read at most once a second (a CLI may activate another). */
  async evaluator(): Promise<SubjectEvaluator> {
    const now = Date.now();
    const cached = this.evaluatorCache;
    if (cached && now - cached.at <= 1000) return cached.evaluator;
    const active = await this.registry.store.activePolicy();
    const evaluator = cached && cached.evaluator.policyVersion === active?.version ? cached.evaluator : await openEvaluator(this.registry);
    this.evaluatorCache = { at: now, evaluator };
    return evaluator;
  }

  /**
   * The records this caller may furnish, each line either kept or refused with the reason: a record
   * for another furnisher's source, or of a type the policy does not grant its source.
   */
  private furnishable(p: Principal, policy: SubjectEvaluator['policy'], raws: readonly unknown[]): Array<RawRecord | BadLine> {
    if (p.role !== 'admin' && p.role !== 'furnisher') must(authorizeFurnish(p, ''));
    return raws.map((raw, i): RawRecord | BadLine => {
      const { source, type } = typeof raw === 'object' && raw !== null ? (raw as { source?: unknown; type?: unknown }) : {};
      if (typeof source !== 'string') return { line: i + 1, raw };
      const verdict = authorizeFurnish(p, source);
      if (!verdict.ok) return { line: i + 1, error: verdict.error };
      if (p.role === 'furnisher' && typeof type === 'string' && !furnisherAllows(policy, source, type)) {
        return { line: i + 1, error: Errors.FORBIDDEN(`the policy does not let source "${source}" furnish "${type.slice(0, 60)}" records`) };
      }
      return { line: i + 1, raw };
    });
  }

  /**
   * Screen records for the record stream (HTTP ingest through NATS): the caller's grants and each
   * record's own validity and retention, as ingest would judge them (admitRecord); store checks (duplicates, conflicts) are the
   * worker's. Returns the records to publish and the refused lines.
   */
  async screen(p: Principal, raws: readonly unknown[]): Promise<{ valid: unknown[]; summary: IngestSummary }> {
    const evaluator = await this.evaluator();
    const summary = emptySummary();
    const now = this.registry.clock.now();
    const valid: unknown[] = [];
    for (const item of this.furnishable(p, evaluator.policy, raws)) {
      const admitted = 'error' in item ? undefined : admitRecord(item.raw, { policy: evaluator.policy, now });
      const error = 'error' in item ? item.error : admitted && !admitted.ok ? admitted.error : undefined;
      if (error) {
        summary.rejected++;
        summary.errors.push({ line: item.line, code: error.code, message: error.message });
      } else valid.push((item as RawRecord).raw);
    }
    // Audited here: the worker's own event records what was stored, under its name, later.
    await this.auditBatcher.append(auditEventOf(this.registry, p, 'records.queued', { queued: valid.length, refused: summary.rejected }, null));
    return { valid, summary };
  }

  async ingest(p: Principal, raws: readonly unknown[]): Promise<IngestSummary> {
    const evaluator = await this.evaluator();
    const summary = emptySummary();
    const derive = deriveWith(evaluator.policy, evaluator.policyVersion, this.registry.newId);
    const changes: Array<Omit<ListChange, 'seq'>> = [];
    // A record for another furnisher's source is refused on its own line; the rest go through.
    const items = this.furnishable(p, evaluator.policy, raws);
    async function* lines(): AsyncGenerator<RawRecord | BadLine> {
      yield* items;
    }
    await ingestRecords(lines(), {
      ...this.registry,
      policy: evaluator.policy,
      derive: async (tx, ids, asOf) => {
        // Snapshot the lists around the refresh only when someone is listening to the feed.
        const listening = this.feed.subscribers > 0;
        const before = listening ? await activeLists(tx, ids, asOf) : undefined;
        await derive(tx, ids, asOf);
        if (before) changes.push(...listChanges(evaluator.policy, before, await activeLists(tx, ids, asOf), asOf));
      },
      auditBatch: auditIngestBatch(this.registry, p),
    }, summary, { batchSize: 2000 });
    this.states.invalidate();
    this.feed.publish(changes);
    await this.maybeCheckpoint();
    return summary;
  }

  async subject(p: Principal, id: string, purpose: string | undefined) {
    const { subject, purpose: why } = await this.readable(p, id, purpose);
    await this.logAccess(p, 'subject.read', subject.id, why, {});
    return this.unmasked(p, subjectView(subject), subject);
  }

  async report(p: Principal, id: string, purpose: string | undefined, asOf = this.registry.clock.now()) {
    const { subject, purpose: why } = await this.readable(p, id, purpose);
    await this.logAccess(p, 'subject.report', subject.id, why, {});
    const report = await subjectReport(this.registry, await this.evaluator(), subject, asOf);
    const accessLog = (await this.audit.eventsForSubject(subject.id, 200)).map((e) => ({
      at: e.at, actor: e.actor, role: e.role, action: e.action, purpose: e.purpose,
    }));
    return { ...report, subject: this.unmasked(p, report.subject, subject), accessLog };
  }

  async score(p: Principal, id: string, purpose: string | undefined, asOf = this.registry.clock.now()) {
    const { subject, purpose: why } = await this.readable(p, id, purpose);
    const evaluator = await this.evaluator();
    const evaluation = (await evaluator.evaluate([subject.id], asOf)).get(subject.id)!;
    const view = scoreView(evaluation, evaluator.policyVersion);
    await this.logAccess(p, 'subject.score', subject.id, why, { score: view.score, grade: view.grade });
    return view;
  }

  async decide(p: Principal, request: { subject: string; action: string; purpose?: string | undefined }, asOf = this.registry.clock.now()) {
    const purpose = must(authorizeDecision(p, request.action, request.purpose));
    const evaluator = await this.evaluator();
    if (!Object.hasOwn(evaluator.policy.actions, request.action)) throw new XyFailure(Errors.UNKNOWN_ACTION(request.action));
    const subject = await this.resolve(request.subject);
    const decision = await decideAction(evaluator, subject, request.action, asOf, await this.stateFor(evaluator, subject, asOf));
    // A denial is an adverse action: the subject is told why and how to contest, in the same commit as the access.
    const draft = decision.effect === 'deny' ? denyNotice(subject.id, asOf, request.action, decision.measures.filter((m) => m.effect === 'deny' && !m.paused)) : undefined;
    // One denial notice a day per subject, action and measures: the store would ignore repeats, and this spares it the attempt.
    const notice = draft && !this.sentNotices.get(draft.key) ? { ...draft, id: this.registry.newId() } : undefined;
    await this.logAccess(p, 'decision', subject.id, purpose, { action: request.action, effect: decision.effect }, notice);
    if (notice) this.sentNotices.set(notice.key, true);
    return decision;
  }

  /**
   * Subscribe to list changes a relying party may see (those touching its actions; admins: all),
   * for a purpose from its grant. Each change is written to that subject's access log before it is
   * delivered; a change whose audit event cannot be written is not delivered.
   */
  events(p: Principal, purpose: string | undefined, deliver: (change: ListChange) => void): () => void {
    if (p.role !== 'relying_party' && p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} cannot subscribe to list events`));
    const why = p.role === 'admin' ? must(authorizeSubjectRead(p, '', purpose)) : must(authorizeDecision(p, p.actions[0] ?? '', purpose));
    const wanted = new Set(p.actions);
    return this.feed.subscribe((change) => {
      if (p.role !== 'admin' && !change.actions.some((a) => wanted.has(a))) return;
      this.logAccess(p, 'events.delivered', change.subjectId, why, { type: change.type, list: change.list }).then(
        () => deliver(change),
        () => undefined,
      );
    });
  }

  async checkpoint(p: Principal) {
    must(authorizeAudit(p));
    return this.audit.latestCheckpoint();
  }

  async auditEvents(p: Principal, fromSeq: number, limit: number) {
    must(authorizeAudit(p));
    return this.audit.events(fromSeq, Math.min(limit, 1000));
  }

  async inclusionProof(p: Principal, seq: number) {
    must(authorizeAudit(p));
    const checkpoint = await this.audit.latestCheckpoint();
    if (!checkpoint || seq < 0 || seq >= checkpoint.treeSize) {
      throw new XyFailure(Errors.BAD_ARGUMENT(`event ${seq} is not covered by a checkpoint yet`));
    }
    return { seq, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, proof: await this.audit.inclusionProof(seq, checkpoint.treeSize) };
  }

  /** Sign a checkpoint when enough events have accumulated, or when `force`d (the server's timer). */
  async maybeCheckpoint(force = false): Promise<void> {
    const [size, latest] = [await this.audit.size(), await this.audit.latestCheckpoint()];
    const pending = size - (latest?.treeSize ?? 0);
    if (pending > 0 && (force || pending >= (this.options.checkpointEvery ?? 1000))) {
      await this.registry.store.transaction((tx) => this.audit.within(tx).checkpoint(this.signer, this.registry.clock.now()));
    }
  }

  /**
   * A subject by registry id or identity number, remembered: a subject's id, kind and blind index
   * never change, and a store read per decision costs more than the decision itself.
   */
  private async resolve(given: string): Promise<SubjectRow> {
    const cached = this.subjects.get(given);
    if (cached) return cached;
    return this.subjects.set(given, await resolveSubject(this.registry, given));
  }

  /** The subject's decision state; for decisions about "now", reused until it would change (see StateCache). */
  private async stateFor(evaluator: SubjectEvaluator, subject: SubjectRow, asOf: string) {
    const nowMs = Date.parse(this.registry.clock.now());
    const live = Math.abs(Date.parse(asOf) - nowMs) < 1000;
    if (live && (await this.changedElsewhere())) this.states.invalidate();
    const cached = live ? this.states.get(subject.id, evaluator.policyVersion, nowMs) : undefined;
    if (cached) return cached;
    const { state, validUntil } = await evaluator.state(subject, asOf);
    if (live) this.states.set(subject.id, evaluator.policyVersion, state, nowMs, validUntil);
    return state;
  }

  /**
   * Whether another process (a CLI ingest, a worker) has written since last asked: checked at most
   * every 100 ms, so cached decision states follow other writers within that.
   */
  private async changedElsewhere(): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastVersionCheck < 100) return false;
    this.lastVersionCheck = now;
    const version = await this.registry.store.dataVersion();
    const changed = this.dataVersion !== undefined && version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

  /** Process what has fallen due (deadlines, expiries, repairs, escalations) at the clock's time. */
  async tick(): Promise<TickSummary> {
    const summary = await runTick(this.registry, await this.evaluator(), this.registry.clock.now());
    this.states.invalidate();
    await this.maybeCheckpoint();
    return summary;
  }

  /** The caller's own notices: a subject's, or a furnisher's (its source's); an admin names the recipient. */
  async notices(p: Principal, recipient: string | undefined, limit = 100) {
    const own = p.role === 'subject' ? `subject:${p.subjectId}` : p.role === 'furnisher' ? `source:${p.source}` : undefined;
    if (!own && p.role !== 'admin') throw new XyFailure(Errors.FORBIDDEN(`${keyOf(p)} receives no notices`));
    const of = own ?? recipient;
    if (!of) throw new XyFailure(Errors.BAD_ARGUMENT('name the recipient: subject:<id> or source:<id>'));
    return this.registry.store.noticesFor(of, Math.min(Math.max(limit, 1), 500));
  }

  private async readable(p: Principal, id: string, purpose: string | undefined): Promise<{ subject: SubjectRow; purpose: string }> {
    const why = must(authorizeSubjectRead(p, id, purpose));
    const subject = await this.registry.store.subjectById(id);
    if (!subject) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with id ${id}`));
    return { subject, purpose: why };
  }

  /** The subject itself sees its own identity number; everyone else sees it masked. */
  private unmasked<T extends { identity: string | null }>(p: Principal, view: T, subject: SubjectRow): T {
    if (p.role !== 'subject' || p.subjectId !== subject.id || !subject.idSealed || subject.idKind === null) return view;
    return { ...view, identity: this.registry.keyRing.open(subject.idSealed) };
  }

  private async logAccess(p: Principal, action: string, subjectId: string, purpose: string, detail: Record<string, unknown>, notice?: Notice) {
    await this.auditBatcher.append(auditEventOf(this.registry, p, action, detail, subjectId, purpose), notice);
    // Counting here spares every request two reads of the log's size; the server's timer signs the rest.
    if (++this.appendedSinceCheck >= (this.options.checkpointEvery ?? 1000)) {
      this.appendedSinceCheck = 0;
      await this.maybeCheckpoint();
    }
  }
}
