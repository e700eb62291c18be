import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFurnisherAmount, parseFurnisherDate } from './parse-furnisher-date.js';

describe('parseFurnisherDate', () => {
  it.each([
    ['2019年07月13日', '2019-07-13'], ['2019年7月9日', '2019-07-09'], ['20190709', '2019-07-09'], ['2019/7/9', '2019-07-09'],
    ['2019-07-09', '2019-07-09'], ['2019.07.09', '2019-07-09'], ['2019-07-09 10:30:00', '2019-07-09'], ['2019-07-09T10:30:00Z', '2019-07-09'],
  ])('reads %s', (text, iso) => expect(parseFurnisherDate(text)).toBe(iso));

  it.each(['2019-02-30', '2019年13月01日', '201907091', '19/7/9', 'yesterday', '', '2019-07'])('refuses %s', (text) => {
    expect(parseFurnisherDate(text)).toBeUndefined();
  });

  it('reads every real day back in each form', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const [y, m, day] = iso.split('-');
      for (const form of [`${y}年${m}月${day}日`, `${y}${m}${day}`, `${y}/${Number(m)}/${Number(day)}`, iso]) expect(parseFurnisherDate(form)).toBe(iso);
    }));
  });
});

describe('parseFurnisherAmount', () => {
  it.each([['1,234.50', 1234.5], ['1234.5元', 1234.5], ['12.3万元', 123000], ['12.3万', 123000], ['￥88', 88], ['人民币5000元', 5000]])('reads %s', (text, n) => {
    expect(parseFurnisherAmount(text)).toBe(n);
  });
  it.each(['', '元', 'abc', '12.3.4', '部分'])('refuses %s', (text) => expect(parseFurnisherAmount(text)).toBeUndefined());
});
