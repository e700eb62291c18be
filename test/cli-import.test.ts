import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoResidentId, demoUscc } from '../src/app/demo/demo-identities.js';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { cliBuilt, runCli } from './support/run-cli.js';

// Synthetic files in the furnishers' own formats: no real person's data.
const dir = mkdtempSync(join(tmpdir(), 'xinyong-import-'));
const env = { XINYONG_DB: join(dir, 'registry.db'), XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
const cli = (args: string[]) => runCli(args, env);
const random = new SeededRandom(11);
const PERFORMANCE = ['全部未履行', '部分未履行', '全部已履行'] as const;

/** Each synthetic entry's full number, by entry index (the SPC file shows people's only masked). */
const fullIds = new Map<number, string>();

/** An SPC-format entry: people with masked numbers, organisations with their USCC and legal representative. */
function spcEntry(i: number, org: boolean, performance: string = PERFORMANCE[i % 3]!): Record<string, unknown> {
  const id = org ? demoUscc(random) : demoResidentId(random, `196${i % 10}-0${1 + (i % 9)}-1${i % 10}`, '342301');
  fullIds.set(i, id);
  return {
    iname: org ? `某某贸易有限公司${i}` : `被执行人${i}`, cardNum: org ? id : `${id.slice(0, 10)}****${id.slice(14)}`,
    caseCode: `(2019)皖0102执${100 + i}号`, courtName: '合肥市瑶海区人民法院', areaName: '安徽', age: 55, sexy: '男',
    businessEntity: org ? `法定代表人${i}` : '', gistId: `(2018)皖0102民初${i}号`, gistUnit: '合肥市瑶海区人民法院', duty: '支付货款',
    performance, performedPart: '', unperformPart: '', disruptTypeName: '有履行能力而拒不履行生效法律文书确定义务',
    publishDate: '2025年07月13日', regDate: '20250709', partyTypeName: org ? '法人或其他组织' : '自然人',
  };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)('xinyong import --mapping (compiled)', () => {
  beforeAll(() => {
    if (!cliBuilt) return;
    expect(cli(['init']).code).toBe(0);
  });

  it('dry-runs and imports an SPC publication: orgs by USCC, masked people linked or kept provisional, line numbers of the file', () => {
    const orgs = Array.from({ length: 4 }, (_, i) => spcEntry(i, true, '全部未履行'));
    const people = Array.from({ length: 3 }, (_, i) => spcEntry(10 + i, false));
    const bad = { ...spcEntry(20, true), performance: '不知道' };
    const file = join(dir, 'spc.json');
    writeFileSync(file, JSON.stringify([...orgs, ...people, bad], null, 1));
    // The registry already knows the first person by a bank's record with the full number.
    const known = join(dir, 'known.jsonl');
    writeFileSync(known, `${JSON.stringify({
      source: 'bank.icbc', ref: 'L-10', type: 'financial.loan_overdue', occurredAt: '2025-01-01',
      subject: { kind: 'person', id: fullIds.get(10), name: '被执行人10' }, attributes: { daysPastDue: 40 },
    })}\n`);
    expect(cli(['ingest', known]).code).toBe(0);
    const before = JSON.parse(cli(['stats', '--json']).stdout) as Record<string, number>;

    const dry = cli(['--json', 'import', '--mapping', 'spc-dishonest', file, '--dry-run', '--preview', '2']);
    expect(dry.code).toBe(3);
    const plan = JSON.parse(dry.stdout) as { rows: number; valid: number; rejected: number; preview: Array<{ line: number; record: { subject: { id: string } } }>; errors: Array<{ line: number; code: string }> };
    expect(plan).toMatchObject({ dryRun: true, rows: 8, records: 7, valid: 7, rejected: 1 });
    expect(plan.preview).toHaveLength(2);
    expect(plan.preview[0]!.record.subject.id).toMatch(/^\w{4}\*+\w{4}$/); // masked in the preview
    expect(plan.errors.map((e) => e.code)).toEqual(['XY_MAPPING_VALUE']);
    // Line numbers are those of the JSON file: each entry starts on its own line of the pretty-printed array.
    expect(plan.errors[0]!.line).toBeGreaterThan(plan.preview[1]!.line);
    expect(JSON.parse(cli(['stats', '--json']).stdout)).toEqual(before); // nothing written

    const imported = cli(['--json', 'import', '--mapping', 'spc-dishonest', file]);
    expect(imported.code).toBe(3);
    const summary = JSON.parse(imported.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ accepted: 7, rejected: 1, mapping: { name: 'spc-dishonest', rows: 8, records: 7 } });
    expect((summary.errors as Array<{ line: number }>).map((e) => e.line)).toEqual(plan.errors.map((e) => e.line));
    const listed = cli(['--json', 'lists', 'dishonest_judgment_debtors']).stdout.trim().split('\n').filter(Boolean);
    expect(listed).toHaveLength(6); // entry 11 is 全部已履行: performed, so resolved and not listed
    const report = JSON.parse(cli(['--json', 'report', orgs[0]!.cardNum as string]).stdout) as { records: Array<{ attributes: Record<string, unknown> }> };
    expect(report.records[0]!.attributes).toMatchObject({ court: '合肥市瑶海区人民法院', publishedAt: '2025-07-13', legalRepresentativeName: '法定代表人0' });
    expect(report.records[0]!.attributes).not.toHaveProperty('age');
    // The masked entry of the known person is linked to them: its visible digits and the name fit only them.
    const person = JSON.parse(cli(['--json', 'report', fullIds.get(10)!]).stdout) as { records: Array<{ source: string; linkage: { basis: string; weight: number } | null }> };
    const court = person.records.find((r) => r.source === 'court.spc')!;
    expect(court.linkage, JSON.stringify(court.linkage)).toMatchObject({ basis: 'masked-identity' });
    expect(JSON.parse(cli(['--json', 'decide', fullIds.get(10)!, 'air_travel.purchase']).stdout)).toMatchObject({ effect: 'deny' });

    // The same publication again adds nothing; a later snapshot where one org paid in full ends its listing.
    expect(JSON.parse(cli(['--json', 'import', '--mapping', 'spc-dishonest', file]).stdout)).toMatchObject({ accepted: 0, duplicates: 7 });
    writeFileSync(file, JSON.stringify([{ ...orgs[0], performance: '全部已履行' }]));
    expect(JSON.parse(cli(['--json', 'import', '--mapping', 'spc-dishonest', file]).stdout)).toMatchObject({ updated: 1, rejected: 0 });
    expect(cli(['--json', 'lists', 'dishonest_judgment_debtors']).stdout.trim().split('\n')).toHaveLength(5);
  });

  it('imports the abnormal operations list: listings active, removals resolved, a later file adds only the removal', () => {
    const header = '企业名称,统一社会信用代码,列入日期,列入经营异常名录原因,作出决定机关,移出日期,移出经营异常名录原因,移出决定机关';
    const firms = Array.from({ length: 4 }, (_, i) => ({ name: `甲乙丙有限公司${i}`, uscc: demoUscc(random), listed: `2023年05月0${i + 1}日` }));
    const row = (f: (typeof firms)[number], removed = '') =>
      [f.name, f.uscc, f.listed, '未按照规定报送年度报告', '北京市朝阳区市场监督管理局', removed, removed ? '补报年度报告并公示' : '', removed ? '北京市朝阳区市场监督管理局' : ''].join(',');
    const file = join(dir, 'abnormal.csv');
    writeFileSync(file, [header, row(firms[0]!), row(firms[1]!, '2024-01-15'), row(firms[2]!), '坏企业,123,2023-13-45,x,y,,,', row(firms[3]!)].join('\n'));
    const first = cli(['--json', 'import', '--mapping', 'abnormal-operations', file]);
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout)).toMatchObject({
      accepted: 4, updated: 1, rejected: 1, errors: [{ line: 5, code: 'XY_MAPPING_DATE' }], mapping: { rows: 5, records: 5 },
    });
    const watch = () => cli(['--json', 'lists', 'abnormal_operations']).stdout.trim().split('\n').filter(Boolean).length;
    expect(watch()).toBe(3);
    writeFileSync(file, [header, row(firms[0]!, '2024-02-01'), row(firms[1]!, '2024-01-15')].join('\n'));
    expect(JSON.parse(cli(['--json', 'import', '--mapping', 'abnormal-operations', file]).stdout)).toMatchObject({ accepted: 0, updated: 1, duplicates: 3 });
    expect(watch()).toBe(2);
  });

  it('checks a mapping file with file:line:column, and names the built-in ones when one is unknown', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'schemaVersion: 1\nname: broken\ninput: { format: xml }\nemit:\n  - record:\n      source: { const: a, field: b }\n');
    const r = cli(['mapping', 'check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`XY_MAPPING_SCHEMA: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+`));
    expect(cli(['mapping', 'check', 'spc-dishonest']).code).toBe(0);
    const unknown = cli(['import', '--mapping', 'no-such', file]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('XY_MAPPING_NOT_FOUND') as unknown]);
    expect(unknown.stderr).toContain('spc-dishonest');
  });
});
