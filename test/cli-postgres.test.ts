import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, runCli } from './support/run-cli.js';

/**
 * The same registry on PostgreSQL, through the CLI as an operator would use it: `DATABASE_URL`
 * selects the store, everything else is unchanged. Each run uses a schema of its own.
 */
const url = process.env.DATABASE_URL;
const schema = `xy_cli_${process.pid}_${Date.now() % 1e6}`;
const dir = mkdtempSync(join(tmpdir(), 'xinyong-pg-cli-'));
const withSchema = (u: string) => `${u}${u.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const env = (clock: string) => ({ XINYONG_DB: join(dir, 'registry.db'), DATABASE_URL: withSchema(url ?? ''), XINYONG_CLOCK: clock });
const cli = (args: string[], clock = '2026-06-01T00:00:00Z') => runCli(args, env(clock));
const PERSON = '11010519491231002X';

describe.skipIf(!url || !cliBuilt)(`the CLI on PostgreSQL${url ? '' : ' (skipped: DATABASE_URL is not set)'}`, () => {
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  });
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('initialises, ingests, scores, decides, runs due process and verifies its audit log', () => {
    expect(cli(['init']).code).toBe(0);
    const file = join(dir, 'debt.jsonl');
    writeFileSync(file, JSON.stringify({
      source: 'court.enforcement', ref: '(2026)京0105执77号', type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious',
      subject: { kind: 'person', id: PERSON, name: '王五' },
    }) + '\n');
    const ingest = cli(['--json', 'ingest', file]);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ accepted: 1, rejected: 0 });
    expect(JSON.parse(cli(['--json', 'ingest', file]).stdout)).toMatchObject({ accepted: 0, duplicates: 1 });

    const decide = JSON.parse(cli(['--json', 'decide', PERSON, 'air_travel.purchase']).stdout) as { effect: string };
    expect(decide.effect).toBe('deny');
    const report = JSON.parse(cli(['--json', 'report', PERSON]).stdout) as { records: Array<{ id: string; status: string }>; subject: { identity: string } };
    expect(report.subject.identity).toBe('1101**********002X');
    const recordId = report.records[0]!.id;

    const filed = cli(['--json', 'objections', 'file', recordId, '--statement', '已履行']);
    expect(filed.code, filed.stderr).toBe(0);
    expect(cli(['--json', 'tick'], '2026-07-02T00:00:00Z').stdout).toContain('"lapsed":1');
    const later = JSON.parse(cli(['--json', 'report', PERSON], '2026-07-02T00:00:00Z').stdout) as { records: Array<{ status: string }> };
    expect(later.records[0]!.status).toBe('suppressed');
    expect(JSON.parse(cli(['--json', 'decide', PERSON, 'air_travel.purchase'], '2026-07-02T00:00:00Z').stdout)).toMatchObject({ effect: 'allow' });

    expect(JSON.parse(cli(['--json', 'stats']).stdout)).toMatchObject({ subjects: 1, records: 1, revisions: 1, objections: 1 });
    const verify = cli(['audit', 'verify'], '2026-07-02T00:00:00Z');
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 180_000);

  it('links records without a full number on PostgreSQL: masked, reviewed, unlinked, and the decisions follow', () => {
    const later = '2026-08-01T00:00:00Z';
    const known = '440582198001011239';
    const file = join(dir, 'linkage.jsonl');
    const line = (r: Record<string, unknown>) => JSON.stringify({ source: 'court.enforcement', type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious', ...r });
    writeFileSync(file, [
      JSON.stringify({ source: 'bank.icbc', ref: 'L-1', type: 'financial.loan_overdue', occurredAt: '2026-01-01', subject: { kind: 'person', id: known, name: '张伟明' }, attributes: { daysPastDue: 100 } }),
      line({ ref: 'M-1', subject: { kind: 'person', id: '4405**********1239', name: '张伟明' } }),
      line({ ref: 'N-1', subject: { kind: 'person', name: '王五' } }),
    ].join('\n') + '\n');
    expect(JSON.parse(cli(['--json', 'ingest', file], later).stdout)).toMatchObject({ accepted: 3, rejected: 0 });
    // The masked record joined the numbered person; the name alone (王五, whose number is known) waits for a person.
    const report = JSON.parse(cli(['--json', 'report', known], later).stdout) as { records: Array<{ ref: string; linkage: { basis: string } | null }> };
    expect(report.records.find((r) => r.ref === 'M-1')?.linkage).toMatchObject({ basis: 'masked-identity' });
    expect(JSON.parse(cli(['--json', 'decide', known, 'air_travel.purchase'], later).stdout)).toMatchObject({ effect: 'deny' });
    const queue = JSON.parse(cli(['--json', 'links', 'reviews'], later).stdout) as Array<{ review: { id: string; subjectId: string } }>;
    expect(queue).toHaveLength(1);
    const wangWu = () => (JSON.parse(cli(['--json', 'decide', PERSON, 'air_travel.purchase'], later).stdout) as { effect: string }).effect;
    expect(wangWu()).toBe('allow'); // the earlier test's listing is suppressed by its lapsed objection
    expect(cli(['--json', 'links', 'decide', queue[0]!.review.id, '--outcome', 'link'], later).code).toBe(0);
    expect(wangWu()).toBe('deny');
    expect(cli(['--json', 'links', 'unlink', queue[0]!.review.subjectId, '--reason', 'another 王五'], later).code).toBe(0);
    expect(wangWu()).toBe('allow');
    expect(cli(['links', 'unlink', queue[0]!.review.subjectId, '--reason', 'again'], later).stderr).toMatch(/XY_LINK_NOT_FOUND/);
    const verify = cli(['audit', 'verify'], later);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 180_000);

  it('says clearly when the database cannot be reached', () => {
    const r = runCli(['stats'], { XINYONG_DB: join(dir, 'registry.db'), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/XY_STORE_UNREACHABLE: cannot reach the store at postgres:\/\/postgres@127\.0\.0\.1:1\/none/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
