/**
 * The dashboard's store queries on a population of BENCH_SUBJECTS (default 1,000,000) in SQLite:
 * how long the name index takes to catch up once, then the latency of a search page, a list page
 * and the overview's counts, with SQLite's query plans to show searches and pages are index ranges.
 * Run: `npx tsc -p tsconfig.build.json && node dist/bench/dashboard-scale.js`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/adapters/store-sqlite/sqlite-store.js';
import { idGenerator } from '../src/app/new-id.js';
import { SubjectSearch } from '../src/app/subject-search.js';

const N = Number(process.env.BENCH_SUBJECTS ?? 1_000_000);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];

const dir = mkdtempSync(join(tmpdir(), 'xinyong-dashboard-scale-'));
const store = new SqliteStore({ path: join(dir, 'registry.db') });
try {
  await store.migrate();
  const db = store.database;
  const newId = idGenerator();
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  let t = performance.now();
  const insertSubject = db.prepare("INSERT INTO subjects (id, kind, name, created_at) VALUES (?, 'person', ?, '2026-01-01T00:00:00Z')");
  const insertState = db.prepare("INSERT INTO subject_states (subject_id, policy_version, computed_at, score, grade, dimensions, reasons) VALUES (?, 'v', '2026-01-01', 700, ?, '{}', '[]')");
  const insertEntry = db.prepare("INSERT INTO list_entries (subject_id, seq, list, list_kind, started_at, ends_at, end_reason, detail, policy_version) VALUES (?, 0, 'dishonest_judgment_debtors', 'black', '2025-01-01', ?, 'term', '{}', 'v')");
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = newId();
      insertSubject.run(id, SURNAMES[rand(SURNAMES.length)]! + GIVEN[rand(GIVEN.length)]! + (rand(3) === 0 ? GIVEN[rand(GIVEN.length)]! : ''));
      insertState.run(id, ['A', 'A', 'A', 'B', 'C', 'D'][rand(6)]!);
      if (i % 20 === 0) insertEntry.run(id, `2027-${String(1 + rand(12)).padStart(2, '0')}-01`);
    }
  })();
  process.stdout.write(`population: ${N.toLocaleString('en')} subjects, ${Math.ceil(N / 20).toLocaleString('en')} list entries (${((performance.now() - t) / 1000).toFixed(1)} s to write)\n`);

  const search = new SubjectSearch(store);
  t = performance.now();
  while (!(await search.catchUp(50)));
  process.stdout.write(`name index catch-up, once: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

  const time = async (label: string, runs: number, work: () => Promise<unknown>) => {
    await work();
    const started = performance.now();
    for (let i = 0; i < runs; i++) await work();
    process.stdout.write(`${label}: ${((performance.now() - started) / runs).toFixed(2)} ms per call (${runs} calls)\n`);
  };
  await time('search "张" (20 hits)', 200, () => search.byPrefix('张', null, 20));
  await time('search "zhangw" (20 hits)', 200, () => search.byPrefix('zhangw', null, 20));
  let deep = await search.byPrefix('wang', null, 20);
  for (let i = 0; i < 500 && deep.next; i++) deep = await search.byPrefix('wang', deep.next, 20);
  await time('search "wang", page 500', 200, () => search.byPrefix('wang', deep.next, 20));
  await time('search with no hit', 200, () => search.byPrefix('zzzz', null, 20));
  await time('list page (20 entries)', 200, () => store.listEntriesPage('dishonest_judgment_debtors', '2026-06-01', null, 20));
  let page = await store.listEntriesPage('dishonest_judgment_debtors', '2026-06-01', null, 20);
  for (let i = 0; i < 500; i++) {
    const end = page[page.length - 1]!;
    page = await store.listEntriesPage('dishonest_judgment_debtors', '2026-06-01', { endsAt: end.endsAt, subjectId: end.subjectId, seq: end.seq }, 20);
  }
  const last = page[page.length - 1]!;
  await time('list page 500', 200, () => store.listEntriesPage('dishonest_judgment_debtors', '2026-06-01', { endsAt: last.endsAt, subjectId: last.subjectId, seq: last.seq }, 20));
  await time('overview counts (whole tables; cached 60 s by the server)', 3, () => store.populationCounts('2026-06-01'));

  const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
  process.stdout.write(`plan, search: ${plan('SELECT term, subject_id FROM subject_terms WHERE (term, subject_id) > (?, ?) AND term < ? ORDER BY term, subject_id LIMIT 20', 'zh', '', 'zh\u{10FFFF}')}\n`);
  process.stdout.write(`plan, list page: ${plan('SELECT * FROM list_entries WHERE list = ? AND (ends_at, subject_id, seq) > (?, ?, ?) AND started_at <= ? ORDER BY ends_at, subject_id, seq LIMIT 20', 'x', 'b', 'c', 0, 'a')}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
