import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { ParsedRecord } from './record-input.js';

/**
 * Hash of what a furnisher said in one revision, to tell a duplicate from a conflict.
 * Identity numbers enter only as their keyed blind index: a plain hash of an 18-digit number
 * could be reversed by trying every plausible number. The fields go in a fixed order as a JSON
 * array (deterministic without sorting); only the free-form attributes need canonical JSON.
 */
export function contentHash(record: ParsedRecord, subjectIndex: string, relatedIndex: string | null): string {
  const r = record;
  const fields = [
    'v1', r.source, r.ref, r.revision, r.type,
    r.subject.kind, subjectIndex, r.subject.name,
    r.related?.kind ?? null, relatedIndex, r.related?.name ?? null,
    r.occurredAt, r.severity, r.amount, r.status,
  ];
  const attributes = Object.keys(r.attributes).length === 0 ? '{}' : canonicalJson(r.attributes);
  return createHash('sha256').update(JSON.stringify(fields)).update('\u0000').update(attributes).digest('hex');
}
