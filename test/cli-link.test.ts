import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuilt, runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xinyong-link-'));
const env = { XINYONG_DB: join(dir, 'unused.db'), XINYONG_CLOCK: '2026-01-01T00:00:00Z' };
const cli = (args: string[]) => runCli(args, env);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** People written the ways furnishers write them, and others who share a name or a birthday. */
const PEOPLE = [
  ['a1', '欧阳娜娜', '1990-05-06', '440305', '4403**********1234', ''],
  ['a2', 'OUYANG Nana', '1990-06-05', '440305', '', ''],
  ['a3', '欧阳娜娜', '1990-05-06', '', '440305199005061234', '13800138000'],
  ['b1', '单田芳', '1955-03-01', '110105', '', '13900139000'],
  ['b2', 'Shan Tianfang', '1955-03-01', '110100', '', '13900139000'],
  ['c1', '王伟', '1990-05-06', '310115', '', ''],
  ['d1', '王伟', '1971-11-20', '510107', '', ''],
  ['e1', '李娜', '1985-02-14', '420106', '', '13700137000'],
  ['e2', 'Li Na', '1985-02-14', '420106', '', '13700137000'],
];

function writeCsv(name: string, header: string[], rows: string[][]): string {
  const file = join(dir, name);
  writeFileSync(file, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return file;
}

function clustersOf(out: string): Map<string, string> {
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('unique_id,cluster_id,match_weight');
  return new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
}

describe.skipIf(!cliBuilt)('xinyong link (compiled)', () => {
  it('deduplicates a CSV with recognised column names and writes unique_id,cluster_id,match_weight', () => {
    const file = writeCsv('people.csv', ['unique_id', 'name', 'dob', 'region', 'id_number', 'phone'], PEOPLE);
    const out = join(dir, 'out.csv');
    const r = cli(['link', file, '--out', out, '--pairs', join(dir, 'pairs.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 9, clusters: 5, fields: { name: ['name'], birthDate: ['dob'], idNumber: ['id_number'] } });
    const clusters = clustersOf(out);
    expect(clusters.get('a2')).toBe('a1');
    expect(clusters.get('a3')).toBe('a1');
    expect(clusters.get('b2')).toBe('b1');
    expect(clusters.get('e2')).toBe('e1');
    // Same common name, different people; same birthday, different people.
    expect(new Set([clusters.get('a1'), clusters.get('c1'), clusters.get('d1')]).size).toBe(3);
    const pairs = readFileSync(join(dir, 'pairs.csv'), 'utf8').trim().split('\n');
    expect(pairs[0]).toBe('unique_id_l,unique_id_r,match_weight,match_probability');
    expect(pairs.length).toBeGreaterThan(4);
  });

  it('reads JSON Lines with --fields and --id-column, and explains one pair as a waterfall', () => {
    const file = join(dir, 'people.jsonl');
    writeFileSync(file, PEOPLE.map(([id, n, d, reg, num, ph]) => JSON.stringify({ ref: id, subject: { name: n }, born: d, reg, num, ph })).join('\n'));
    const args = ['link', file, '--id-column', 'ref', '--fields', 'name=subject.name,birthDate=born,region=reg,idNumber=num,phone=ph'];
    const explained = cli([...args, '--explain', 'a1', 'a2']);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toMatch(/^match weight of a1 and a2/);
    expect(explained.stdout).toMatch(/familyName\s+欧阳 \| ouyang\s+same pinyin reading/);
    expect(explained.stdout).toMatch(/birthDate\s+1990-05-06 \| 1990-06-05\s+day and month swapped/);
    expect(explained.stdout).toMatch(/prior: 1 match in/);
    expect(explained.stdout).toMatch(/probability .*: same cluster/);
    const json = JSON.parse(cli(['--json', ...args, '--explain', 'c1', 'd1']).stdout) as { weight: number; comparisons: Array<{ field: string; level: string }>; sameCluster: boolean };
    expect(json.sameCluster).toBe(false);
    expect(json.comparisons.find((c) => c.field === 'birthDate')?.level).toBe('different');
  });

  it('fails with exit 2 and a stable code on bad input', () => {
    const missing = cli(['link', join(dir, 'nope.csv'), '--out', join(dir, 'x.csv')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^xinyong: XY_FILE_NOT_FOUND/)]);
    const noOut = cli(['link', join(dir, 'people.csv')]);
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringContaining('XY_BAD_ARGUMENT')]);
    const dup = writeCsv('dup.csv', ['id', 'name'], [['1', '张三'], ['1', '李四']]);
    expect(cli(['link', dup, '--out', join(dir, 'y.csv')]).stderr).toMatch(/XY_BAD_ARGUMENT: id "1" is not unique/);
    const unknown = cli(['link', join(dir, 'people.csv'), '--explain', 'a1', 'zz']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringMatching(/no record with unique_id "zz"/)]);
  });
});
