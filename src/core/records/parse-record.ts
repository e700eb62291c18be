import { Errors, type XyError } from '../errors.js';
import { identifySubjectNumber } from '../identity/identify.js';
import { maskIdentity } from '../identity/mask-identity.js';
import type { Policy, RecordType, SubjectKind } from '../policy/policy-schema.js';
import { dateDigits, type PersonEvidence } from '../linkage/evidence.js';
import { err, ok, type Result } from '../result.js';
import { toInstant } from '../time/calendar-date.js';
import { RECORD_STATUSES, type ParsedRecord, type RecordStatus, type SubjectClaim } from './record-input.js';

export interface ParseContext {
  policy: Policy;
  /** The ingest's clock reading: nothing may have occurred after it. */
  now: string;
  /** Identity check to use; callers may pass a memoised one (the check is pure). */
  identify?: typeof identifySubjectNumber;
}

const FIELDS = new Set([
  'source', 'ref', 'revision', 'type', 'subject', 'related', 'occurredAt', 'severity', 'amount', 'status', 'attributes',
]);
const SOURCE = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const MAX_REF = 200;
const MAX_NAME = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** Validate one decoded record against the contract (design.md section 3) and the active policy. */
export function parseRecord(raw: unknown, ctx: ParseContext): Result<ParsedRecord> {
  if (!isObject(raw)) return err(Errors.RECORD_NOT_OBJECT());
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key)) return err(Errors.RECORD_FIELD(key, 'is not a record field'));
  }
  const { source, ref, type } = raw;
  if (typeof source !== 'string' || !SOURCE.test(source)) {
    return err(Errors.RECORD_FIELD('source', 'must be a source id such as "court.enforcement" (lowercase letters, digits, ".", "_", "-")'));
  }
  if (typeof ref !== 'string' || ref.trim() === '' || ref.length > MAX_REF) {
    return err(Errors.RECORD_FIELD('ref', `must be a non-empty string of at most ${MAX_REF} characters`));
  }
  const revision = isBlank(raw.revision) ? 1 : raw.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
    return err(Errors.RECORD_FIELD('revision', 'must be a whole number of at least 1'));
  }
  if (typeof type !== 'string' || type === '') return err(Errors.RECORD_FIELD('type', 'must be a record type code'));
  const def = Object.hasOwn(ctx.policy.recordTypes, type) ? ctx.policy.recordTypes[type] : undefined;
  if (!def) return err(Errors.RECORD_UNKNOWN_TYPE(type));

  const identify = ctx.identify ?? identifySubjectNumber;
  const subject = parseSubject(raw.subject, 'subject', def.subjectKinds, type, ctx.now, identify, raw.attributes);
  if (!subject.ok) return subject;
  let related: SubjectClaim | null = null;
  if (def.kind === 'relation') {
    const r = parseSubject(raw.related, 'related', def.relatedKinds, type, ctx.now, identify, undefined);
    if (!r.ok) return r;
    related = r.value;
    if (related.normalizedId === subject.value.normalizedId) {
      return err(Errors.RECORD_FIELD('related', 'must be a different subject from "subject"'));
    }
  } else if (!isBlank(raw.related)) {
    return err(Errors.RECORD_FIELD('related', `is only for relation records, not "${type}"`));
  }

  const occurredAt = parseInstant(raw.occurredAt, 'occurredAt', ctx.now);
  if (!occurredAt.ok) return occurredAt;
  const attributes = parseAttributes(raw.attributes, def, ctx.now);
  if (!attributes.ok) return attributes;
  const severity = parseSeverity(raw.severity, def, type, attributes.value);
  if (!severity.ok) return severity;
  const amount = raw.amount;
  if (!isBlank(amount) && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)) {
    return err(Errors.RECORD_FIELD('amount', 'must be a number of at least 0'));
  }
  const status = isBlank(raw.status) ? 'active' : raw.status;
  if (typeof status !== 'string' || !RECORD_STATUSES.includes(status as RecordStatus)) {
    return err(Errors.RECORD_FIELD('status', `must be one of ${RECORD_STATUSES.join(', ')}`));
  }

  return ok({
    source,
    ref,
    revision,
    type,
    subject: subject.value,
    related,
    occurredAt: occurredAt.value,
    severity: severity.value,
    amount: isBlank(amount) ? null : (amount as number),
    status: status as RecordStatus,
    attributes: attributes.value,
  });
}

function parseSubject(
  raw: unknown, field: string, allowed: readonly SubjectKind[], type: string, now: string,
  identify: typeof identifySubjectNumber, attributes: unknown,
): Result<SubjectClaim> {
  if (!isObject(raw)) return err(Errors.RECORD_FIELD(field, 'must be an object with "kind" and "id"'));
  const { kind, id, name } = raw;
  if (kind !== 'person' && kind !== 'org') return err(Errors.RECORD_FIELD(`${field}.kind`, 'must be "person" or "org"'));
  if (!allowed.includes(kind)) return err(Errors.RECORD_SUBJECT_KIND(type, kind));
  if (!isBlank(name) && (typeof name !== 'string' || name.length > MAX_NAME)) {
    return err(Errors.RECORD_FIELD(`${field}.name`, `must be a string of at most ${MAX_NAME} characters`));
  }
  if (!isBlank(id) && typeof id !== 'string') return err(Errors.RECORD_FIELD(`${field}.id`, 'must be a string'));
  if (isBlank(id) || (id as string).includes('*')) {
    const masked = isBlank(id) ? null : (id as string);
    if (field !== 'subject' || kind !== 'person') return err(Errors.ID_UNLINKABLE(masked ?? '(none)', field, kind));
    return evidenceClaim(masked, isBlank(name) ? null : (name as string), attributes);
  }
  const found = identify(id as string, now.slice(0, 10));
  if (!found.ok) return err(withField(found.error, `${field}.id`));
  const wanted = kind === 'person' ? 'resident_id' : 'uscc';
  if (found.value.kind !== wanted) {
    return err(withField(Errors.ID_KIND_MISMATCH(kind, found.value.kind), `${field}.id ${maskIdentity(found.value.normalized)}`));
  }
  return ok({ kind, idKind: found.value.kind, normalizedId: found.value.normalized, name: isBlank(name) ? null : (name as string) });
}

/**
 * A person named without a full number: the name (required), the masked number's visible characters
 * and the record's `attributes.birthDate` / `attributes.region` become the evidence linkage weighs.
 */
function evidenceClaim(masked: string | null, name: string | null, attributes: unknown): Result<SubjectClaim> {
  const shown = masked?.trim().toUpperCase() ?? null;
  if (shown !== null && !MASKED_RESIDENT_ID.test(shown)) {
    return err(Errors.RECORD_FIELD('subject.id', 'a masked number must be 18 characters of digits, X and *, with its first and last four shown'));
  }
  if (name === null || name.trim() === '') return err(Errors.ID_UNLINKABLE(shown ?? '(none)', 'subject', 'person'));
  const attrs = isObject(attributes) ? attributes : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const birth = dateDigits(text(attrs.birthDate));
  const evidence: PersonEvidence = {
    name: name.trim(),
    ...(shown ? { idNumber: shown } : {}),
    ...(birth ? { birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}` } : {}),
    ...(text(attrs.region) ? { region: text(attrs.region)! } : {}),
  };
  // Keys in one fixed order: the same claim is always the same text, hence the same provisional subject.
  const normalizedId = `evidence:${JSON.stringify(evidence, ['name', 'idNumber', 'birthDate', 'region'])}`;
  return ok({ kind: 'person', idKind: null, normalizedId, name: evidence.name!, evidence });
}

const MASKED_RESIDENT_ID = /^(?=.*\*)\d{4}[\d*]{13}[\dX]$/;

function withField(error: XyError, field: string): XyError {
  return { ...error, message: `${field}: ${error.message}` };
}

function parseInstant(raw: unknown, field: string, now: string): Result<string> {
  if (typeof raw !== 'string' || raw === '') return err(Errors.RECORD_FIELD(field, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant'));
  const instant = toInstant(raw);
  if (!instant) return err(Errors.RECORD_DATE(field, raw.slice(0, 40)));
  if (instant > now) return err(Errors.RECORD_FUTURE(field, raw));
  return ok(instant);
}

function parseSeverity(
  raw: unknown, def: RecordType, type: string, attributes: Record<string, unknown>,
): Result<ParsedRecord['severity']> {
  if (def.kind === 'relation') {
    return isBlank(raw) ? ok(null) : err(Errors.RECORD_FIELD('severity', 'does not apply to relation records'));
  }
  if (isBlank(raw)) {
    const value = def.severityFrom ? attributes[def.severityFrom.attribute] : undefined;
    if (typeof value !== 'number') return ok(def.defaultSeverity);
    // The highest band whose minimum the value reaches; below every band, the type's default.
    const band = def.severityFrom!.bands.filter((b) => value >= b.min).at(-1);
    return ok(band ? band.severity : def.defaultSeverity);
  }
  if (typeof raw !== 'string' || !(def.severities as readonly string[]).includes(raw)) {
    return err(Errors.RECORD_SEVERITY(type, String(raw).slice(0, 40)));
  }
  return ok(raw as ParsedRecord['severity']);
}

function parseAttributes(raw: unknown, def: RecordType, now: string): Result<Record<string, unknown>> {
  if (isBlank(raw)) raw = {};
  if (!isObject(raw)) return err(Errors.RECORD_FIELD('attributes', 'must be an object'));
  const declared = def.kind === 'conduct' ? (def.attributes ?? {}) : {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = raw[name];
    const field = `attributes.${name}`;
    if (isBlank(value)) {
      if (spec.required) return err(Errors.RECORD_FIELD(field, 'is required for this record type'));
      continue;
    }
    if (spec.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) {
      return err(Errors.RECORD_FIELD(field, 'must be a number'));
    }
    if (spec.type === 'string' && typeof value !== 'string') return err(Errors.RECORD_FIELD(field, 'must be a string'));
    if (spec.type === 'date') {
      const d = parseInstant(value, field, now);
      if (!d.ok) return d;
    }
  }
  return ok(raw);
}
