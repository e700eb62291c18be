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
  }, 60_000);

  it('says clearly when the database cannot be reached', () => {
    const r = runCli(['stats'], { XINYONG_DB: join(dir, 'registry.db'), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/XY_STORE_UNREACHABLE: cannot reach the store at postgres:\/\/postgres@127\.0\.0\.1:1\/none/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
