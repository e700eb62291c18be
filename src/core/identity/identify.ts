/**
 * Tell which kind of identity number a value is. Resident IDs and USCCs are both 18 characters and
 * an all-digit USCC looks like a resident ID, so an 18-character value is tried as both:
 *
 * - valid as one kind only: that kind;
 * - valid as both (rare: about 1 in 31 digit strings with a valid resident check digit also pass
 *   the MOD 31 check and carry defined authority/type codes): a resident ID, with a warning;
 * - valid as neither: the error of the more plausible kind. A value with letters other than a final
 *   X cannot be a resident ID, so it gets the USCC error. An all-digit value gets the resident-ID
 *   error, unless its birth-date part is impossible while its USCC check character is right (only
 *   the authority or type code is wrong): then it was meant as a USCC.
 *
 * 15 digits are a legacy resident ID; any other length is not an identity number.
 */
import { Errors, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { isMaskedIdentity } from './mask-identity.js';
import { normalizeIdentity } from './normalize-identity.js';
import { parseResidentId, type ResidentIdInfo } from './resident-id.js';
import { parseUscc, type UsccInfo } from './uscc.js';

export type SubjectNumber = (
  | { kind: 'resident_id'; normalized: string; info: ResidentIdInfo }
  | { kind: 'uscc'; normalized: string; info: UsccInfo }
) & {
  /** Notes about how the value was read (for a USCC, its own warnings are in `info.warnings`). */
  warnings: string[];
};

const RESIDENT_SHAPE = /^\d{17}[\dX]$/;
const ALSO_USCC = 'also a valid USCC; read as a resident ID';
// Codes read from the catalogue rather than typed again.
const BIRTH_DATE_CODE = Errors.ID_BIRTH_DATE('', '').code;
const USCC_CHECKSUM_CODE = Errors.USCC_CHECKSUM('').code;

/** Identify and validate a resident ID (18 or 15 characters) or a USCC. `today` is YYYY-MM-DD. */
export function identifySubjectNumber(input: string, today: string): Result<SubjectNumber> {
  const text = normalizeIdentity(input);
  if (text === '') return err(Errors.ID_EMPTY());
  // A masked number cannot be checked; saying so beats "character * is not allowed".
  if (isMaskedIdentity(text)) return err(Errors.ID_FORMAT('the number is masked'));
  if (text.length === 15) return asResident(parseResidentId(text, today), []);
  if (text.length !== 18) {
    return err(Errors.ID_FORMAT(`expected 18 characters, or 15 digits for an old resident ID; got ${text.length}`));
  }

  const person = parseResidentId(text, today);
  const org = parseUscc(text);
  if (person.ok) return asResident(person, org.ok ? [ALSO_USCC] : []);
  if (org.ok) return ok({ kind: 'uscc', normalized: org.value.normalized, info: org.value, warnings: [] });
  return err(morePlausible(text, person.error, org.error));
}

function asResident(result: Result<ResidentIdInfo>, warnings: string[]): Result<SubjectNumber> {
  if (!result.ok) return result;
  return ok({ kind: 'resident_id', normalized: result.value.normalized, info: result.value, warnings });
}

function morePlausible(text: string, person: XyError, org: XyError): XyError {
  if (!RESIDENT_SHAPE.test(text)) return org;
  const meantAsUscc = person.code === BIRTH_DATE_CODE && org.code !== USCC_CHECKSUM_CODE;
  return meantAsUscc ? org : person;
}
