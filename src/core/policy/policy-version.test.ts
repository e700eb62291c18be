import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { loadPolicy } from './load-policy.js';
import type { Policy } from './policy-schema.js';
import { policyVersion } from './policy-version.js';
import { freshPolicy } from './test-policy.js';

const defaultPolicyText = readFileSync(new URL('../../../policy/default.yaml', import.meta.url), 'utf8');

/** Rebuild every object with its keys in a seed-determined order; arrays keep their order (it is content). */
function shuffleKeys(value: unknown, seed: number): unknown {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).map(([k, x]) => [k, walk(x)] as const);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [entries[i], entries[j]] = [entries[j] as (typeof entries)[number], entries[i] as (typeof entries)[number]];
    }
    return Object.fromEntries(entries);
  };
  return walk(value);
}

const load = (text: string): Policy => {
  const r = loadPolicy(text, 'p.yaml');
  if (!r.ok) throw new Error(r.error.map((e) => e.message).join('\n'));
  return r.value;
};

describe('policyVersion', () => {
  const base = policyVersion(freshPolicy());

  it('is sha256: and 64 hex digits', () => {
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('ignores comments and formatting', () => {
    const reformatted = stringify(parseDocument(defaultPolicyText).toJS(), { indent: 4, lineWidth: 0 });
    const commented = `# a new comment\n${defaultPolicyText.replace('schemaVersion: 1', 'schemaVersion: 1    # still one')}`;
    expect(policyVersion(load(reformatted))).toBe(base);
    expect(policyVersion(load(commented))).toBe(base);
  });

  it('never changes when keys are reordered (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const shuffled = shuffleKeys(freshPolicy(), seed) as Policy;
        expect(policyVersion(shuffled)).toBe(base);
        expect(policyVersion(load(stringify(shuffled)))).toBe(base);
      }),
      { numRuns: 25 },
    );
  });

  it('changes when any record type changes its points (property)', () => {
    const p0 = freshPolicy();
    const conductCodes = Object.entries(p0.recordTypes).filter(([, t]) => t.kind === 'conduct').map(([c]) => c);
    fc.assert(
      fc.property(fc.constantFrom(...conductCodes), fc.integer({ min: 1, max: 50 }), (code, delta) => {
        const p = freshPolicy();
        const t = p.recordTypes[code];
        if (t?.kind !== 'conduct') return;
        const severity = t.defaultSeverity;
        t.points[severity] = (t.points[severity] ?? 0) + delta;
        expect(policyVersion(p)).not.toBe(base);
      }),
    );
  });

  it('changes when text, order of a list, or a term changes', () => {
    const a = freshPolicy();
    a.name = 'renamed';
    const b = freshPolicy();
    b.grades.reverse();
    const c = freshPolicy();
    c.terms.serious.max = 'P4Y';
    const versions = new Set([base, policyVersion(a), policyVersion(b), policyVersion(c)]);
    expect(versions.size).toBe(4);
  });
});
