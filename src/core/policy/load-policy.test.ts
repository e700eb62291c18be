import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from './load-policy.js';

const DEFAULT_POLICY_FILE = 'policy/default.yaml';
const defaultPolicyText = readFileSync(new URL('../../../policy/default.yaml', import.meta.url), 'utf8');

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string, offset = 0): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i + offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

describe('loadPolicy', () => {
  it('loads the default policy with zero errors', () => {
    const r = loadPolicy(defaultPolicyText, DEFAULT_POLICY_FILE);
    expect(r.ok ? [] : r.error).toEqual([]);
    expect(r.ok && r.value.name).toBe('xinyong-default');
  });

  it('reports a YAML syntax error with file, line and column', () => {
    const text = 'schemaVersion: 1\nname: demo\nscoring:\n  base: [700\n  min: 0\n';
    const r = loadPolicy(text, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]).toMatchObject({ code: 'XY_POLICY_YAML', file: 'bad.yaml' });
    expect(r.error[0]?.line).toBeGreaterThanOrEqual(4);
    expect(r.error[0]?.column).toBeGreaterThanOrEqual(1);
  });

  it('points a tab-indentation error at the offending line', () => {
    const r = loadPolicy('a: 1\nb:\n\t- c\n', 'tab.yaml');
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'XY_POLICY_YAML', file: 'tab.yaml', line: 3, column: 1 });
  });

  it('rejects duplicate keys as a syntax error at the second key', () => {
    const r = loadPolicy('name: a\nname: b\n', 'dup.yaml');
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'XY_POLICY_YAML', line: 2, column: 1 });
  });

  it('reports a schema error at the value that is wrong', () => {
    const text = defaultPolicyText.replace('points: { general: -80 }', 'points: { general: eighty }');
    const r = loadPolicy(text, 'p.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toHaveLength(1);
    expect(r.error[0]).toMatchObject({ code: 'XY_POLICY_SCHEMA', file: 'p.yaml', ...where(text, 'eighty') });
    expect(r.error[0]?.message).toContain('recordTypes["judicial.consumption_restriction"].points.general');
  });

  it('reports an unknown property at its key and a missing one at the entry that lacks it', () => {
    const text = defaultPolicyText
      .replace('    halfLife: P3M\n', '    halfLif: P3M\n')
      .replace('  a_grade_taxpayers:\n    kind: red\n', '  a_grade_taxpayers:\n    kind: red\n    colour: gold\n');
    const r = loadPolicy(text, 'p.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.error.map((e) => [e.message, e.line, e.column]);
    expect(messages).toContainEqual([
      'policy recordTypes["societal.traffic_violation"].halfLif: is not a known property',
      ...Object.values(where(text, 'halfLif: P3M')),
    ]);
    expect(messages).toContainEqual([
      'policy recordTypes["societal.traffic_violation"].halfLife: is required',
      ...Object.values(where(text, 'societal.traffic_violation:')),
    ]);
    expect(messages).toContainEqual(['policy lists.a_grade_taxpayers.colour: is not a known property', ...Object.values(where(text, 'colour: gold'))]);
  });

  it('reports a missing or empty legal basis with its own code', () => {
    const removed = defaultPolicyText.replace('    legalBasis: 产品质量法 art. 49-53\n', '');
    const emptied = defaultPolicyText.replace('legalBasis: 产品质量法 art. 49-53', 'legalBasis:');
    for (const text of [removed, emptied]) {
      const r = loadPolicy(text, 'p.yaml');
      expect(!r.ok && r.error).toEqual([
        expect.objectContaining({ code: 'XY_POLICY_NO_LEGAL_BASIS', message: expect.stringContaining('commercial.product_quality_violation') }),
      ]);
    }
    const measure = defaultPolicyText.replace('    legalBasis: 法释〔2015〕17号 art. 1, 3\n', '');
    const r = loadPolicy(measure, 'p.yaml');
    expect(!r.ok && r.error[0]?.message).toContain('measure "consumption_restriction.consumption" has no legal basis');
  });

  it('names the choices when a record type has an unknown kind', () => {
    const text = defaultPolicyText.replace('kind: relation\n    description: A guarantor', 'kind: relative\n    description: A guarantor');
    const r = loadPolicy(text, 'p.yaml');
    expect(!r.ok && r.error).toEqual([
      expect.objectContaining({ message: expect.stringContaining('must be one of "conduct", "relation"'), ...where(text, 'relative') }),
    ]);
  });

  it('rejects a code that does not follow the naming pattern, at its key', () => {
    const text = defaultPolicyText.replace('  societal.blood_donation:', '  Societal.Blood:');
    const r = loadPolicy(text, 'p.yaml');
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'XY_POLICY_SCHEMA', ...where(text, 'Societal.Blood') });
  });

  it('collects every schema error, not just the first', () => {
    const text = defaultPolicyText.replaceAll('halfLife: P1Y', 'halfLife: 365');
    const r = loadPolicy(text, 'p.yaml');
    expect(!r.ok && r.error.length).toBe((defaultPolicyText.match(/halfLife: P1Y/g) ?? []).length);
  });

  it('rejects an empty file and a non-mapping document', () => {
    for (const text of ['', '- a\n- b\n', 'just text\n']) {
      const r = loadPolicy(text, 'e.yaml');
      expect(!r.ok && r.error[0]).toMatchObject({ code: 'XY_POLICY_SCHEMA', file: 'e.yaml', line: 1, column: 1 });
    }
  });

  it('places semantic errors on the offending line', () => {
    const text = defaultPolicyText.replace('category: traffic', 'category: political_activity');
    const r = loadPolicy(text, 'p.yaml');
    expect(!r.ok && r.error).toEqual([
      expect.objectContaining({ code: 'XY_POLICY_FORBIDDEN_CATEGORY', file: 'p.yaml', ...where(text, 'political_activity') }),
    ]);
  });

  it('reports a bad reference in a measure where it is written', () => {
    const text = defaultPolicyText.replace('actions: [credit.new_loan]', 'actions: [credit.new_loans]');
    const r = loadPolicy(text, 'p.yaml');
    expect(!r.ok && r.error).toEqual([
      expect.objectContaining({ code: 'XY_POLICY_BAD_REFERENCE', ...where(text, 'credit.new_loans') }),
    ]);
  });

  it('refuses alias bombs', () => {
    // Each level repeats the previous one ten times: a million nodes from a few lines.
    const levels = ['a: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const r = loadPolicy(levels.join('\n'), 'bomb.yaml');
    expect(!r.ok && r.error[0]?.code).toBe('XY_POLICY_YAML');
  });
});
