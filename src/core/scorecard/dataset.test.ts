import { describe, expect, it } from 'vitest';
import { isSecondHeader, parseNumber, targetOf, typeColumn } from './dataset.js';

describe('columns and targets', () => {
  it('a column with a few junk cells stays numeric and the junk counts as missing', () => {
    const cells = [...Array.from({ length: 99 }, (_, i) => String(i)), 'unknown', '', 'NA'];
    const t = typeColumn('x', cells);
    expect(t.type).toBe('numeric');
    expect(t.nonNumeric).toBe(1);
    expect(Number.isNaN(t.numbers![99]!)).toBe(true);
    expect(typeColumn('y', ['a', '1', 'b', '2']).type).toBe('categorical');
    expect([' 3 ', '', '  ', 'x', '1e3', 'Infinity'].map(parseNumber)).toEqual([3, NaN, NaN, NaN, 1000, NaN]);
  });

  it('spots a second header row such as the UCI Taiwan file has', () => {
    expect(isSecondHeader([['LIMIT_BAL', '1', '2', '3'], ['SEX', '1', '2', '1'], ['default', '0', '1', '0']])).toBe(true);
    expect(isSecondHeader([['1', '1', '2', '3'], ['2', '1', '2', '1']])).toBe(false);
    expect(isSecondHeader([['own', 'rent', 'own'], ['good', 'bad', 'good']])).toBe(false);
  });

  it('maps the target, guessing conventional pairs and asking for --event otherwise', () => {
    const r = targetOf(['good', 'bad', '', 'good']);
    expect(r.ok && [...r.target]).toEqual([0, 1, 0, 0]);
    expect(r.ok && r.emptyRows).toEqual([2]);
    expect(targetOf(['x', 'y'])).toMatchObject({ ok: false, problem: { kind: 'ambiguous' } });
    expect(targetOf(['0', '1', '2', '1'])).toMatchObject({ ok: false, problem: { kind: 'values', row: 2 } });
    const ev = targetOf(['0', '1', '2', '1'], '2');
    expect(ev.ok && [...ev.target]).toEqual([0, 0, 1, 0]);
    expect(targetOf(['1', '1'])).toMatchObject({ ok: false, problem: { kind: 'one_class' } });
  });
});
