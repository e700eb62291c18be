/**
 * The error catalogue: every expected failure has a stable code that callers can depend on.
 * Edges turn these into exit codes (src/cli) or problem+json (src/http); nothing below knows either.
 */
export interface XyError {
  readonly code: string;
  readonly message: string;
  /** Where in an input file, when the error comes from one (1-based). */
  readonly line?: number;
  readonly column?: number;
  readonly file?: string;
}

const e = (code: string, message: string): XyError => ({ code, message });

export const Errors = {
  // identity numbers
  ID_EMPTY: () => e('XY_ID_EMPTY', 'identity number is empty'),
  ID_FORMAT: (why: string) => e('XY_ID_FORMAT', `not a resident ID or USCC: ${why}`),
  ID_CHECKSUM: (masked: string) => e('XY_ID_CHECKSUM', `identity number ${masked} fails its check digit`),
  ID_BIRTH_DATE: (masked: string, date: string) =>
    e('XY_ID_BIRTH_DATE', `identity number ${masked} carries a birth date that does not exist (${date})`),
  ID_FUTURE_BIRTH: (masked: string, date: string) =>
    e('XY_ID_FUTURE_BIRTH', `identity number ${masked} carries a birth date in the future (${date})`),
  USCC_CHARSET: (ch: string, pos: number) =>
    e('XY_USCC_CHARSET', `character "${ch}" at position ${pos} is not allowed in a USCC`),
  USCC_CHECKSUM: (masked: string) => e('XY_USCC_CHECKSUM', `USCC ${masked} fails its check character`),
  USCC_AUTHORITY: (code: string) => e('XY_USCC_AUTHORITY', `USCC registering-authority code "${code}" is not defined`),
  USCC_ORG_TYPE: (authority: string, type: string) =>
    e('XY_USCC_ORG_TYPE', `USCC type code "${type}" is not defined for authority "${authority}"`),
  ID_KIND_MISMATCH: (kind: string, idKind: string) =>
    e('XY_ID_KIND_MISMATCH', `${kind === 'org' ? 'an organisation' : 'a person'} cannot carry ${idKind === 'uscc' ? 'a unified social credit code' : 'a resident ID number'}`),
  ID_UNLINKABLE: (masked: string, field: string, kind: string) =>
    e('XY_ID_UNLINKED', field !== 'subject'
      ? `${field}: identity ${masked} cannot be linked: a related party needs its full identity number`
      : kind === 'org'
        ? `identity ${masked} cannot be linked: an organisation needs its full unified social credit code`
        : `identity ${masked} cannot be linked: a person without a full identity number needs subject.name (and, to link, attributes.birthDate or attributes.region)`),

  // policy files
  POLICY_YAML: (why: string) => e('XY_POLICY_YAML', `policy is not valid YAML: ${why}`),
  POLICY_SCHEMA: (path: string, why: string) => e('XY_POLICY_SCHEMA', `policy ${path}: ${why}`),
  /** `what` names the kind of entry: a record type by default, or a list or measure (each needs a basis too). */
  POLICY_NO_LEGAL_BASIS: (type: string, what = 'record type') =>
    e('XY_POLICY_NO_LEGAL_BASIS', `${what} "${type}" has no legal basis; the registry admits only conduct with one`),
  /** `topic` is the forbidden topic the category names (defaults to the category itself). */
  POLICY_FORBIDDEN_CATEGORY: (type: string, category: string, topic = category, what = 'record type') =>
    e('XY_POLICY_FORBIDDEN_CATEGORY', `${what} "${type}" has category "${category}": the registry never records ${topic}`),
  POLICY_UNKNOWN_CATEGORY: (type: string, category: string) =>
    e('XY_POLICY_UNKNOWN_CATEGORY', `record type "${type}" has category "${category}", which is not a conduct category`),
  POLICY_MISSING_CODE: (what: string, code: string) =>
    e('XY_POLICY_MISSING_CODE', `required ${what} "${code}" is missing from the policy`),
  POLICY_BAD_REFERENCE: (where: string, what: string, code: string) =>
    e('XY_POLICY_BAD_REFERENCE', `${where} refers to ${what} "${code}", which the policy does not define`),
  POLICY_INVALID: (why: string) => e('XY_POLICY_INVALID', `policy is inconsistent: ${why}`),

  // records (ingest)
  RECORD_JSON: (why: string) => e('XY_RECORD_JSON', `line is not valid JSON: ${why}`),
  RECORD_NOT_OBJECT: () => e('XY_RECORD_NOT_OBJECT', 'a record must be a JSON object'),
  RECORD_FIELD: (field: string, why: string) => e('XY_RECORD_FIELD', `field "${field}" ${why}`),
  RECORD_TOO_LONG: (bytes: number, max: number) =>
    e('XY_RECORD_TOO_LONG', `line is ${bytes} bytes, longer than the ${max}-byte limit`),
  RECORD_ENCODING: () => e('XY_RECORD_ENCODING', 'line is not valid UTF-8 text'),
  RECORD_UNKNOWN_TYPE: (type: string) => e('XY_UNKNOWN_RECORD_TYPE', `record type "${type}" is not in the active policy`),
  RECORD_SUBJECT_KIND: (type: string, kind: string) =>
    e('XY_RECORD_SUBJECT_KIND', `record type "${type}" does not apply to a ${kind}`),
  RECORD_SEVERITY: (type: string, severity: string) =>
    e('XY_RECORD_SEVERITY', `severity "${severity}" is not allowed for record type "${type}"`),
  RECORD_DATE: (field: string, value: string) => e('XY_RECORD_DATE', `field "${field}" is not a real date: "${value}"`),
  RECORD_FUTURE: (field: string, value: string) => e('XY_RECORD_FUTURE', `field "${field}" is in the future: ${value}`),
  RECORD_CONFLICT: (source: string, ref: string, revision: number) =>
    e('XY_RECORD_CONFLICT', `${source} ${ref} revision ${revision} is already stored with different content`),
  RECORD_STALE_REVISION: (source: string, ref: string, revision: number, latest: number) =>
    e('XY_RECORD_STALE_REVISION', `${source} ${ref} revision ${revision} arrived after revision ${latest}; it is kept in history`),
  RECORD_SUBJECT_CHANGED: (source: string, ref: string) =>
    e('XY_RECORD_SUBJECT_CHANGED', `${source} ${ref}: a revision cannot move the record to another subject`),
  CSV_ROW: (why: string) => e('XY_CSV_ROW', `CSV row is malformed: ${why}`),

  // store and usage
  // furnisher mappings (import --mapping)
  MAPPING_YAML: (why: string) => e('XY_MAPPING_YAML', `mapping is not valid YAML: ${why}`),
  MAPPING_SCHEMA: (path: string, why: string) => e('XY_MAPPING_SCHEMA', `mapping ${path}: ${why}`),
  MAPPING_NOT_FOUND: (name: string, known: readonly string[]) =>
    e('XY_MAPPING_NOT_FOUND', `no mapping "${name.slice(0, 100)}" (a file, or one of the built-in: ${known.join(', ')})`),
  MAPPING_MISSING: (field: string) => e('XY_MAPPING_MISSING', `input field "${field.slice(0, 100)}" is missing or empty`),
  MAPPING_VALUE: (field: string, value: string, known: readonly string[]) =>
    e('XY_MAPPING_VALUE', `input field "${field.slice(0, 100)}" has "${value.slice(0, 60)}", which the mapping does not translate (it knows ${known.slice(0, 8).join(', ')})`),
  MAPPING_DATE: (field: string, value: string) => e('XY_MAPPING_DATE', `input field "${field.slice(0, 100)}" is not a date: "${value.slice(0, 60)}"`),
  MAPPING_NUMBER: (field: string, value: string) => e('XY_MAPPING_NUMBER', `input field "${field.slice(0, 100)}" is not an amount: "${value.slice(0, 60)}"`),
  MAPPING_ROW: (why: string) => e('XY_MAPPING_ROW', `input row cannot be read: ${why.slice(0, 200)}`),
  STORE_NOT_INITIALISED: (path: string) => e('XY_STORE_NOT_INITIALISED', `no registry at ${path}; run "xinyong init" first`),
  STORE_UNREACHABLE: (where: string, why: string) => e('XY_STORE_UNREACHABLE', `cannot reach the store at ${where}: ${why.slice(0, 200)}`),
  STREAM_UNREACHABLE: (where: string, why: string) => e('XY_STREAM_UNREACHABLE', `cannot reach the record stream at ${where}: ${why.slice(0, 200)}`),
  STORE_NO_POLICY: () => e('XY_STORE_NO_POLICY', 'the store has no active policy; run "xinyong init"'),
  SUBJECT_NOT_FOUND: (what: string) => e('XY_SUBJECT_NOT_FOUND', `no subject ${what} in the registry`),
  LIST_NOT_FOUND: (name: string) => e('XY_LIST_NOT_FOUND', `list "${name}" is not in the active policy`),
  FILE_NOT_FOUND: (path: string) => e('XY_FILE_NOT_FOUND', `cannot read ${path}`),
  BAD_ARGUMENT: (why: string) => e('XY_BAD_ARGUMENT', why),

  // access (API keys, roles, purposes)
  UNAUTHENTICATED: () => e('XY_UNAUTHENTICATED', 'a valid API key is required (Authorization: Bearer <key>)'),
  FORBIDDEN: (why: string) => e('XY_FORBIDDEN', why),
  PURPOSE_REQUIRED: () => e('XY_PURPOSE_REQUIRED', 'name the purpose of this access (one of the purposes on your key)'),
  PURPOSE_NOT_ALLOWED: (purpose: string) => e('XY_PURPOSE_NOT_ALLOWED', `purpose "${purpose.slice(0, 60)}" is not allowed for this key`),
  RATE_LIMITED: (seconds: number) => e('XY_RATE_LIMITED', `too many requests; retry in ${seconds} s`),
  KEY_GRANT: (why: string) => e('XY_KEY_GRANT', why),

  // decisions
  UNKNOWN_ACTION: (action: string) => e('XY_UNKNOWN_ACTION', `action "${action}" is not in the active policy`),

  // due process (objections, repairs, erasure)
  RECORD_ERASED: (source: string, ref: string, at: string) =>
    e('XY_RECORD_ERASED', `${source} ${ref} was erased on ${at.slice(0, 10)} after its retention period; it cannot be sent again`),
  RECORD_PAST_RETENTION: (source: string, ref: string, at: string) =>
    e('XY_RECORD_PAST_RETENTION', `${source} ${ref} ended its retention period on ${at.slice(0, 10)}: the registry no longer keeps it`),
  RECORD_NOT_FOUND: (id: string) => e('XY_RECORD_NOT_FOUND', `no record ${id.slice(0, 80)} for this subject`),
  CASE_NOT_FOUND: (id: string) => e('XY_CASE_NOT_FOUND', `no objection or repair ${id.slice(0, 80)}`),
  OBJECTION_STATEMENT: (why: string) => e('XY_OBJECTION_STATEMENT', `objection statement ${why}`),
  OBJECTION_NOT_ALLOWED: (why: string) => e('XY_OBJECTION_NOT_ALLOWED', `this record cannot be disputed: ${why}`),
  OBJECTION_EXISTS: (id: string) => e('XY_OBJECTION_EXISTS', `the record is already disputed (objection ${id})`),
  OBJECTION_STATE: (id: string, status: string, why: string) => e('XY_OBJECTION_STATE', `objection ${id} is ${status}: ${why}`),
  REPAIR_COMMITMENT: (why: string) => e('XY_REPAIR_COMMITMENT', `repair commitment ${why}`),
  REPAIR_NOT_ELIGIBLE: (why: string) => e('XY_REPAIR_NOT_ELIGIBLE', `this record cannot be repaired: ${why}`),
  REPAIR_EXISTS: (id: string, status: string) => e('XY_REPAIR_EXISTS', `a repair of this record is already ${status} (${id})`),
  REPAIR_STATE: (id: string, status: string) => e('XY_REPAIR_STATE', `repair ${id} is already ${status}`),

  // identity links
  LINK_REVIEW_NOT_FOUND: (id: string) => e('XY_LINK_REVIEW_NOT_FOUND', `no link review ${id.slice(0, 80)}`),
  LINK_REVIEW_DECIDED: (id: string, status: string) => e('XY_LINK_REVIEW_DECIDED', `link review ${id.slice(0, 80)} is already ${status}`),
  LINK_NOT_ALLOWED: (why: string) => e('XY_LINK_NOT_ALLOWED', `these subjects cannot be linked: ${why}`),
  LINK_NOT_FOUND: (id: string) => e('XY_LINK_NOT_FOUND', `subject ${id.slice(0, 80)} is not linked into another`),

  // scorecards (src/core/scorecard, `xinyong scorecard`)
  SCORECARD_TARGET_MISSING: (column: string) => e('XY_SCORECARD_TARGET_MISSING', `target column "${column}" is not in the header`),
  SCORECARD_TARGET_VALUES: (column: string, values: string[]) =>
    e('XY_SCORECARD_TARGET_VALUES', `target column "${column}" has more than two values (${values.slice(0, 5).join(', ')}); name the event with --event`),
  SCORECARD_TARGET_AMBIGUOUS: (column: string, values: string[]) =>
    e('XY_SCORECARD_TARGET_AMBIGUOUS', `cannot tell which of ${values.join(', ')} in "${column}" is the event; name it with --event`),
  SCORECARD_ONE_CLASS: (column: string) => e('XY_SCORECARD_ONE_CLASS', `target column "${column}" needs both events and non-events`),
  SCORECARD_TARGET_EMPTY: (column: string) => e('XY_SCORECARD_TARGET_EMPTY', `no value in target column "${column}"; the row is left out`),
  SCORECARD_COLUMN_MISSING: (columns: string[]) => e('XY_SCORECARD_COLUMN_MISSING', `the file lacks the model's column(s) ${columns.join(', ')}`),
  SCORECARD_MODEL: (why: string) => e('XY_SCORECARD_MODEL', `not a scorecard model: ${why.slice(0, 300)}`),
  SCORECARD_NO_FEATURES: () => e('XY_SCORECARD_NO_FEATURES', 'no feature passed selection (information value, AIC); there is nothing to score with'),

  // audit
  AUDIT_EDITED: (seq: number) => e('XY_AUDIT_EDITED', `audit event ${seq} does not match its hash: it was edited`),
  AUDIT_GAP: (from: number, to: number) =>
    e('XY_AUDIT_GAP', from === to ? `audit event ${from} is missing` : `audit events ${from} to ${to} are missing`),
  AUDIT_ORDER: (seq: number, why: string) => e('XY_AUDIT_ORDER', `audit event ${seq} is out of place: ${why}`),
  AUDIT_TRUNCATED: (size: number, treeSize: number) =>
    e('XY_AUDIT_TRUNCATED', `the audit log holds ${size} events but a checkpoint covers ${treeSize}: it was truncated`),
  AUDIT_ROOT_MISMATCH: (treeSize: number) =>
    e('XY_AUDIT_ROOT_MISMATCH', `the first ${treeSize} audit events do not hash to the root signed by the checkpoint at ${treeSize}`),
  AUDIT_BAD_SIGNATURE: (treeSize: number, keyId: string) =>
    e('XY_AUDIT_BAD_SIGNATURE', `the signature on the checkpoint at ${treeSize} (key ${keyId}) does not verify`),
} as const;

/** Attach a position to an error, keeping its code and message. */
export function at(error: XyError, where: { line?: number; column?: number; file?: string }): XyError {
  return { ...error, ...where };
}
