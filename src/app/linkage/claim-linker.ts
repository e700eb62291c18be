import { defaultPersonModel, DEFAULT_LINK_THRESHOLDS } from '../../core/linkage/default-person-model.js';
import { prepareEvidence, type PersonEvidence, type PreparedEvidence } from '../../core/linkage/evidence.js';
import { MAX_LINK_DEPTH } from '../../core/linkage/link-keys.js';
import { linkRecord, type LinkDecision, type LinkThresholds } from '../../core/linkage/link-record.js';
import type { LinkageModel } from '../../core/linkage/model.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import type { KeyRing } from '../../ports/key-ring.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { BoundedMap } from '../../lib/bounded-map.js';
import { linkRoot } from './link-root.js';
import { blindedKeysByCap, evidenceOfSubject } from './subject-evidence.js';

/** A new provisional subject and what linkage decided about it. */
export interface LinkPlan {
  subjectId: string;
  /** Its blinded blocking keys, stored with it. */
  keys: string[];
  decision: LinkDecision;
  source: string;
  ref: string;
}

export interface ClaimLinkerDeps {
  store: RegistryStore;
  keyRing: KeyRing;
  policy: Policy;
}

/** The policy's thresholds, or the defaults chosen on the evaluation sets (docs/linkage.md). */
export const linkThresholdsOf = (policy: Policy): LinkThresholds => policy.linkage ?? DEFAULT_LINK_THRESHOLDS;

/**
 * Decides, for each new provisional subject an ingest creates, whether its records belong to a
 * subject the registry holds: candidates come from the blinded blocking keys, each candidate is the
 * root of its links with the evidence of everything linked into it, and `linkRecord` decides. One
 * linker serves one ingest: the subjects it decided about earlier in the run are candidates too.
 */
export class ClaimLinker {
  private model: LinkageModel | undefined;
  private readonly thresholds: LinkThresholds;
  private readonly evidence = new BoundedMap<string, PersonEvidence | null>(100_000);
  private readonly prepared = new BoundedMap<string, PreparedEvidence | null>(100_000);
  private readonly targets = new BoundedMap<string, string | null>(100_000);
  private readonly into = new BoundedMap<string, string[]>(100_000);
  private readonly keyCache = new BoundedMap<string, Map<number, string[]>>(100_000);
  // What this run decided but the store may not hold yet (its batch is not committed).
  private readonly keyHolders = new Map<string, string[]>();
  private readonly rootOf = new Map<string, string>();
  private readonly membersOf = new Map<string, string[]>();
  private readonly provisional = new Set<string>();
  // Provisional subjects decided in this run: weighed once per run, not again by each new candidate.
  private readonly decided = new Set<string>();

  constructor(private readonly deps: ClaimLinkerDeps) {
    this.thresholds = linkThresholdsOf(deps.policy);
  }

  async plan(subjectId: string, claim: PersonEvidence, source: string, ref: string): Promise<LinkPlan> {
    const model = await this.modelOf();
    const byCap = this.keysOf(subjectId, claim);
    const keys = [...byCap.values()].flat();
    const found = await this.candidatesFor(byCap);
    found.delete(subjectId);
    const roots = new Set<string>();
    for (const id of found) roots.add(await this.root(id));
    roots.delete(subjectId);
    const candidates = [];
    for (const root of [...roots].sort()) {
      const group = [root, ...(await this.members(root))];
      const evidence = (await Promise.all(group.map((id) => this.preparedOf(id)))).filter((e): e is PreparedEvidence => e !== null);
      if (evidence.length > 0) candidates.push({ subjectId: root, evidence });
    }
    const decision = corroborated(linkRecord(claim, candidates, model, this.thresholds));
    this.remember(subjectId, claim, keys, decision);
    return { subjectId, keys, decision, source, ref };
  }

  /**
   * Make a numbered subject of the batch being planned a candidate before it is stored (its batch
   * commits after planning), so a record without a number in the same batch can link to it.
   */
  introduce(subjectId: string, evidence: PersonEvidence): void {
    if (this.evidence.get(subjectId)) return;
    this.evidence.set(subjectId, evidence);
    this.hold(subjectId, [...this.keysOf(subjectId, evidence).values()].flat());
  }

  /**
   * A subject that just arrived with a full number may be the person some provisional subjects are
   * about (their records came first). Each provisional subject sharing a key with it, and not linked
   * or waiting for review yet, is weighed against it as if its record arrived now.
   */
  async planReverse(subjectId: string, evidence: PersonEvidence, source: string, ref: string): Promise<LinkPlan[]> {
    const model = await this.modelOf();
    this.evidence.set(subjectId, evidence);
    const found = await this.candidatesFor(this.keysOf(subjectId, evidence));
    found.delete(subjectId);
    const plans: LinkPlan[] = [];
    for (const id of [...found].sort()) {
      if (this.decided.has(id)) continue;
      // The key may be held by a member of a group of provisional subjects: weigh the group's root.
      const root = await this.root(id);
      if (root === subjectId || this.decided.has(root) || plans.some((p) => p.subjectId === root)) continue;
      const row = this.provisional.has(root) ? undefined : await this.deps.store.subjectById(root);
      if (!this.provisional.has(root) && row?.idKind !== null) continue;
      if ((await this.deps.store.reviewsOfSubjects([root])).some((r) => r.subjectId === root && r.status === 'open')) continue;
      // The group's strongest evidence decides: one member may carry the masked number, another the birth date.
      let best: LinkDecision | undefined;
      for (const member of [root, ...(await this.members(root))]) {
        const claim = await this.evidenceOf(member);
        if (!claim) continue;
        const d = corroborated(linkRecord(claim, [{ subjectId, evidence: [evidence] }], model, this.thresholds));
        if (!best || rank(d) > rank(best) || (rank(d) === rank(best) && d.weight > best.weight)) best = d;
      }
      if (!best || best.decision === 'provisional') continue;
      this.remember(root, (await this.evidenceOf(root)) ?? {}, [], best);
      plans.push({ subjectId: root, keys: [], decision: best, source, ref });
    }
    return plans;
  }

  /** Subjects sharing a key with this evidence, stored or decided in this run; a key too common for its rule is ignored. */
  private async candidatesFor(byCap: ReadonlyMap<number, readonly string[]>): Promise<Set<string>> {
    const found = new Set<string>();
    for (const [cap, keys] of byCap) {
      for (const id of await this.deps.store.subjectsByLinkKeys(keys, cap)) found.add(id);
      for (const key of keys) for (const id of this.keyHolders.get(key) ?? []) found.add(id);
    }
    return found;
  }

  private remember(subjectId: string, claim: PersonEvidence, keys: string[], decision: LinkDecision): void {
    this.evidence.set(subjectId, claim);
    this.provisional.add(subjectId);
    this.decided.add(subjectId);
    this.hold(subjectId, keys);
    if (decision.decision === 'link' && decision.subjectId) {
      this.rootOf.set(subjectId, decision.subjectId);
      this.membersOf.set(decision.subjectId, [...(this.membersOf.get(decision.subjectId) ?? []), subjectId]);
    }
  }

  /** The model for this run: its prior is one match in the registry's population, read once. */
  private async modelOf(): Promise<LinkageModel> {
    return (this.model ??= defaultPersonModel(Math.max(2, (await this.deps.store.stats()).subjects)));
  }

  /** A subject's blinded keys by cap, computed once per run (a numbered person is introduced, then weighed). */
  private keysOf(subjectId: string, evidence: PersonEvidence): Map<number, string[]> {
    const known = this.keyCache.get(subjectId);
    return known ?? this.keyCache.set(subjectId, blindedKeysByCap(evidence, this.deps.keyRing));
  }

  /** Keys of subjects decided or introduced in this run, whose batch may not be stored yet. */
  private hold(subjectId: string, keys: readonly string[]): void {
    for (const key of keys) this.keyHolders.set(key, [...(this.keyHolders.get(key) ?? []), subjectId]);
  }

  private async root(id: string): Promise<string> {
    return linkRoot(id, async (at) => this.rootOf.get(at) ?? this.storedTarget(at));
  }

  private async members(root: string): Promise<string[]> {
    const out: string[] = [];
    let frontier = [root];
    for (let depth = 0; depth < MAX_LINK_DEPTH && frontier.length > 0; depth++) {
      const stored = await this.storedInto(frontier);
      frontier = frontier.flatMap((id) => [...(stored.get(id) ?? []), ...(this.membersOf.get(id) ?? [])]);
      out.push(...frontier);
    }
    return [...new Set(out)];
  }

  // The store's links as this run first read them: the run's own links are in rootOf and membersOf,
  // and candidates recur from record to record, so each is looked up once.
  private async storedTarget(id: string): Promise<string | null> {
    const known = this.targets.get(id);
    if (known !== undefined) return known;
    return this.targets.set(id, (await this.deps.store.activeLinksOf([id])).get(id)?.targetId ?? null);
  }

  private async storedInto(ids: readonly string[]): Promise<Map<string, string[]>> {
    const missing = ids.filter((id) => this.into.get(id) === undefined);
    if (missing.length > 0) {
      const found = await this.deps.store.linksInto(missing);
      for (const id of missing) this.into.set(id, (found.get(id) ?? []).map((l) => l.subjectId));
    }
    return new Map(ids.map((id) => [id, this.into.get(id) ?? []]));
  }

  /** A subject's evidence prepared once per run: candidates recur, and preparing reads names into pinyin. */
  private async preparedOf(id: string): Promise<PreparedEvidence | null> {
    const known = this.prepared.get(id);
    if (known !== undefined) return known;
    const evidence = await this.evidenceOf(id);
    return this.prepared.set(id, evidence ? prepareEvidence(evidence) : null);
  }

  private async evidenceOf(id: string): Promise<PersonEvidence | null> {
    const known = this.evidence.get(id);
    if (known !== undefined) return known;
    const row = await this.deps.store.subjectById(id);
    const evidence = (row && evidenceOfSubject(row, this.deps.keyRing)) ?? null;
    this.evidence.set(id, evidence);
    return evidence;
  }
}

const NAME_FIELDS = new Set(['familyName', 'givenName']);

/**
 * A name is not a person: a link made on the match weight alone needs some other comparison (birth
 * date, region, the visible digits of a number) to agree, however rare the name. Otherwise a person
 * reviews it.
 */
export function corroborated(d: LinkDecision): LinkDecision {
  if (d.decision !== 'link' || d.basis !== 'match-weight') return d;
  if (d.comparisons.some((c) => !NAME_FIELDS.has(c.field) && c.weight > 0)) return d;
  return { ...d, decision: 'review', reason: `${d.reason}, but only the name agrees: a person reviews it` };
}

const rank = (d: LinkDecision) => (d.decision === 'link' ? 2 : d.decision === 'review' ? 1 : 0);
