// Real codes published online (collected by python-stdnum), kept outside the repository in
// ../shared/data; a user's clone does not have them, so the test skips, saying why.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIdentity } from './check-identity.js';
import { parseUscc } from './uscc.js';

const FILE = path.resolve(process.cwd(), '../shared/data/identity/uscc_valid_published.txt');
const present = existsSync(FILE);
if (!present) console.warn(`skipping published-USCC test: ${FILE} is absent (shared evaluation data)`);

describe.skipIf(!present)('published USCCs', () => {
  const codes = present ? readFileSync(FILE, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];

  it('holds 200 codes', () => {
    expect(codes).toHaveLength(200);
  });

  it('parses every one as valid', () => {
    const failures = codes.filter((code) => !parseUscc(code).ok);
    expect(failures).toEqual([]);
  });

  it('checks every one as a valid USCC', () => {
    const failures = codes.map((code) => checkIdentity(code, '2025-06-15')).filter((c) => !c.valid || c.kind !== 'uscc');
    expect(failures).toEqual([]);
  });
});
