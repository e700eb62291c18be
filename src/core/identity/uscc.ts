/**
 * Unified Social Credit Codes (统一社会信用代码), GB 32100-2015: registering authority, organisation
 * type, 6-digit region of the registering office, the 9-character GB 11714 organisation code, and a
 * MOD 31 check character over an alphabet without I, O, S, V and Z.
 */
import { Errors } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { maskIdentity } from './mask-identity.js';
import { normalizeIdentity } from './normalize-identity.js';
import { organizationCodeCheckChar } from './org-code.js';
import { regionName } from './region.js';
import { usccAuthority, usccOrgTypeName } from './uscc-authorities.js';

export interface UsccInfo {
  kind: 'uscc';
  normalized: string;
  authority: { code: string; name: string };
  orgType: { code: string; name: string };
  /** The 6-digit GB/T 2260 code of the registering office (100000 = national level). */
  regionCode: string;
  region?: string;
  /** Positions 9-17: the GB 11714 organisation code, without its hyphen. */
  organizationCode: string;
  organizationCodeValid: boolean;
  warnings: string[];
}

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MODULUS = USCC_CHARSET.length; // 31
// Weight of position i (0-based from the left) is 3^i mod 31.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % MODULUS);
const NATIONAL_REGION = '100000';

/**
 * The MOD 31 check character for the first 17 characters of a USCC.
 * @example usccCheckChar('91350100M000100Y4') // '3'
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`"${first17.charAt(i)}" is not a USCC character`);
    sum += value * WEIGHTS[i]!;
  }
  return USCC_CHARSET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

/** Parse and validate a USCC; a bad embedded organisation code is a warning, not an error. */
export function parseUscc(input: string): Result<UsccInfo> {
  const code = normalizeIdentity(input);
  if (code === '') return err(Errors.ID_EMPTY());
  if (code.length !== 18) return err(Errors.ID_FORMAT(`a USCC has 18 characters, this has ${code.length}`));
  const bad = Array.from(code).findIndex((ch) => !USCC_CHARSET.includes(ch));
  if (bad >= 0) return err(Errors.USCC_CHARSET(code.charAt(bad), bad + 1));
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return err(Errors.USCC_CHECKSUM(maskIdentity(code)));

  const [authorityCode, typeCode] = [code.charAt(0), code.charAt(1)];
  const authority = usccAuthority(authorityCode);
  if (!authority) return err(Errors.USCC_AUTHORITY(authorityCode));
  const typeName = usccOrgTypeName(authority, typeCode);
  if (typeName === undefined) return err(Errors.USCC_ORG_TYPE(authorityCode, typeCode));
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return err(Errors.ID_FORMAT('USCC positions 3-8 must be a 6-digit region code'));

  const organizationCode = code.slice(8, 17);
  const organizationCodeValid = organizationCodeCheckChar(organizationCode.slice(0, 8)) === organizationCode[8];
  const warnings: string[] = [];
  if (!organizationCodeValid) {
    // Registration offices assigned positions 9-17 of many individual businesses without a real
    // organisation code, and older codes were sometimes copied with errors; the USCC check
    // character still vouches for the number as issued, so this is worth a note, not a rejection.
    warnings.push(
      authorityCode === '9' && typeCode === '2'
        ? 'embedded organisation code (positions 9-17) fails its GB 11714 check; usual for an individual business (个体工商户)'
        : 'embedded organisation code (positions 9-17) fails its GB 11714 check',
    );
  }
  // GB 32100 registers national-level bodies under 100000, which GB/T 2260 does not list.
  const region = regionCode === NATIONAL_REGION ? '全国' : regionName(regionCode);
  return ok({
    kind: 'uscc',
    normalized: code,
    authority: { code: authorityCode, name: authority.name },
    orgType: { code: typeCode, name: typeName },
    regionCode,
    ...(region !== undefined && { region }),
    organizationCode,
    organizationCodeValid,
    warnings,
  });
}
