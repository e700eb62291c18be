import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliBuilt, type CliRun } from './support/run-cli.js';

/**
 * Due process through the compiled CLI, one store, the clock set per call: a debtor's objection
 * lapses into suppression and is certified; a tax violator pays, applies for repair after the
 * minimum term and is approved. Exit codes: 2 for what cannot be done, with the reason on stderr.
 * Refusals and decisions are covered over HTTP (test/http/due-process.test.ts); this file keeps to
 * what the command line adds.
 * A CLI process costs about a second to start, so calls that do not depend on each other run
 * side by side (SQLite's busy timeout queues their writes).
 */

const dir = mkdtempSync(join(tmpdir(), 'xinyong-due-process-'));
const db = join(dir, 'registry.db');
/** The compiled CLI as a user runs it, at a fixed clock, without blocking the other calls of a step. */
const cli = (clock: string, ...args: string[]) => new Promise<CliRun>((resolve, reject) => {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', XINYONG_DB: db, XINYONG_CLOCK: clock } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.on('error', reject).on('close', (code) => resolve({ code, stdout, stderr }));
});
const ok = async (clock: string, ...args: string[]) => {
  const r = await cli(clock, ...args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
  return r.stdout;
};
const okJson = async <T = Record<string, unknown>>(clock: string, ...args: string[]) => JSON.parse(await ok(clock, ...args, '--json')) as T;
const ingest = (clock: string, name: string, records: Array<Record<string, unknown>>) => {
  const file = join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return okJson<{ accepted: number; updated: number; rejected: number }>(clock, 'ingest', file);
};

const T0 = '2026-06-01T00:00:00Z';
const DEBTOR = '11010519491231002X';
const TAXED = '110105199007150022';
const debt = {
  source: 'court.enforcement', ref: '(2026)京0105执77号', type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious',
  amount: 120000, subject: { kind: 'person', id: DEBTOR, name: '王五' }, attributes: { court: '北京市朝阳区人民法院' },
};
const tax = {
  source: 'tax.bj', ref: '京税稽罚〔2025〕3号', type: 'commercial.tax_violation', occurredAt: '2025-07-05', severity: 'serious',
  amount: 300000, subject: { kind: 'person', id: TAXED, name: '钱七' }, attributes: { taxAuthority: '国家税务总局北京市税务局稽查局' },
};

interface Case { id: string; kind: string; status: string; dueAt: string; recordId: string; decidedBy?: string | null; lapsedAt?: string | null }
interface Report {
  records: Array<{ id: string; ref: string; status: string; revision: number; published: boolean; statements: Array<{ statement: string }> }>;
  lists: Array<{ list: string; active: boolean; endReason: string; trigger: string[] }>;
  score: { reasons: Array<{ recordId: string }> };
  objections: Array<{ id: string; status: string }>;
  repairs: Array<{ id: string; status: string }>;
}
interface Notice { kind: string; at: string; body: Record<string, unknown> }
const report = (clock: string, subject: string) => okJson<Report>(clock, 'report', subject);
const recordOf = (r: Report, ref: string) => r.records.find((x) => x.ref === ref)!;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)('due process through the CLI', () => {
  const ids = { debt: '', objection: '', tax: '', repair: '' };

  beforeAll(async () => {
    await ok(T0, 'init');
    expect(await ingest(T0, 'records.jsonl', [debt, tax])).toMatchObject({ accepted: 2, rejected: 0 });
    const [debtor, taxed] = await Promise.all([report(T0, DEBTOR), report(T0, TAXED)]);
    ids.debt = recordOf(debtor, debt.ref).id;
    // Revision 1's id: a case names any revision of the record, and applies to the record as it stands.
    ids.tax = recordOf(taxed, tax.ref).id;
    expect(taxed.lists).toEqual([expect.objectContaining({ list: 'major_tax_violation', active: true })]);
  });

  it('a dispute nobody answers: suppressed by the tick after the deadline, then certified by the furnisher', async () => {
    const filed = await okJson<Case>(T0, 'objections', 'file', ids.debt, '--statement', '判决已于2026年5月履行完毕，附法院结案通知书。');
    expect(filed).toMatchObject({ kind: 'objection', status: 'open', dueAt: '2026-07-01T00:00:00.000Z', recordId: ids.debt });
    ids.objection = filed.id;

    // The day after the deadline.
    const after = '2026-07-02T00:00:00Z';
    const tick = await cli(after, 'tick');
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toMatch(/^tick at 2026-07-02T00:00:00\.000Z: 1 objection\(s\) lapsed, 0 repair\(s\) decided by deadline/);
    const [suppressed, notices] = await Promise.all([report(after, DEBTOR), okJson<Notice[]>(after, 'notices', DEBTOR)]);
    expect(recordOf(suppressed, debt.ref)).toMatchObject({ status: 'suppressed', published: false });
    expect(suppressed.score.reasons).toEqual([]);
    expect(suppressed.objections).toEqual([expect.objectContaining({ id: filed.id, status: 'lapsed' })]);
    expect(notices.find((n) => n.kind === 'objection.lapsed')).toMatchObject({ at: '2026-07-01T00:00:00.000Z', body: { objectionId: filed.id, recordId: ids.debt } });

    const certified = await okJson<Case>(after, 'objections', 'answer', filed.id, '--outcome', 'upheld', '--note', '尚未履行');
    expect(certified).toMatchObject({ id: filed.id, status: 'certified' });
    const counted = await report(after, DEBTOR);
    expect(recordOf(counted, debt.ref)).toMatchObject({ status: 'active', published: true, statements: [{ statement: '判决已于2026年5月履行完毕，附法院结案通知书。' }] });
    expect(counted.score.reasons.map((r) => r.recordId)).toEqual([ids.debt]);
    expect(counted.lists).toEqual([expect.objectContaining({ list: 'dishonest_judgment_debtors', active: true })]);
  });

  it("a listed tax violator pays, applies once the minimum term has passed, and is repaired on an operator's approval", async () => {
    const paid = '2026-07-03T00:00:00Z';
    expect(await ingest(paid, 'paid.jsonl', [{ ...tax, revision: 2, status: 'resolved' }])).toMatchObject({ updated: 1, rejected: 0 });
    const commitment = '本人已缴清税款、滞纳金及罚款，承诺今后依法纳税。';
    const resolved = await report(paid, TAXED);
    expect(recordOf(resolved, tax.ref)).toMatchObject({ status: 'resolved', revision: 2, published: true });
    // The listing ended when the tax was paid.
    expect(resolved.lists).toEqual([expect.objectContaining({ list: 'major_tax_violation', active: false, endReason: 'resolved' })]);

    const monday = '2026-07-06T02:00:00Z'; // 10:00 in Beijing
    const applied = await okJson<Case>(monday, 'repairs', 'apply', ids.tax, '--commitment', commitment);
    // Three working days: Tuesday 7 to Thursday 9 July, due at the end of Thursday in Beijing.
    expect(applied).toMatchObject({ kind: 'repair', status: 'pending', dueAt: '2026-07-09T16:00:00.000Z' });
    ids.repair = applied.id;

    const decided = '2026-07-07T01:00:00Z';
    const approved = await okJson<Case>(decided, 'repairs', 'decide', ids.repair, '--approve', '--note', '材料齐全');
    expect(approved).toMatchObject({ id: ids.repair, status: 'approved', decidedBy: 'cli:operator' });
    const repaired = await report(decided, TAXED);
    expect(recordOf(repaired, tax.ref)).toMatchObject({ status: 'repaired', published: false });
    expect(repaired.score.reasons).toEqual([]);
    expect(repaired.repairs).toEqual([expect.objectContaining({ id: ids.repair, status: 'approved' })]);
    expect(repaired.lists.filter((l) => l.active)).toEqual([]);
  });

  it('exits 2 with the reason for what cannot be done; stats counts the objection', async () => {
    const at = '2026-07-08T00:00:00Z';
    const [unknown, neither, outcome, stats] = await Promise.all([
      cli(at, 'objections', 'answer', '0199b3a0-0000-7000-8000-000000000000', '--outcome', 'upheld'),
      cli(at, 'repairs', 'decide', ids.repair),
      cli(at, 'objections', 'answer', ids.objection, '--outcome', 'ignored'),
      okJson(at, 'stats'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('XY_CASE_NOT_FOUND: no objection or repair 0199b3a0-0000-7000-8000-000000000000');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give exactly one of --approve and --reject');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/'ignored' is invalid\. Allowed choices are upheld, corrected, withdrawn/);
    expect(stats).toMatchObject({ subjects: 2, records: 2, revisions: 3, objections: 1 });
  });
});
