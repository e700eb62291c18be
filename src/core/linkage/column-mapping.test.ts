import { describe, expect, it } from 'vitest';
import { EVIDENCE_FIELDS } from './evidence.js';
import { evidenceOf, mapColumns, parseFieldsOption } from './column-mapping.js';

describe('column mapping', () => {
  it('recognises common column names, FEBRL and fake_1000 alike', () => {
    const febrl = mapColumns(['rec_id', 'given_name', 'surname', 'street_number', 'address_1', 'suburb', 'postcode', 'state', 'date_of_birth', 'soc_sec_id']);
    expect(febrl).toEqual({
      id: 'rec_id',
      fields: {
        givenName: ['given_name'], familyName: ['surname'], birthDate: ['date_of_birth'], region: ['state'], city: ['suburb'],
        postcode: ['postcode'], address: ['street_number', 'address_1'], idNumber: ['soc_sec_id'],
      },
    });
    expect(mapColumns(['unique_id', 'first_name', 'surname', 'dob', 'city', 'email', 'cluster'])).toMatchObject({ id: 'unique_id', fields: { givenName: ['first_name'], birthDate: ['dob'] } });
  });

  it('lets --fields and --id-column override, and says what is wrong', () => {
    const fields = parseFieldsOption('name=姓名,birthDate=生日', EVIDENCE_FIELDS);
    expect(fields).toEqual({ name: ['姓名'], birthDate: ['生日'] });
    expect(mapColumns(['编号', '姓名', '生日'], fields as Record<string, string[]>, '编号')).toEqual({ id: '编号', fields: { name: ['姓名'], birthDate: ['生日'] } });
    expect(parseFieldsOption('colour=x', EVIDENCE_FIELDS)).toHaveProperty('error');
    expect(mapColumns(['a', 'b'])).toHaveProperty('error');
    expect(mapColumns(['id', 'name'], { birthDate: ['dob'] })).toHaveProperty('error');
  });

  it('reads a row, joining columns and leaving blanks out', () => {
    const mapping = { id: 'id', fields: { name: ['n'], address: ['no', 'street'], email: ['e'] } };
    expect(evidenceOf({ id: '1', n: ' 张三 ', no: '7', street: 'wallaby place', e: '' }, mapping)).toEqual({ name: '张三', address: '7 wallaby place' });
  });
});
