/**
 * Which input column feeds which evidence field. Common column names (`first_name`, `surname`,
 * `dob`, `rec_id`, ...) are recognised; `--fields name=C,...` overrides, and a field may join several
 * columns with `+` (`address=street_number+address_1`).
 */
import type { EvidenceField, PersonEvidence } from './evidence.js';

export interface ColumnMapping {
  id: string;
  fields: Partial<Record<EvidenceField, string[]>>;
}

const ALIASES: Readonly<Record<EvidenceField | 'id', readonly string[]>> = {
  id: ['uniqueid', 'recid', 'id', 'recordid'],
  name: ['name', 'fullname', '姓名'],
  givenName: ['givenname', 'firstname', 'forename', '名'],
  familyName: ['familyname', 'surname', 'lastname', '姓'],
  birthDate: ['birthdate', 'dob', 'dateofbirth', '出生日期'],
  region: ['region', 'regioncode', 'state', '地区'],
  city: ['city', 'suburb', 'town', '城市'],
  postcode: ['postcode', 'zip', 'zipcode', 'postalcode'],
  address: ['address', 'address1', 'streetaddress', '地址'],
  idNumber: ['idnumber', 'socsecid', 'ssn', 'nationalid', 'identity', 'identitynumber', '身份证号'],
  email: ['email', 'emailaddress', '邮箱'],
  phone: ['phone', 'phonenumber', 'mobile', 'telephone', '电话'],
};

const squash = (name: string) => name.trim().toLowerCase().replace(/[\s_\-.]/g, '');

/**
 * Map a header to fields. `overrides` (field → columns) wins; `idColumn` names the record id.
 * A `street_number` column is put in front of a recognised address.
 */
export function mapColumns(header: readonly string[], overrides: Partial<Record<EvidenceField, string[]>> = {}, idColumn?: string): ColumnMapping | { error: string } {
  const find = (aliases: readonly string[]) => header.find((h) => aliases.includes(squash(h)));
  const id = idColumn ?? find(ALIASES.id);
  if (id === undefined) return { error: `no record id column (one of unique_id, rec_id, id) in: ${header.join(', ')}; name it with --id-column` };
  if (!header.includes(id)) return { error: `--id-column ${id} is not a column` };
  const fields: ColumnMapping['fields'] = {};
  for (const field of Object.keys(ALIASES) as Array<EvidenceField | 'id'>) {
    if (field === 'id') continue;
    const column = find(ALIASES[field]);
    if (column !== undefined) fields[field] = [column];
  }
  const street = find(['streetnumber', 'housenumber']);
  if (street !== undefined && fields.address) fields.address = [street, ...fields.address];
  for (const [field, columns] of Object.entries(overrides) as Array<[EvidenceField, string[]]>) {
    const missing = columns.find((c) => !header.includes(c));
    if (missing !== undefined) return { error: `--fields ${field}=${missing}: no such column` };
    fields[field] = columns;
  }
  if (Object.keys(fields).length === 0) return { error: 'no evidence columns recognised; name them with --fields name=C,birthDate=C,...' };
  return { id, fields };
}

/** Parse `name=C,birthDate=C,address=A+B` into field → columns. */
export function parseFieldsOption(text: string, known: readonly EvidenceField[]): Partial<Record<EvidenceField, string[]>> | { error: string } {
  const out: Partial<Record<EvidenceField, string[]>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq) as EvidenceField;
    if (eq < 1 || !known.includes(field)) return { error: `--fields: "${part}" is not FIELD=COLUMN with FIELD one of ${known.join(', ')}` };
    out[field] = part.slice(eq + 1).split('+').map((c) => c.trim());
  }
  return out;
}

/** The evidence of one row under a mapping (blank cells are missing values). */
export function evidenceOf(row: Readonly<Record<string, unknown>>, mapping: ColumnMapping): PersonEvidence {
  const e: PersonEvidence = {};
  for (const [field, columns] of Object.entries(mapping.fields) as Array<[EvidenceField, string[]]>) {
    const text = columns.map((c) => cell(row[c])).filter(Boolean).join(' ');
    if (text !== '') e[field] = text;
  }
  return e;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}
