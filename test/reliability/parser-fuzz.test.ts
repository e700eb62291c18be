import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readRecords, type RecordFormat } from '../../src/app/ingest/read-records.js';
import { packageRoot } from '../../src/app/package-root.js';
import { checkIdentity, residentIdCheckChar } from '../../src/core/identity/index.js';
import { checkPolicy, loadPolicy, type Policy } from '../../src/core/policy/index.js';
import { SOAK } from './reliability-support.js';
import { HOSTILE_STRINGS } from './schema-arbitrary.js';

/**
 * Issue 10, item 3, the parsers: JSON Lines and CSV (src/app/ingest), policy YAML
 * (src/core/policy) and identity numbers (src/core/identity) fed generated and mutated input.
 * Pass: each returns its result or a coded error per line; none throws; none hangs.
 */
const RUNS = SOAK ? 5_000 : 250;
// Loading the default policy costs ~20 ms: fewer runs for it.
const POLICY_RUNS = SOAK ? 1_500 : 40;
const TODAY = '2026-06-01';
const DEFAULT_YAML = readFileSync(join(packageRoot(), 'policy', 'default.yaml'), 'utf8');
const POLICY = (() => {
  const loaded = loadPolicy(DEFAULT_YAML, 'default.yaml');
  if (!loaded.ok) throw new Error('the default policy does not load');
  return loaded.value as Policy;
})();
const tally = { jsonl: 0, csv: 0, yaml: 0, ids: 0 };

async function readAll(text: string | Buffer, format: RecordFormat): Promise<Array<{ line: number; raw?: unknown; error?: { code: string } }>> {
  const out = [];
  for await (const item of readRecords(Readable.from([Buffer.from(text)]), format, POLICY, { maxLineBytes: 4096 })) out.push(item);
  return out as Array<{ line: number; raw?: unknown; error?: { code: string } }>;
}

const line = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 80 }),
  fc.constantFrom(...HOSTILE_STRINGS, '{"a":', '\uFEFF{}', '{"source":"x"}\r', 'x'.repeat(5000)),
);
const CSV_HEADER = ['source', 'ref', 'revision', 'type', 'subject.kind', 'subject.id', 'subject.name', 'occurredAt', 'severity', 'amount', 'status', 'attributes.court'];
const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', '"a"b', 'a,b', '\n', '\r\n', '\u0000', '\ufffd', ...HOSTILE_STRINGS.slice(0, 12)));

describe('parsers never throw on hostile input', () => {
  it(`reads ${RUNS} generated JSON Lines files (UTF-8, broken UTF-8, long lines) into records or coded line errors`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.option(fc.uint8Array({ maxLength: 8 }), { nil: undefined }), fc.constantFrom('\n', '\r\n'), async (lines, junk, eol) => {
      tally.jsonl++;
      const text = Buffer.concat([Buffer.from(lines.join(eol)), junk ? Buffer.from(junk) : Buffer.alloc(0)]);
      const items = await readAll(text, 'jsonl');
      for (const item of items) {
        expect(item.line).toBeGreaterThan(0);
        if (item.error) expect(item.error.code).toMatch(/^XY_[A-Z_]+$/);
      }
    }), { numRuns: RUNS, seed: SOAK ? undefined : 1001 });
  });

  it(`reads ${RUNS} generated CSV files (quotes, ragged rows, NULs) into records or coded row errors`, async () => {
    const row = fc.array(cell, { minLength: 0, maxLength: CSV_HEADER.length + 2 });
    await fc.assert(fc.asyncProperty(fc.subarray(CSV_HEADER, { minLength: 1 }), fc.array(row, { maxLength: 6 }), fc.boolean(), async (header, rows, quote) => {
      tally.csv++;
      const render = (c: string) => (quote ? `"${c.replace(/"/g, '""')}"` : c);
      const text = [header.join(','), ...rows.map((r) => r.map(render).join(','))].join('\n');
      const items = await readAll(text, 'csv');
      for (const item of items) if (item.error) expect(item.error.code).toMatch(/^XY_[A-Z_]+$/);
    }), { numRuns: RUNS, seed: SOAK ? undefined : 1002 });
  });

  it(`loads ${POLICY_RUNS * 2} mutated and generated policies into a policy or coded problems`, () => {
    const lines = DEFAULT_YAML.split('\n');
    const mutation = fc.oneof(
      fc.tuple(fc.constant('delete'), fc.nat(lines.length - 1), fc.constant('')),
      fc.tuple(fc.constant('duplicate'), fc.nat(lines.length - 1), fc.constant('')),
      fc.tuple(fc.constant('replace'), fc.nat(lines.length - 1), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_STRINGS, '  - *a', '&a [*a]', '!!js/function "x"', 'weight: .inf', 'points: -1e400', '<<: *x', '? [a]: b'))),
      fc.tuple(fc.constant('indent'), fc.nat(lines.length - 1), fc.constant(' ')),
    );
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      tally.yaml++;
      const text = [...lines];
      for (const [kind, at, value] of mutations) {
        if (kind === 'delete') text.splice(at, 1);
        else if (kind === 'duplicate') text.splice(at, 0, text[at] ?? '');
        else if (kind === 'replace') text[at] = value;
        else text[at] = value + (text[at] ?? '');
      }
      const loaded = loadPolicy(text.join('\n'), 'fuzz.yaml');
      if (loaded.ok) checkPolicy(loaded.value).forEach((e) => expect(e.code).toMatch(/^XY_[A-Z_]+$/));
      else loaded.error.forEach((e) => expect(e.code).toMatch(/^XY_[A-Z_]+$/));
    }), { numRuns: POLICY_RUNS, seed: SOAK ? undefined : 1003 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
      tally.yaml++;
      const loaded = loadPolicy(stringify(value), 'fuzz.yaml');
      expect(loaded.ok).toBe(false);
    }), { numRuns: POLICY_RUNS, seed: SOAK ? undefined : 1004 });
  });

  it('checks any string as an identity number without throwing, and a valid one survives normalisation', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.stringMatching(/^[0-9]{6}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9Xx]$/), fc.constantFrom(...HOSTILE_STRINGS)), (input) => {
      tally.ids++;
      const result = checkIdentity(input, TODAY);
      if (!result.valid) {
        expect(result.error?.code).toMatch(/^XY_[A-Z_]+$/);
        return;
      }
      expect(result.normalized).toMatch(/^[0-9A-Z]{18}$/);
      expect(checkIdentity(result.normalized!, TODAY)).toMatchObject({ valid: true, kind: result.kind, normalized: result.normalized });
    }), { numRuns: RUNS * 4, seed: SOAK ? undefined : 1005 });
  });

  it('refuses every single-character change and adjacent swap of a valid resident number (ISO 7064 MOD 11-2)', () => {
    const validId = fc.stringMatching(/^[1-6][0-9]{5}(19[5-9][0-9]|200[0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}$/).map((first17) => first17 + residentIdCheckChar(first17));
    fc.assert(fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, at, ch) => {
      tally.ids++;
      const changed = id.slice(0, at) + ch + id.slice(at + 1);
      if (changed !== id) expect(checkIdentity(changed, TODAY).kind === 'resident_id' && checkIdentity(changed, TODAY).valid, changed).toBe(false);
      if (at < 17 && id[at] !== id[at + 1]) {
        const swapped = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
        expect(checkIdentity(swapped, TODAY).kind === 'resident_id' && checkIdentity(swapped, TODAY).valid, swapped).toBe(false);
      }
    }), { numRuns: RUNS * 4, seed: SOAK ? undefined : 1006 });
    console.log(`[reliability] parser fuzz cases: JSONL ${tally.jsonl}, CSV ${tally.csv}, policy YAML ${tally.yaml}, identity numbers ${tally.ids}`);
  });
});
