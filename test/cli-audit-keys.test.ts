import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-audit-'));
const env = { XINYONG_DB: join(dir, 'registry.db'), XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
const cli = (args: string[]) => runCli(args, env);
const ID = '11010519491231002X';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)('audit log, access log and keys through the CLI', () => {
  beforeAll(() => {
    expect(cli(['init']).code).toBe(0);
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, JSON.stringify({ source: 'court.enforcement', ref: 'A-1', type: 'judicial.dishonest_debtor', occurredAt: '2025-06-01', subject: { kind: 'person', id: ID, name: '张三' }, attributes: { court: '北京市朝阳区人民法院' } }) + '\n');
    expect(cli(['ingest', file]).code).toBe(0);
  });

  it('shows every read in the subject access log with its purpose', () => {
    expect(cli(['score', ID, '--purpose', 'complaint_review']).code).toBe(0);
    const report = JSON.parse(cli(['report', ID, '--json']).stdout) as { accessLog: Array<{ action: string; purpose: string }> };
    expect(report.accessLog.map((a) => [a.action, a.purpose])).toEqual([['subject.report', 'operator_review'], ['subject.score', 'complaint_review']]);
  });

  it('creates API keys that show their secret once and store only a hash', () => {
    const created = JSON.parse(cli(['keys', 'create', '--role', 'relying_party', '--actions', 'air_travel.purchase', '--purposes', 'ticket_sale', '--json']).stdout) as { id: string; key: string };
    expect(created.key).toMatch(/^xyk_[0-9a-f]{16}_/);
    expect(readFileSync(env.XINYONG_DB).includes(Buffer.from(secretOf(created.key)))).toBe(false);
    const bad = cli(['keys', 'create', '--role', 'relying_party', '--actions', 'space.travel', '--purposes', 'x']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('XY_KEY_GRANT')]);
  });

  it('rotates the master key: numbers are re-sealed, lookups by number still work, no number is stored in the clear', () => {
    const rotated = JSON.parse(cli(['keys', 'rotate-master', '--json']).stdout) as { resealed: number };
    expect(rotated.resealed).toBe(1);
    expect(cli(['report', ID]).code).toBe(0);
    for (const f of readdirSync(dir).filter((f) => f.startsWith('registry.db'))) {
      expect(readFileSync(join(dir, f)).includes(Buffer.from(ID)), f).toBe(false);
    }
  });

  it('verifies the audit log, and detects an edited event', () => {
    const ok = cli(['audit', 'verify', '--json']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const db = new Database(env.XINYONG_DB);
    db.prepare("UPDATE audit_events SET purpose = 'nothing_to_see' WHERE seq = 1").run();
    db.close();
    const broken = cli(['audit', 'verify']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(/XY_AUDIT_EDITED at event 1/);
  });
});

/** The secret part of `xyk_<id>_<secret>`; the secret is base64url and may itself contain `_`. */
function secretOf(key: string): string {
  return key.slice(key.indexOf('_', 'xyk_'.length) + 1);
}
