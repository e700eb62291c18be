import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONDUCT_CATEGORIES, forbiddenTopic, normaliseCategory } from './conduct-categories.js';

describe('forbiddenTopic', () => {
  it.each([
    ['speech', 'speech'],
    ['Online Speech', 'speech'],
    ['opinion', 'opinions'],
    ['political-opinions', 'opinions'],
    ['religion', 'religion or belief'],
    ['religious_belief', 'religion or belief'],
    ['Faith', 'religion or belief'],
    ['political activity', 'political activity'],
    ['POLITICS', 'political activity'],
    ['petitioning', 'political activity'],
    ['health', 'health'],
    ['mental-health', 'health'],
    ['medical_history', 'health'],
    ['ethnicity', 'ethnicity'],
    ['ethnic.origin', 'ethnicity'],
    ['personal_relationships', 'personal relationships'],
    ['social connections', 'personal relationships'],
    ['social-network', 'personal relationships'],
    ['family', 'personal relationships'],
    ['宗教信仰', 'religion or belief'],
    ['网络言论', 'speech'],
    ['社会关系', 'personal relationships'],
    ['民族', 'ethnicity'],
    ['健康状况', 'health'],
  ])('%s is forbidden (%s)', (category, topic) => {
    expect(forbiddenTopic(category)).toBe(topic);
  });

  it('forbids none of the default conduct categories', () => {
    for (const c of DEFAULT_CONDUCT_CATEGORIES) expect(forbiddenTopic(c)).toBeUndefined();
  });

  it('does not mistake conduct that merely shares a word for a forbidden topic', () => {
    for (const c of ['social_insurance', 'public_service', 'corporate_governance', 'judgment_enforcement', 'social insurance fraud']) {
      expect(forbiddenTopic(c)).toBeUndefined();
    }
  });

  it('sees through case and separators (property)', () => {
    const phrases = ['political activity', 'social connections', 'religious belief', 'personal relationships', 'free speech', 'health'];
    const separator = fc.constantFrom(' ', '_', '-', '.', '/', '  ', ' - ');
    fc.assert(
      fc.property(fc.constantFrom(...phrases), separator, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (phrase, sep, upper) => {
        const spelled = [...phrase.split(' ').join(sep)].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');
        expect(forbiddenTopic(` ${spelled} `)).toBeDefined();
      }),
    );
  });
});

describe('normaliseCategory', () => {
  it('folds case, width and separators', () => {
    expect(normaliseCategory('  Contract-Performance ')).toBe('contract_performance');
    expect(normaliseCategory('ＴＡＸ')).toBe('tax');
    expect(normaliseCategory('public.service')).toBe('public_service');
  });
});
