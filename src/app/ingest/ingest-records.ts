import { Errors, type XyError } from '../../core/errors.js';
import { identifySubjectNumber } from '../../core/identity/identify.js';
import { maskIdentity } from '../../core/identity/mask-identity.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import { contentHash } from '../../core/records/content-hash.js';
import type { ParsedRecord, SubjectClaim } from '../../core/records/record-input.js';
import type { Clock } from '../../ports/clock.js';
import type { KeyRing } from '../../ports/key-ring.js';
import type { AppendItem, AppendOutcome, NewSubject, RegistryStore } from '../../ports/registry-store.js';
import { BoundedMap } from '../../lib/bounded-map.js';
import { ClaimLinker, type LinkPlan } from '../linkage/claim-linker.js';
import { catchUpLinkKeys } from '../linkage/link-key-index.js';
import { rehomeCases } from '../linkage/rehome-cases.js';
import { saveLinkPlans, type LinkFact } from '../linkage/save-link-plans.js';
import { admitRecord } from './admit-record.js';
import type { BadLine } from './read-lines.js';
import type { RawRecord } from './read-records.js';

export interface IngestDeps {
  store: RegistryStore;
  keyRing: KeyRing;
  clock: Clock;
  policy: Policy;
  newId: () => string;
  /**
   * Recompute the derived state (score, list entries) of the subjects a batch touched, inside the
   * batch's transaction, so the next score or decision sees the new records. Absent: records only.
   */
  derive?: (tx: RegistryStore, subjectIds: readonly string[], asOf: string) => Promise<void>;
  /** Record the batch in the audit log, inside the batch's transaction: no audit, no commit. */
  auditBatch?: (tx: RegistryStore, batch: BatchFacts) => Promise<void>;
}

export interface IngestOptions {
  /** Lines per transaction: a crash loses at most the batch not yet acknowledged. */
  batchSize?: number;
  /** Rejections kept in detail; past this only the count grows, so memory stays bounded. */
  maxErrors?: number;
  file?: string;
}

export interface LineError {
  file?: string;
  line: number;
  code: string;
  message: string;
}

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  updated: number;
  rejected: number;
  errors: LineError[];
  /** Rejections counted but not listed in `errors` (beyond maxErrors). */
  errorsOmitted: number;
}

export const emptySummary = (): IngestSummary => ({
  accepted: 0, duplicates: 0, updated: 0, rejected: 0, errors: [], errorsOmitted: 0,
});

/**
 * Lines per transaction. Larger batches write each touched index page once per commit instead of
 * once per small batch; a crash loses at most the one batch not yet committed (never acknowledged).
 */
export const DEFAULT_BATCH_SIZE = 10_000;

/** Per-ingest caches stay below this many entries each, so memory is flat on any file size. */
const CACHE_LIMIT = 200_000;

/** What a committed batch did, for its audit event. */
export interface BatchFacts {
  added: number;
  updated: number;
  duplicates: number;
  refused: number;
  /** Ids of the revisions the batch stored, in order. */
  revisionIds: string[];
  /** The batch's lines the store refused (conflicts, moved subjects, erased records), with the reason. */
  refusals: Array<{ line: number; error: XyError }>;
  /** What linkage decided for the provisional subjects the batch created. */
  links: LinkFact[];
}

/** Repeat subjects skip the HMAC and the store lookup. */
interface IngestCaches {
  subjects: BoundedMap<string, NewSubject>;
  blindIndexes: BoundedMap<string, string>;
  /** Made on the first record that names a person without a full number. */
  linker?: ClaimLinker;
  /** Whether the store held provisional subjects when this ingest first asked. */
  provisionalSeen?: boolean;
}

interface Pending {
  line: number;
  record: ParsedRecord;
}

/** Validate, deduplicate and store records in batched transactions; every line gets an outcome. */
export async function ingestRecords(
  items: AsyncIterable<RawRecord | BadLine>, deps: IngestDeps, summary: IngestSummary, options: IngestOptions = {},
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxErrors = options.maxErrors ?? 10_000;
  const reject = (line: number, error: XyError) => {
    summary.rejected++;
    if (summary.errors.length >= maxErrors) summary.errorsOmitted++;
    else summary.errors.push({ ...(options.file ? { file: options.file } : {}), line, code: error.code, message: error.message });
  };
  const now = deps.clock.now();
  const cache: IngestCaches = {
    subjects: new BoundedMap(CACHE_LIMIT),
    blindIndexes: new BoundedMap(CACHE_LIMIT),
  };
  const identities = new BoundedMap<string, ReturnType<typeof identifySubjectNumber>>(CACHE_LIMIT);
  const identify: typeof identifySubjectNumber = (input, today) => identities.getOrCompute(input, (i) => identifySubjectNumber(i, today));
  let batch: Pending[] = [];
  let writing: Promise<void> = Promise.resolve();
  const firstError = summary.errors.length;
  for await (const item of items) {
    if ('error' in item) {
      reject(item.line, item.error);
      continue;
    }
    const parsed = admitRecord(item.raw, { policy: deps.policy, now, identify });
    if (!parsed.ok) {
      reject(item.line, parsed.error);
      continue;
    }
    batch.push({ line: item.line, record: parsed.value });
    if (batch.length >= batchSize) {
      // One batch is written while the next is read and validated: the database and this process
      // work at once. A batch starts only after the one before it committed (its new subjects are
      // then known), so at most one batch is ever uncommitted.
      await writing;
      writing = flush(batch, deps, now, summary, reject, cache);
      writing.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
      batch = [];
    }
  }
  await writing;
  if (batch.length > 0) await flush(batch, deps, now, summary, reject, cache);
  // Lines refused while reading may have been counted before the refusals of the batch before them.
  const mine = summary.errors.splice(firstError).sort((a, b) => a.line - b.line);
  summary.errors.push(...mine);
  return summary;
}

async function flush(
  batch: Pending[], deps: IngestDeps, receivedAt: string, summary: IngestSummary,
  reject: (line: number, error: XyError) => void, cache: IngestCaches,
): Promise<void> {
  const index = (claim: SubjectClaim) => cache.blindIndexes.getOrCompute(claim.normalizedId, (id) => deps.keyRing.blindIndex(id));
  const indexed = batch.map((p) => ({
    ...p,
    subjectIndex: index(p.record.subject),
    relatedIndex: p.record.related ? index(p.record.related) : null,
  }));
  const wanted = indexed.flatMap((p) => (p.relatedIndex ? [p.subjectIndex, p.relatedIndex] : [p.subjectIndex]));
  const known = new Map<string, NewSubject>();
  for (const idIndex of wanted) {
    const cached = cache.subjects.get(idIndex);
    if (cached) known.set(idIndex, cached);
  }
  const stored = await deps.store.subjectsByIndex(wanted.filter((i) => !known.has(i)));
  for (const [idIndex, row] of stored) known.set(idIndex, { ...row, idSealed: null });
  // Only numbers not stored yet are sealed: encryption is the costly step of a new subject.
  const fresh = new Map<string, NewSubject>();
  const subjectFor = (claim: SubjectClaim, idIndex: string): NewSubject => {
    const stored = known.get(idIndex);
    if (stored) return stored;
    let created = fresh.get(idIndex);
    if (!created) {
      created = {
        id: deps.newId(),
        kind: claim.kind,
        idKind: claim.idKind,
        idIndex,
        idSealed: deps.keyRing.seal(claim.normalizedId),
        // A provisional subject shows the masked number it was named by, if any.
        idMasked: claim.idKind === null ? (claim.evidence?.idNumber ?? null) : maskIdentity(claim.normalizedId),
        name: claim.name,
      };
      fresh.set(idIndex, created);
    }
    return created;
  };
  const items: AppendItem[] = indexed.map((p) => {
    const r = p.record;
    return {
      subject: subjectFor(r.subject, p.subjectIndex),
      ...(r.related && p.relatedIndex ? { related: subjectFor(r.related, p.relatedIndex) } : {}),
      // Named by evidence, a later revision may say more (a birth date added): it stays with its record.
      ...(r.subject.idKind === null ? { followRecord: true } : {}),
      revision: {
        id: deps.newId(),
        source: r.source,
        ref: r.ref,
        revision: r.revision,
        type: r.type,
        occurredAt: r.occurredAt,
        receivedAt,
        severity: r.severity,
        amount: r.amount,
        status: r.status,
        attributes: r.attributes,
        contentHash: contentHash(r, p.subjectIndex, p.relatedIndex),
      },
    };
  });
  const plans = await planLinks(indexed, items, fresh, deps, cache);
  const outcomes = await deps.store.transaction(async (tx) => {
    const appended = await tx.appendBatch(items);
    const touched = new Set<string>();
    for (const o of appended) {
      if (o.kind !== 'added' && o.kind !== 'updated') continue;
      touched.add(o.subjectId);
      if (o.relatedSubjectId) touched.add(o.relatedSubjectId);
    }
    const freshIds = new Set([...fresh.values()].map((s) => s.id));
    const linked = plans.length === 0
      ? { facts: [], linkedInto: [] }
      : await saveLinkPlans(tx, plans, (id) => !freshIds.has(id) || touched.has(id), receivedAt, deps.newId);
    for (const id of linked.linkedInto) touched.add(id);
    if (linked.linkedInto.length > 0) await rehomeCases(tx, linked.linkedInto);
    if (deps.derive) await deps.derive(tx, [...touched], receivedAt);
    if (deps.auditBatch) {
      const n = (kind: AppendOutcome['kind']) => appended.filter((o) => o.kind === kind).length;
      await deps.auditBatch(tx, {
        added: n('added'), updated: n('updated'), duplicates: n('duplicate'),
        refused: n('conflict') + n('subject_changed') + n('erased'),
        revisionIds: appended.flatMap((o) => (o.kind === 'added' || o.kind === 'updated' ? [o.revisionId] : [])),
        refusals: appended.flatMap((o, i) => {
          const error = refusalOf(o, indexed[i]!.record);
          return error ? [{ line: indexed[i]!.line, error }] : [];
        }),
        links: linked.facts,
      });
    }
    return appended;
  });
  outcomes.forEach((outcome, i) => {
    count(outcome, indexed[i]!, summary, reject);
    const subject = items[i]!.subject;
    if ('subjectId' in outcome && subject.idIndex) cache.subjects.set(subject.idIndex, { ...subject, id: outcome.subjectId, idSealed: null });
  });
}

/**
 * Linkage for the batch's new provisional subjects (people named without a full number), decided
 * before the batch's transaction: the store is only read here. Subjects named by a number that
 * arrived since the last linkage are indexed first, so they are candidates.
 */
async function planLinks(
  indexed: ReadonlyArray<Pending & { subjectIndex: string }>, items: readonly AppendItem[], fresh: Map<string, NewSubject>,
  deps: IngestDeps, cache: IngestCaches,
): Promise<LinkPlan[]> {
  const plans: LinkPlan[] = [];
  const planned = new Set<string>();
  const linker = async () => {
    if (!cache.linker) {
      await catchUpLinkKeys(deps.store, deps.keyRing);
      cache.linker = new ClaimLinker(deps);
    }
    return cache.linker;
  };
  const numbered = (claim: SubjectClaim) => ({ ...(claim.name ? { name: claim.name } : {}), idNumber: claim.normalizedId });
  const isFresh = (i: number) => fresh.get(indexed[i]!.subjectIndex) === items[i]!.subject;
  // Numbered people of this batch are candidates for its records without a number.
  if (indexed.some((p, i) => p.record.subject.idKind === null && isFresh(i))) {
    const l = await linker();
    for (const [i, p] of indexed.entries()) {
      if (isFresh(i) && p.record.subject.idKind === 'resident_id') l.introduce(items[i]!.subject.id, numbered(p.record.subject));
    }
  }
  for (const [i, p] of indexed.entries()) {
    const claim = p.record.subject;
    const subject = items[i]!.subject;
    if (!isFresh(i) || planned.has(subject.id) || claim.kind !== 'person') continue;
    planned.add(subject.id);
    if (claim.idKind === null && claim.evidence) {
      plans.push(await (await linker()).plan(subject.id, claim.evidence, p.record.source, p.record.ref));
    } else if (claim.idKind === 'resident_id' && (cache.linker || (cache.provisionalSeen ??= await deps.store.hasProvisionalSubjects()))) {
      // A newly numbered person may be whom earlier records without a number were about.
      plans.push(...(await (await linker()).planReverse(subject.id, numbered(claim), p.record.source, p.record.ref)));
    }
  }
  return plans;
}

function count(
  outcome: AppendOutcome, p: Pending, summary: IngestSummary, reject: (line: number, error: XyError) => void,
): void {
  switch (outcome.kind) {
    case 'added': summary.accepted++; break;
    case 'updated': summary.updated++; break;
    case 'duplicate': summary.duplicates++; break;
    default: reject(p.line, refusalOf(outcome, p.record)!);
  }
}

/** Why the store refused a line, or undefined when it took it. */
function refusalOf(outcome: AppendOutcome, r: ParsedRecord): XyError | undefined {
  switch (outcome.kind) {
    case 'conflict': return Errors.RECORD_CONFLICT(r.source, r.ref, r.revision);
    case 'subject_changed': return Errors.RECORD_SUBJECT_CHANGED(r.source, r.ref);
    case 'erased': return Errors.RECORD_ERASED(r.source, r.ref, outcome.erasedAt);
    default: return undefined;
  }
}

