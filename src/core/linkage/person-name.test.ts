import { describe, expect, it } from 'vitest';
import { readPersonName } from './person-name.js';

describe('readPersonName', () => {
  it('reads hanzi surnames with their surname readings', () => {
    expect(readPersonName({ name: '单田芳' })).toMatchObject({ family: '单', given: '田芳', familyReading: 'shan', givenReading: 'tianfang' });
    expect(readPersonName({ name: '曾国藩' })).toMatchObject({ familyReading: 'zeng' });
    expect(readPersonName({ name: '区志强' })).toMatchObject({ familyReading: 'ou' });
  });

  it('splits compound surnames whole', () => {
    expect(readPersonName({ name: '欧阳娜娜' })).toEqual({ family: '欧阳', given: '娜娜', familyReading: 'ouyang', givenReading: 'nana' });
    expect(readPersonName({ name: '诸葛 亮' })).toMatchObject({ family: '诸葛', given: '亮' });
  });

  it('tells family-first from family-last pinyin', () => {
    expect(readPersonName({ name: 'Zhang Wei' })).toMatchObject({ familyReading: 'zhang', givenReading: 'wei' });
    expect(readPersonName({ name: 'Xiaoming WANG' })).toMatchObject({ familyReading: 'wang', givenReading: 'xiaoming' });
    expect(readPersonName({ name: 'Robert Allen' })).toMatchObject({ familyReading: 'allen', givenReading: 'robert' });
    expect(readPersonName({ name: 'Lü Bu' })).toMatchObject({ familyReading: 'lv' });
  });

  it('takes parts when given, and reads hanzi parts as one name', () => {
    expect(readPersonName({ familyName: '单', givenName: '雄信' })).toMatchObject({ familyReading: 'shan', givenReading: 'xiongxin' });
    expect(readPersonName({ familyName: 'Green', givenName: 'Mitchell' })).toMatchObject({ family: 'green', given: 'mitchell' });
    expect(readPersonName({})).toEqual({ family: '', given: '', familyReading: '', givenReading: '' });
  });
});
