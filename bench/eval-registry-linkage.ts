/**
 * `npm run eval:linkage` (second part): identity linkage inside the registry, end to end through
 * ingest. A synthetic Chinese population (bench/linkage/synthetic-people.ts) is split: each person's
 * records with a full number go in as a bank's records (the registry's numbered subjects), the rest
 * (masked numbers, names in hanzi or pinyin with typos, no number at all) as a court's records that
 * linkage must place. Measured per record without a number: linked to the right person, linked to a
 * wrong one, queued for review, or kept provisional; in two orders of arrival (numbered first, and
 * the court first, so the numbered person arrives later). Goal: precision of automatic links >= 0.98.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptySummary, ingestRecords } from '../src/app/ingest/ingest-records.js';
import type { RawRecord } from '../src/app/ingest/read-records.js';
import { deriveWith } from '../src/app/derive-hook.js';
import { initRegistry } from '../src/app/init-registry.js';
import { activePolicy, openRegistry } from '../src/app/registry.js';
import { SqliteStore } from '../src/adapters/store-sqlite/sqlite-store.js';
import { registryRecords } from './linkage/registry-records.js';
import { syntheticPeople, type SyntheticRecord } from './linkage/synthetic-people.js';

const people = Number(process.env.LINKAGE_REGISTRY_PEOPLE ?? 5_000);
const PRECISION_GOAL = 0.98;

interface Outcome { order: string; records: number; placeable: number; right: number; wrong: number; review: number; reviewRight: number; provisional: number; seconds: number }

async function run(order: 'numbered first' | 'court first', all: readonly SyntheticRecord[]): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-eval-link-'));
  const registry = await openRegistry({ dbPath: join(dir, 'r.db'), masterKey: Buffer.alloc(32, 7).toString('base64'), clock: '2026-06-01T00:00:00Z' }, true);
  try {
    await initRegistry(registry);
    const { policy, version } = await activePolicy(registry);
    const { numbered, unnumbered } = registryRecords(all);
    const started = performance.now();
    for (const batch of order === 'numbered first' ? [numbered, unnumbered] : [unnumbered, numbered]) {
      async function* lines(): AsyncGenerator<RawRecord> {
        let line = 0;
        for (const raw of batch) yield { line: ++line, raw };
      }
      const summary = await ingestRecords(lines(), { ...registry, policy, derive: deriveWith(policy, version, registry.newId) }, emptySummary());
      if (summary.rejected > 0) throw new Error(`${summary.rejected} records refused: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    }
    const seconds = (performance.now() - started) / 1000;
    return { order, ...(await score((registry.store as SqliteStore).database)), seconds };
  } finally {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each court record's fate, read back from the store, against the true person. */
async function score(db: SqliteStore['database']): Promise<Omit<Outcome, 'order' | 'seconds'>> {
  const entityOf = new Map<string, string>();
  for (const r of db.prepare<[], { subject_id: string; ref: string }>("SELECT subject_id, ref FROM record_revisions WHERE source = 'bank.eval'").all()) {
    entityOf.set(r.subject_id, r.ref.split(':')[0]!);
  }
  const target = new Map(db.prepare<[], { subject_id: string; target_id: string }>('SELECT subject_id, target_id FROM subject_links WHERE unlinked_at IS NULL').all().map((l) => [l.subject_id, l.target_id]));
  const root = (id: string) => { let at = id; for (let i = 0; i < 16 && target.has(at); i++) at = target.get(at)!; return at; };
  const reviews = new Map(db.prepare<[], { subject_id: string; candidate_id: string }>("SELECT subject_id, candidate_id FROM link_reviews WHERE status = 'open'").all().map((r) => [r.subject_id, r.candidate_id]));
  const placeableEntities = new Set(entityOf.values());
  const out = { records: 0, placeable: 0, right: 0, wrong: 0, review: 0, reviewRight: 0, provisional: 0 };
  for (const r of db.prepare<[], { subject_id: string; ref: string }>("SELECT subject_id, ref FROM record_revisions WHERE source = 'court.eval'").all()) {
    const entity = r.ref.split(':')[0]!;
    out.records++;
    if (placeableEntities.has(entity)) out.placeable++;
    const to = root(r.subject_id);
    const numberedEntity = entityOf.get(to);
    if (numberedEntity !== undefined) {
      if (numberedEntity === entity) out.right++;
      else out.wrong++;
    } else if (reviews.has(r.subject_id)) {
      out.review++;
      if (entityOf.get(reviews.get(r.subject_id)!) === entity) out.reviewRight++;
    } else out.provisional++;
  }
  return out;
}

const all = [...syntheticPeople(people, 23)];
const outcomes: Outcome[] = [];
for (const order of ['numbered first', 'court first'] as const) outcomes.push(await run(order, all));

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '-');
const rows = [
  ['order of arrival', 'records', 'placeable', 'linked right', 'linked wrong', 'precision', 'recall', 'review', 'review right', 'provisional', 'seconds'],
  ...outcomes.map((o) => [
    o.order, String(o.records), String(o.placeable), String(o.right), String(o.wrong), f(o.right / (o.right + o.wrong)), f(o.right / o.placeable),
    String(o.review), String(o.reviewRight), String(o.provisional), o.seconds.toFixed(1),
  ]),
];
process.stdout.write(`\nregistry ingest: ${people.toLocaleString('en')} synthetic people; court records without a full number placed by linkage\n`);
const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ')}\n`);
let missed = 0;
for (const o of outcomes) {
  const precision = o.right / (o.right + o.wrong);
  if (!(precision >= PRECISION_GOAL)) missed++;
  process.stdout.write(`registry, ${o.order}: precision of automatic links ${f(precision)} ${precision >= PRECISION_GOAL ? 'meets' : 'MISSES'} >= ${PRECISION_GOAL}\n`);
}
if (missed > 0) process.exitCode = 1;
