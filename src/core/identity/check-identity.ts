/**
 * One line of `xinyong id check --json`: the verdict on one value, flat and JSON-ready.
 * Optional fields appear only when they apply, so a consumer can test for their presence.
 */
import { identifySubjectNumber } from './identify.js';

export interface IdCheck {
  /** The value exactly as given. */
  input: string;
  valid: boolean;
  kind: 'resident_id' | 'uscc' | null;
  /** The canonical 18-character form; null when invalid. */
  normalized: string | null;
  /** Why the value is invalid; the message shows the number masked. */
  error?: { code: string; message: string };
  /** Resident ID: YYYY-MM-DD. */
  birthDate?: string;
  sex?: 'male' | 'female';
  /** Name of the region code, when it is known. */
  region?: string;
  regionCode?: string;
  /** USCC: registering authority and organisation type. */
  authority?: { code: string; name: string };
  orgType?: { code: string; name: string };
  /** USCC: the embedded GB 11714 organisation code (positions 9-17). */
  organizationCode?: string;
  warnings?: string[];
}

/**
 * Check an identity number for `id check`.
 * @example checkIdentity('11010519491231002X', '2025-01-01').birthDate // '1949-12-31'
 */
export function checkIdentity(input: string, today: string): IdCheck {
  const result = identifySubjectNumber(input, today);
  if (!result.ok) {
    const { code, message } = result.error;
    return { input, valid: false, kind: null, normalized: null, error: { code, message } };
  }
  const found = result.value;
  const base = { input, valid: true, kind: found.kind, normalized: found.normalized };
  const region = found.info.region !== undefined ? { region: found.info.region } : {};
  if (found.kind === 'resident_id') {
    const { birthDate, sex, regionCode } = found.info;
    return { ...base, birthDate, sex, ...region, regionCode, ...warningsOf(found.warnings) };
  }
  const { authority, orgType, regionCode, organizationCode, warnings } = found.info;
  return {
    ...base,
    ...region,
    regionCode,
    authority,
    orgType,
    organizationCode,
    ...warningsOf([...found.warnings, ...warnings]),
  };
}

function warningsOf(warnings: string[]): { warnings?: string[] } {
  return warnings.length > 0 ? { warnings } : {};
}
