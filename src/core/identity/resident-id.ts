/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
 * The 15-digit numbers issued before 1999 (2-digit year, no check character) are still in use;
 * they are accepted and upgraded to their 18-digit form, which is the one the registry stores.
 */
import { Errors } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { isRealDate } from '../time/calendar-date.js';
import { maskIdentity } from './mask-identity.js';
import { normalizeIdentity } from './normalize-identity.js';
import { regionName } from './region.js';

export interface ResidentIdInfo {
  kind: 'resident_id';
  /** The 18-character form. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
  /** The 6-digit GB/T 2260 code of the issuing region. */
  regionCode: string;
  /** Present when the code is known to the current GB/T 2260 data. */
  region?: string;
  /** The 15-digit number this was upgraded from. */
  upgradedFrom?: string;
}

// Weight of position i (0-based from the left) is 2^(17-i) mod 11.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const EARLIEST_BIRTH_YEAR = 1800;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits: '0'-'9' or 'X' (for 10).
 * @example residentIdCheckChar('11010519491231002') // 'X'
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/**
 * The 18-digit form of a 15-digit number: the year gains its century (all were 19xx) and a check
 * character is appended.
 * @example upgradeLegacyResidentId('110105491231002') // '11010519491231002X'
 */
export function upgradeLegacyResidentId(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('upgradeLegacyResidentId needs exactly 15 digits');
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckChar(first17);
}

/**
 * Parse and validate a resident identity number (18 characters, or 15 legacy digits).
 * `today` (YYYY-MM-DD) bounds the birth date; it is an argument because the core reads no clock.
 */
export function parseResidentId(input: string, today: string): Result<ResidentIdInfo> {
  if (!DATE_TEXT.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
  const text = normalizeIdentity(input);
  if (text === '') return err(Errors.ID_EMPTY());

  let id = text;
  let upgradedFrom: string | undefined;
  if (/^\d{15}$/.test(text)) {
    id = upgradeLegacyResidentId(text);
    upgradedFrom = text;
  } else if (!/^\d{17}[\dX]$/.test(text)) {
    return err(Errors.ID_FORMAT('a resident ID has 17 digits and a check digit or X, or 15 digits'));
  }

  const masked = maskIdentity(upgradedFrom ?? id);
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)];
  const birthDate = `${year}-${month}-${day}`;
  // Checked before the check digit so that a made-up date is named as such even when its check
  // digit is also wrong; the caller uses this to tell a resident ID from an all-digit USCC.
  if (Number(year) < EARLIEST_BIRTH_YEAR || !isRealDate(Number(year), Number(month), Number(day))) {
    return err(Errors.ID_BIRTH_DATE(masked, birthDate));
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return err(Errors.ID_CHECKSUM(masked));
  // ISO dates compare correctly as strings.
  if (birthDate > today) return err(Errors.ID_FUTURE_BIRTH(masked, birthDate));

  const regionCode = id.slice(0, 6);
  const region = regionName(regionCode);
  return ok({
    kind: 'resident_id',
    normalized: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode,
    ...(region !== undefined && { region }),
    ...(upgradedFrom !== undefined && { upgradedFrom }),
  });
}
