/**
 * Identity evidence: what a record says about who it is about, without any identity number being
 * required. `prepareEvidence` normalises it once (name readings, date parts, identity number forms)
 * so that comparing two records allocates nothing.
 */
import { normalizeIdentity } from '../identity/normalize-identity.js';
import { residentIdCheckChar, upgradeLegacyResidentId } from '../identity/resident-id.js';
import { readPersonName } from './person-name.js';

/** The fields linkage can use; every one is optional. */
export interface PersonEvidence {
  name?: string;
  givenName?: string;
  familyName?: string;
  /** YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD or DD/MM/YYYY. */
  birthDate?: string;
  /** A GB/T 2260 division code (prefixes compare), or any region text (compared whole). */
  region?: string;
  city?: string;
  postcode?: string;
  address?: string;
  /** A full, legacy 15-digit or masked (`4405**********1234`) identity number, or any other person number. */
  idNumber?: string;
  email?: string;
  phone?: string;
}

export type EvidenceField = keyof PersonEvidence;

export const EVIDENCE_FIELDS: readonly EvidenceField[] = [
  'name', 'givenName', 'familyName', 'birthDate', 'region', 'city', 'postcode', 'address', 'idNumber', 'email', 'phone',
];

/** Evidence normalised for comparison; '' or 0 marks a missing value. */
export interface PreparedEvidence {
  family: string;
  given: string;
  familyReading: string;
  givenReading: string;
  /** YYYYMMDD */
  birth: string;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  region: string;
  city: string;
  postcode: string;
  address: string;
  /** A full number (a 15-digit resident ID in its 18-digit form), or a masked one with `*`. */
  id: string;
  idMasked: boolean;
  /** True for a full 18-character resident ID whose check character is right. */
  idValidResident: boolean;
  email: string;
  emailLocal: string;
  phone: string;
}

const RESIDENT_18 = /^\d{17}[\dX]$/;
const LEGACY_15 = /^\d{15}$/;

/**
 * Normalise one record's evidence. A valid full resident ID also supplies the birth date and region
 * when the record lacks them (never the reverse: a masked number supplies nothing).
 */
export function prepareEvidence(e: PersonEvidence): PreparedEvidence {
  const name = readPersonName(e);
  const id = identityForm(e.idNumber);
  const idValidResident = RESIDENT_18.test(id) && residentIdCheckChar(id.slice(0, 17)) === id[17];
  const birth = dateDigits(e.birthDate) || (idValidResident ? id.slice(6, 14) : '');
  const region = (e.region ?? '').trim() || (idValidResident ? id.slice(0, 6) : '');
  const email = (e.email ?? '').trim().toLowerCase();
  const phone = (e.phone ?? '').replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  // One literal with every field (no spread), so that all prepared records share one hidden class.
  return {
    family: name.family,
    given: name.given,
    familyReading: name.familyReading,
    givenReading: name.givenReading,
    birth,
    birthYear: birth ? Number(birth.slice(0, 4)) : 0,
    birthMonth: birth ? Number(birth.slice(4, 6)) : 0,
    birthDay: birth ? Number(birth.slice(6, 8)) : 0,
    region: region.toLowerCase(),
    city: (e.city ?? '').trim().toLowerCase(),
    postcode: (e.postcode ?? '').replace(/\s/g, '').toLowerCase(),
    address: (e.address ?? '').trim().toLowerCase().replace(/\s+/g, ' '),
    id,
    idMasked: id.includes('*'),
    idValidResident,
    email,
    emailLocal: email.includes('@') ? email.slice(0, email.indexOf('@')) : email,
    phone,
  };
}

/** The form an identity number is compared in: normalised, 15-digit legacy numbers upgraded. */
export function identityForm(value: string | undefined): string {
  const text = normalizeIdentity(value ?? '');
  return LEGACY_15.test(text) ? upgradeLegacyResidentId(text) : text;
}

/** YYYYMMDD from the usual spellings, '' when the text is not a plausible date. */
export function dateDigits(text: string | undefined): string {
  const t = (text ?? '').trim();
  let m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(t);
  if (m && t.length >= 8 - (t.includes('-') || t.includes('/') || t.includes('.') || t.includes('年') ? 2 : 0)) {
    return `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return `${m[3]}${m[2]!.padStart(2, '0')}${m[1]!.padStart(2, '0')}`;
  return '';
}
