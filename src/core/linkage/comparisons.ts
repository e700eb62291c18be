/**
 * Comparison levels: for each field, an ordered list of ways two values can agree, strongest first
 * and "different" last. A comparator returns the level index for a pair, or -1 when either side
 * lacks the value (missing evidence weighs nothing either way). Comparators are symmetric.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { maskedAgree, oneEditApart } from './edit-distance.js';
import type { PreparedEvidence } from './evidence.js';

export type ComparisonField =
  | 'familyName' | 'givenName' | 'birthDate' | 'region' | 'city' | 'postcode' | 'address' | 'idNumber' | 'email' | 'phone';

export interface Comparator {
  readonly field: ComparisonField;
  /** Level labels, strongest agreement first; the last is always "different". */
  readonly levels: readonly string[];
  /** Levels whose weight is adjusted for how common the value is (term frequency). */
  readonly tfLevels?: readonly number[];
  compare(a: PreparedEvidence, b: PreparedEvidence): number;
  /** The two values shown in an explanation. */
  show(r: PreparedEvidence): string;
}

export const MISSING = -1;

/**
 * Jaro–Winkler of two readings, remembered: names repeat (a few hundred readings cover most people),
 * and the package allocates on every call. The memo only saves time; it never changes a result.
 */
const similarity = new Map<string, Map<string, number>>();
const MEMO_LIMIT = 300_000;
let memoSize = 0;

export function readingSimilarity(x: string, y: string): number {
  const [a, b] = x < y ? [x, y] : [y, x];
  let row = similarity.get(a);
  const known = row?.get(b);
  if (known !== undefined) return known;
  // Most compared readings share few letters; their bound settles the level without the package.
  const s = jaroWinklerBound(a, b) < LOWEST_BAND ? 0 : jaroWinkler(a, b);
  if (memoSize < MEMO_LIMIT) {
    if (!row) similarity.set(a, (row = new Map()));
    row.set(b, s);
    memoSize++;
  }
  return s;
}

/** The lowest similarity any level distinguishes; below it only "different" is left. */
const LOWEST_BAND = 0.8;
const letters = new Int32Array(128);

/**
 * An upper bound of Jaro–Winkler from the letters two strings share (Jaro matches are a subset of
 * them) and the longest possible common prefix, with no allocation. ASCII only; else 1.
 */
export function jaroWinklerBound(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c >= 128) {
      letters.fill(0);
      return 1;
    }
    letters[c]!++;
  }
  let shared = 0;
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (letters[c]! > 0) {
      letters[c]!--;
      shared++;
    }
  }
  for (let i = 0; i < a.length; i++) letters[a.charCodeAt(i)] = 0;
  if (!ascii) return 1;
  if (shared === 0) return 0;
  const jaro = (shared / a.length + shared / b.length + 1) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  // @skyra/jaro-winkler 1.1 counts a full 4-character common prefix as 5 (its getPrefix returns ++p):
  // the bound follows the package it stands in for, or it would skip pairs the package scores higher.
  return jaro + (prefix === 4 ? 5 : prefix) * 0.1 * (1 - jaro);
}

const NAME_LEVELS = ['exact', 'same pinyin reading', 'transposed with the other name part', 'reading Jaro-Winkler >= 0.92', 'reading Jaro-Winkler >= 0.80', 'different'];

function transposed(a: PreparedEvidence, b: PreparedEvidence): boolean {
  return a.familyReading !== '' && a.givenReading !== '' && a.familyReading !== a.givenReading &&
    a.familyReading === b.givenReading && a.givenReading === b.familyReading;
}

function nameLevel(x: string, y: string, rx: string, ry: string, swapped: boolean): number {
  if (x === '' || y === '') return MISSING;
  if (x === y) return 0;
  if (rx === ry && rx !== '') return 1;
  if (swapped) return 2;
  if (rx === '' || ry === '') return 5;
  const s = readingSimilarity(rx, ry);
  return s >= 0.92 ? 3 : s >= 0.8 ? 4 : 5;
}

const familyName: Comparator = {
  field: 'familyName',
  levels: NAME_LEVELS,
  tfLevels: [0, 1],
  compare: (a, b) => nameLevel(a.family, b.family, a.familyReading, b.familyReading, transposed(a, b)),
  show: (r) => r.family,
};

const givenName: Comparator = {
  field: 'givenName',
  levels: NAME_LEVELS,
  tfLevels: [0, 1],
  compare: (a, b) => nameLevel(a.given, b.given, a.givenReading, b.givenReading, transposed(a, b)),
  show: (r) => r.given,
};

const birthDate: Comparator = {
  field: 'birthDate',
  levels: ['exact', 'day and month swapped', 'one digit off', 'same year', 'different'],
  compare(a, b) {
    if (a.birth === '' || b.birth === '') return MISSING;
    if (a.birth === b.birth) return 0;
    if (a.birthYear === b.birthYear && a.birthMonth === b.birthDay && a.birthDay === b.birthMonth) return 1;
    if (oneEditApart(a.birth, b.birth)) return 2;
    return a.birthYear === b.birthYear ? 3 : 4;
  },
  show: (r) => (r.birth ? `${r.birth.slice(0, 4)}-${r.birth.slice(4, 6)}-${r.birth.slice(6)}` : ''),
};

const DIVISION = /^\d{6}$/;

const region: Comparator = {
  field: 'region',
  levels: ['exact', 'same city (first 4 digits)', 'same province (first 2 digits)', 'different'],
  compare(a, b) {
    if (a.region === '' || b.region === '') return MISSING;
    if (a.region === b.region) return 0;
    const codes = Number(DIVISION.test(a.region)) + Number(DIVISION.test(b.region));
    // A division code beside a region's name ("安徽") cannot be compared: no evidence either way.
    if (codes === 1) return MISSING;
    if (codes === 0) return 3;
    if (a.region.slice(0, 4) === b.region.slice(0, 4)) return 1;
    return a.region.slice(0, 2) === b.region.slice(0, 2) ? 2 : 3;
  },
  show: (r) => r.region,
};

function textLevel(x: string, y: string, high: number, low?: number): number {
  if (x === '' || y === '') return MISSING;
  if (x === y) return 0;
  const s = jaroWinkler(x, y);
  if (s >= high) return 1;
  if (low === undefined) return 2;
  return s >= low ? 2 : 3;
}

const city: Comparator = {
  field: 'city',
  levels: ['exact', 'Jaro-Winkler >= 0.88', 'different'],
  compare: (a, b) => textLevel(a.city, b.city, 0.88),
  show: (r) => r.city,
};

const address: Comparator = {
  field: 'address',
  levels: ['exact', 'Jaro-Winkler >= 0.90', 'Jaro-Winkler >= 0.75', 'different'],
  compare: (a, b) => textLevel(a.address, b.address, 0.9, 0.75),
  show: (r) => r.address,
};

const postcode: Comparator = {
  field: 'postcode',
  levels: ['exact', 'one character off', 'different'],
  compare(a, b) {
    if (a.postcode === '' || b.postcode === '') return MISSING;
    if (a.postcode === b.postcode) return 0;
    return oneEditApart(a.postcode, b.postcode) ? 1 : 2;
  },
  show: (r) => r.postcode,
};

const idNumber: Comparator = {
  field: 'idNumber',
  levels: ['exact', 'masked parts agree', 'one character off', 'different'],
  compare(a, b) {
    if (a.id === '' || b.id === '') return MISSING;
    if (a.idMasked || b.idMasked) return maskedAgree(a.id, b.id) ? 1 : 3;
    if (a.id === b.id) return 0;
    return oneEditApart(a.id, b.id) ? 2 : 3;
  },
  show: (r) => r.id,
};

const email: Comparator = {
  field: 'email',
  levels: ['exact', 'same user name or Jaro-Winkler >= 0.88', 'different'],
  compare(a, b) {
    if (a.email === '' || b.email === '') return MISSING;
    if (a.email === b.email) return 0;
    return a.emailLocal === b.emailLocal || jaroWinkler(a.email, b.email) >= 0.88 ? 1 : 2;
  },
  show: (r) => r.email,
};

const phone: Comparator = {
  field: 'phone',
  levels: ['exact', 'one digit off', 'different'],
  compare(a, b) {
    if (a.phone === '' || b.phone === '') return MISSING;
    if (a.phone === b.phone) return 0;
    return oneEditApart(a.phone, b.phone) ? 1 : 2;
  },
  show: (r) => r.phone,
};

/** Every comparator, in the order explanations list them. */
export const COMPARATORS: Readonly<Record<ComparisonField, Comparator>> = {
  familyName, givenName, birthDate, region, city, postcode, address, idNumber, email, phone,
};

export const COMPARISON_FIELDS = Object.keys(COMPARATORS) as ComparisonField[];

/** The comparators worth using for a set of records: those whose field some record carries. */
export function comparatorsFor(records: readonly PreparedEvidence[]): Comparator[] {
  const present = (f: ComparisonField) => records.some((r) => COMPARATORS[f].show(r) !== '');
  return COMPARISON_FIELDS.filter(present).map((f) => COMPARATORS[f]);
}
