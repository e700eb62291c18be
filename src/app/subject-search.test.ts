import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../adapters/store-sqlite/sqlite-store.js';
import { item, subject } from '../../test/contracts/registry-store.contract.js';
import { idAtTime, normalizeTerm, SubjectSearch, termsOfName, uuidv7Time } from './subject-search.js';

describe('subject search terms', () => {
  it('finds a person by hanzi and by toneless pinyin, spaces and case ignored', () => {
    expect(termsOfName('张伟')).toEqual(['张伟', 'zhangwei']);
    expect(normalizeTerm(' Zhang Wei ')).toBe('zhangwei');
  });

  it('reads a surname as a surname (单 is shan, not dan)', () => {
    expect(termsOfName('单雪')).toContain('shanxue');
  });

  it('keeps a Latin name once and gives nothing for no name', () => {
    expect(termsOfName('ACME Ltd.')).toEqual(['acmeltd']);
    expect(termsOfName(null)).toEqual([]);
    expect(termsOfName('   ')).toEqual([]);
  });

  it('reads the time of a UUIDv7 and makes the smallest id of an instant', () => {
    expect(uuidv7Time('01a21cff-2328-79b7-b97a-947d06cd7d9e')).toBe(0x01a21cff2328);
    expect(idAtTime(0x01a21cff2328)).toBe('01a21cff-2328-0000-0000-000000000000');
    expect(uuidv7Time('5-0000001-0000-7000')).toBeUndefined();
  });
});

describe('SubjectSearch on a store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xinyong-search-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (ms: number, n: number) => `${idAtTime(ms).slice(0, 14)}7000-8000-${String(n).padStart(12, '0')}`;
  const named = (id: string, name: string, ref: string) => item({ id: `r-${ref}`, ref }, { ...subject(`idx-${ref}`), id, name });

  it('catches up with new subjects, and a recheck finds one committed after the cursor passed its id', async () => {
    const store = new SqliteStore({ path: join(dir, 'a.db') });
    await store.migrate();
    const search = new SubjectSearch(store, 2);
    const t = 1_780_000_000_000;
    await store.appendBatch([named(at(t, 1), '张伟', 'a'), named(at(t + 1, 2), '张三', 'b'), named(at(t + 2, 3), '李四', 'c')]);
    expect((await search.byPrefix('zhang', null, 10)).ids).toEqual([at(t + 1, 2), at(t, 1)]);
    expect(await store.subjectTermsThrough()).toBe(at(t + 2, 3));
    // A slower writer commits a subject whose id was made 5 s before the cursor's.
    await store.appendBatch([named(at(t - 5000, 4), '张强', 'd')]);
    expect((await search.byPrefix('zhangq', null, 10)).ids).toEqual([]);
    expect(await search.recheck(10_000)).toBe(4);
    expect((await search.byPrefix('zhangq', null, 10)).ids).toEqual([at(t - 5000, 4)]);
    expect(await store.subjectTermsThrough()).toBe(at(t + 2, 3));
    await search.idle();
    await store.close();
  });
});
