import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.js';

async function collect(chunks: Buffer[], maxLineBytes = 64) {
  const out = [];
  for await (const item of readLines(Readable.from(chunks), { maxLineBytes })) out.push(item);
  return out;
}

describe('readLines', () => {
  it('numbers lines, strips CR and a leading BOM, keeps a last line without newline', async () => {
    const lines = await collect([Buffer.from('\uFEFFa\r\nb\n\nc')]);
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: '' },
      { line: 4, text: 'c' },
    ]);
  });

  it('rejects a line over the limit without losing the lines around it', async () => {
    const long = 'x'.repeat(200);
    const lines = await collect([Buffer.from(`ok\n${long.slice(0, 90)}`), Buffer.from(`${long.slice(90)}\nnext\n`)]);
    expect(lines[0]).toEqual({ line: 1, text: 'ok' });
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'XY_RECORD_TOO_LONG' } });
    expect(lines[2]).toEqual({ line: 3, text: 'next' });
  });

  it('reports bytes that are not UTF-8 instead of guessing', async () => {
    const lines = await collect([Buffer.from([0x7b, 0xff, 0xfe, 0x0a, 0x61, 0x0a])]);
    expect(lines[0]).toMatchObject({ line: 1, error: { code: 'XY_RECORD_ENCODING' } });
    expect(lines[1]).toEqual({ line: 2, text: 'a' });
  });

  it('gives the same lines however the input is split into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replaceAll('\n', ' ').replaceAll('\r', ' ')), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (texts, cuts) => {
          const whole = Buffer.from(texts.map((t) => `${t}\n`).join(''));
          const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => whole.subarray(p, all[i + 1] ?? whole.length)).filter((c) => c.length > 0);
          const lines = await collect(chunks, 1 << 16);
          expect(lines.map((l) => ('text' in l ? l.text : null))).toEqual(texts.map((t, i) => (i === 0 ? t.replace(/^\uFEFF/, '') : t)));
        },
      ),
    );
  });
});
