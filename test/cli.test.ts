import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-cli-'));
const env = { XINYONG_DB: join(dir, 'registry.db'), XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
const cli = (args: string[], input?: string | Buffer) => runCli(args, env, input);
const json = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const rec = (ref: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    source: 'court.enforcement', ref, type: 'judicial.dishonest_debtor', occurredAt: '2025-03-01', severity: 'serious', amount: 50000,
    subject: { kind: 'person', id: '11010519491231002X', name: '张三' }, attributes: { court: '北京市朝阳区人民法院' }, ...over,
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)('xinyong CLI (compiled)', () => {
  beforeAll(() => {
    if (!cliBuilt) return;
    const init = cli(['init', '--json']);
    expect(init.code, init.stderr).toBe(0);
  });

  it('checks identity numbers per the contract, exit 3 when any is invalid', () => {
    const r = cli(['--json', 'id', 'check', '11010519491231002X', '110105491231002', '91110000600037341L', '110105194912310021']);
    expect(r.code).toBe(3);
    const [a, b, c, d] = json(r.stdout);
    expect(a).toMatchObject({ input: '11010519491231002X', valid: true, kind: 'resident_id', birthDate: '1949-12-31', sex: 'female', region: '北京市朝阳区' });
    expect(b).toMatchObject({ valid: true, kind: 'resident_id', normalized: '11010519491231002X' });
    expect(c).toMatchObject({ valid: true, kind: 'uscc', normalized: '91110000600037341L' });
    expect(d).toMatchObject({ valid: false, kind: null, error: { code: 'XY_ID_CHECKSUM' } });
  });

  it('ingests good lines, reports bad ones with line numbers, exit 3; a re-run adds nothing', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, [rec('A-1'), '{not json', rec('A-2', { subject: { kind: 'org', id: '11010519491231002X' } }), rec('A-3', { occurredAt: '2027-01-01' }), rec('A-4')].join('\n'));
    const first = cli(['ingest', file, '--json']);
    expect(first.code).toBe(3);
    const out = JSON.parse(first.stdout) as { accepted: number; rejected: number; errors: Array<{ line: number; code: string }> };
    expect(out).toMatchObject({ accepted: 2, duplicates: 0, updated: 0, rejected: 3 });
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[2, 'XY_RECORD_JSON'], [3, 'XY_ID_KIND_MISMATCH'], [4, 'XY_RECORD_FUTURE']]);
    const again = JSON.parse(cli(['ingest', file, '--json']).stdout) as Record<string, number>;
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: 3 });
  });

  it('reads stdin, survives binary junk, and keeps stored data intact', () => {
    const junk = Buffer.concat([Buffer.from([0, 1, 2, 255, 254, 10]), Buffer.from(`${rec('B-1')}\n`), Buffer.alloc(3000, 0x41)]);
    const r = cli(['ingest', '-', '--json'], junk);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 1, rejected: 2 });
    const stats = JSON.parse(cli(['stats', '--json']).stdout) as Record<string, number>;
    expect(stats).toMatchObject({ subjects: 1, records: 3, revisions: 3, listEntries: 3 });
  });

  it('shows a report with masked identity, and lists entries that end on resolution', () => {
    const report = cli(['report', '11010519491231002X', '--json']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).not.toContain('11010519491231002X');
    const body = JSON.parse(report.stdout) as { subject: { identity: string }; records: unknown[]; lists: Array<{ active: boolean }> };
    expect(body.subject.identity).toBe('1101**********002X');
    expect(body.records).toHaveLength(3);
    const resolved = join(dir, 'resolved.jsonl');
    writeFileSync(resolved, rec('A-1', { revision: 2, status: 'resolved' }) + '\n');
    expect(JSON.parse(cli(['ingest', resolved, '--json']).stdout)).toMatchObject({ updated: 1 });
    const listed = json(cli(['lists', 'dishonest_judgment_debtors', '--json']).stdout);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ list: 'dishonest_judgment_debtors', subject: { identity: '1101**********002X' } });
  });

  it('fails with exit 2 and a stable code, never a stack trace', () => {
    const missing = cli(['ingest', join(dir, 'nope.jsonl')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, expect.stringMatching(/^xinyong: XY_FILE_NOT_FOUND: /)]);
    const unknown = cli(['report', '91110000600037341L']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/XY_SUBJECT_NOT_FOUND/);
    expect(unknown.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const noStore = runCli(['stats'], { XINYONG_DB: join(dir, 'none', 'x.db') });
    expect([noStore.code, noStore.stderr]).toEqual([2, expect.stringContaining('XY_STORE_NOT_INITIALISED')]);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('checks policies: the default is valid; a speech category and a missing legal basis are refused with positions', () => {
    const bad = join(dir, 'bad-policy.yaml');
    const text = cli(['policy', 'check', join(process.cwd(), 'policy', 'default.yaml')]);
    expect(text.code, text.stderr).toBe(0);
    writeFileSync(bad, readFileSync(join(process.cwd(), 'policy', 'default.yaml'), 'utf8').replace('category: judgment_enforcement', 'category: speech').replace(/legalBasis: .*\n/, 'legalBasis: ""\n'));
    const r = cli(['policy', 'check', bad, '--json']);
    expect(r.code).toBe(3);
    const codes = (JSON.parse(r.stdout) as { errors: Array<{ code: string; line?: number }> }).errors.map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['XY_POLICY_FORBIDDEN_CATEGORY', 'XY_POLICY_NO_LEGAL_BASIS']));
  });

  it('generates the same demo population for the same seed', () => {
    const a = runCli(['demo', '--people', '40', '--orgs', '8', '--seed', '9', '--json'], { ...env, XINYONG_DB: join(dir, 'd1', 'x.db') });
    const b = runCli(['demo', '--people', '40', '--orgs', '8', '--seed', '9', '--json'], { ...env, XINYONG_DB: join(dir, 'd2', 'x.db') });
    expect(a.code, a.stderr).toBe(0);
    const statsOf = (db: string) => JSON.parse(runCli(['stats', '--json'], { ...env, XINYONG_DB: db }).stdout) as Record<string, unknown>;
    expect(statsOf(join(dir, 'd1', 'x.db'))).toEqual(statsOf(join(dir, 'd2', 'x.db')));
    expect(JSON.parse(a.stdout)).toMatchObject({ skipped: false, summary: { rejected: 0 } });
    expect(JSON.parse(b.stdout).featured).toBe(JSON.parse(a.stdout).featured);
  });
});
