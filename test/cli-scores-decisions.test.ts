import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuilt, runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-decide-'));
const env = { XINYONG_DB: join(dir, 'registry.db'), XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
const at = (clock: string) => ({ ...env, XINYONG_CLOCK: clock });
const cli = (args: string[], e: Record<string, string> = env) => runCli(args, e);
const ORG = '91110000600037341L';
const REP = '11010519491231002X';
const OTHER = '110105198001010016';
const line = (r: Record<string, unknown>) => JSON.stringify(r);
const ingest = (name: string, records: Record<string, unknown>[], e = env) => {
  const file = join(dir, name);
  writeFileSync(file, records.map(line).join('\n') + '\n');
  const r = cli(['ingest', file, '--json'], e);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return JSON.parse(r.stdout) as Record<string, number>;
};
const debt = { source: 'court.enforcement', ref: '(2025)京0105执123号', type: 'judicial.dishonest_debtor', occurredAt: '2025-06-01', severity: 'serious', amount: 800000, subject: { kind: 'org', id: ORG, name: '北京华信科技有限公司' }, attributes: { court: '北京市朝阳区人民法院' } };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)('scores and decisions through the CLI', () => {
  beforeAll(() => {
    expect(cli(['init']).code).toBe(0);
    ingest('base.jsonl', [
      { source: 'market.samr', ref: 'LR-1', type: 'relation.legal_representative', occurredAt: '2020-01-01', subject: { kind: 'org', id: ORG, name: '北京华信科技有限公司' }, related: { kind: 'person', id: REP, name: '张三' } },
      { source: 'market.samr', ref: 'SH-1', type: 'relation.shareholder', occurredAt: '2020-01-01', subject: { kind: 'org', id: ORG }, related: { kind: 'person', id: OTHER, name: '李四' } },
    ]);
  });

  it('scores a subject with no records at the base, and its score moves as records arrive and resolve', () => {
    const score = (e = env) => JSON.parse(cli(['score', ORG, '--json'], e).stdout) as { score: number; grade: string; reasons: Array<{ code: string; points: number }> };
    const clean = score();
    expect(clean).toMatchObject({ score: 700, grade: 'A', reasons: [] });
    ingest('debt.jsonl', [debt]);
    const listed = score();
    expect(listed.score).toBeLessThan(700);
    expect(listed.reasons[0]).toMatchObject({ code: 'judicial.dishonest_debtor' });
    expect(listed.score - 700).toBeCloseTo(listed.reasons.reduce((s, r) => s + r.points, 0), 0);
  });

  it('denies the legal representative of a listed debtor company air travel, with legal basis and remedy; a shareholder is allowed', () => {
    const decide = (id: string, e = env) => JSON.parse(cli(['decide', id, 'air_travel.purchase', '--json'], e).stdout) as { effect: string; measures: Array<Record<string, unknown>> };
    const rep = decide(REP);
    expect(rep.effect).toBe('deny');
    expect(rep.measures[0]).toMatchObject({ effect: 'deny', trigger: { list: 'dishonest_judgment_debtors', via: { role: 'legal_representative' } } });
    expect(String(rep.measures[0]!.legalBasis)).toMatch(/\S/);
    expect(String(rep.measures[0]!.remedy)).toContain('(2025)京0105执123号');
    expect(decide(OTHER).effect).toBe('allow');
    expect(decide(ORG).effect).toBe('deny');
  });

  it('allows the legal representative again once the debt is resolved, and lists follow', () => {
    const later = at('2026-02-01T00:00:00Z');
    ingest('paid.jsonl', [{ ...debt, revision: 2, status: 'resolved' }], later);
    const rep = JSON.parse(cli(['decide', REP, 'air_travel.purchase', '--json'], later).stdout) as { effect: string };
    expect(rep.effect).toBe('allow');
    const before = JSON.parse(cli(['decide', REP, 'air_travel.purchase', '--json', '--as-of', '2026-01-15'], later).stdout) as { effect: string };
    expect(before.effect).toBe('deny');
    expect(cli(['lists', 'dishonest_judgment_debtors', '--json'], later).stdout.trim()).toBe('');
  });

  it('reports score history and refuses an unknown action with a stable code', () => {
    const report = JSON.parse(cli(['report', ORG, '--json'], at('2026-02-01T00:00:00Z')).stdout) as { history: Array<{ score: number }>; score: { score: number } };
    expect(report.history.length).toBeGreaterThan(1);
    const unknown = cli(['decide', REP, 'space.travel']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/XY_UNKNOWN_ACTION/);
  });

  it('simulates a candidate policy without changing anything, then activates it with its simulation and rescores', () => {
    const candidate = join(dir, 'candidate.yaml');
    const text = readFileSync(join(process.cwd(), 'policy', 'default.yaml'), 'utf8');
    // The candidate stops extending the consumption ban to legal representatives: their decisions flip.
    writeFileSync(candidate, text.replace(/appliesTo: \[self, legal_representative, actual_controller\]/g, 'appliesTo: [self, actual_controller]'));
    const relisted = at('2026-03-01T00:00:00Z');
    ingest('debt-2.jsonl', [{ ...debt, ref: '(2026)京0105执9号', occurredAt: '2026-02-15' }], relisted);
    const sim = cli(['policy', 'simulate', candidate, '--json'], relisted);
    expect(sim.code, sim.stderr).toBe(0);
    const summary = JSON.parse(sim.stdout) as { subjects: number; decisions: Record<string, { flipped: number; changes: Record<string, number> }> };
    expect(summary.subjects).toBe(3);
    expect(summary.decisions['air_travel.purchase']).toMatchObject({ flipped: 1, changes: { 'deny->allow': 1 } });
    expect(JSON.parse(cli(['decide', REP, 'air_travel.purchase', '--json'], relisted).stdout).effect).toBe('deny');
    const activated = cli(['policy', 'activate', candidate, '--json'], relisted);
    expect(activated.code, activated.stderr).toBe(0);
    expect(JSON.parse(activated.stdout)).toMatchObject({ active: true, rescored: 3, simulation: { decisions: { 'air_travel.purchase': { flipped: 1 } } } });
    expect(JSON.parse(cli(['decide', REP, 'air_travel.purchase', '--json'], relisted).stdout).effect).toBe('allow');
    const rescore = cli(['rescore', '--json'], relisted);
    expect(JSON.parse(rescore.stdout)).toMatchObject({ subjects: 3 });
  });

  it('gives the same score document byte for byte for the same as-of', () => {
    const a = cli(['score', ORG, '--as-of', '2025-12-01', '--json'], at('2026-03-01T00:00:00Z')).stdout;
    const b = cli(['score', ORG, '--as-of', '2025-12-01', '--json'], at('2026-09-01T00:00:00Z')).stdout;
    expect(a).toBe(b);
  });
});
