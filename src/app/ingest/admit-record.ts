import { erasureDueAt } from '../../core/due-process/erasure-due-at.js';
import { Errors, type XyError } from '../../core/errors.js';
import type { ParsedRecord } from '../../core/records/record-input.js';
import { parseRecord, type ParseContext } from '../../core/records/parse-record.js';
import { err, ok, type Result } from '../../core/result.js';

/**
 * A raw record as ingest judges it before the store sees it: valid under the policy, and not already
 * past its retention (the next tick would erase it, so the registry does not take it). Ingest, the
 * import dry run and the record stream's screening all ask this one question.
 */
export function admitRecord(raw: unknown, ctx: ParseContext): Result<ParsedRecord, XyError> {
  const parsed = parseRecord(raw, ctx);
  if (!parsed.ok) return parsed;
  const erasure = erasureDueAt(ctx.policy, parsed.value);
  if (erasure !== null && erasure <= ctx.now) return err(Errors.RECORD_PAST_RETENTION(parsed.value.source, parsed.value.ref, erasure));
  return ok(parsed.value);
}
