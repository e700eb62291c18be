import { describe, expect, it } from 'vitest';
import { regionName } from './region.js';

describe('regionName', () => {
  it('names a county of a municipality without a city level', () => {
    expect(regionName('110105')).toBe('北京市朝阳区');
    expect(regionName('500229')).toBe('重庆市城口县');
  });

  it('names province, city and county', () => {
    expect(regionName('130102')).toBe('河北省石家庄市长安区');
    expect(regionName('440305')).toBe('广东省深圳市南山区');
  });

  it('names a province or a city on its own', () => {
    expect(regionName('110000')).toBe('北京市');
    expect(regionName('110100')).toBe('北京市');
    expect(regionName('350100')).toBe('福建省福州市');
  });

  it('skips placeholder levels in the data', () => {
    // 130101 is "市辖区" (the city's districts as a whole); 429004 sits under a pseudo-city.
    expect(regionName('130101')).toBe('河北省石家庄市');
    expect(regionName('429004')).toBe('湖北省仙桃市');
  });

  it('falls back to the most specific known prefix for codes no longer in use', () => {
    expect(regionName('110103')).toBe('北京市'); // 崇文区, merged into 东城区 in 2010
    expect(regionName('130199')).toBe('河北省石家庄市');
    expect(regionName('139999')).toBe('河北省');
  });

  it('returns undefined when nothing is known or the code is malformed', () => {
    expect(regionName('990000')).toBeUndefined();
    expect(regionName('000000')).toBeUndefined();
    expect(regionName('11010')).toBeUndefined();
    expect(regionName('11010X')).toBeUndefined();
  });
});
