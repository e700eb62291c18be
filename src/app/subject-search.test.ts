import { describe, expect, it } from 'vitest';
import { normalizeTerm, termsOfName } from './subject-search.js';

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
});
