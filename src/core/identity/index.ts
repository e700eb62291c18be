/** Identity numbers: GB 11643 resident IDs, GB 32100 USCCs, GB 11714 organisation codes. */
export { checkIdentity, type IdCheck } from './check-identity.js';
export { identifySubjectNumber, type SubjectNumber } from './identify.js';
export { isMaskedIdentity, maskIdentity } from './mask-identity.js';
export { normalizeIdentity } from './normalize-identity.js';
export { organizationCodeCheckChar } from './org-code.js';
export { regionName } from './region.js';
export {
  parseResidentId,
  residentIdCheckChar,
  upgradeLegacyResidentId,
  type ResidentIdInfo,
} from './resident-id.js';
export { USCC_AUTHORITIES, type UsccAuthority } from './uscc-authorities.js';
export { parseUscc, USCC_CHARSET, usccCheckChar, type UsccInfo } from './uscc.js';
