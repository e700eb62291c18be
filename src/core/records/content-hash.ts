import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { ParsedRecord } from './record-input.js';

/**
 * Hash of what a furnisher said in one revision, to tell a duplicate from a conflict.
 * Identity numbers enter only as their keyed blind index: a plain hash of an 18-digit number
 * could be reversed by trying every plausible number.
 */
export function contentHash(record: ParsedRecord, subjectIndex: string, relatedIndex: string | null): string {
  const content = {
    source: record.source,
    ref: record.ref,
    revision: record.revision,
    type: record.type,
    subject: { kind: record.subject.kind, index: subjectIndex, name: record.subject.name },
    related: record.related && relatedIndex ? { kind: record.related.kind, index: relatedIndex, name: record.related.name } : null,
    occurredAt: record.occurredAt,
    severity: record.severity,
    amount: record.amount,
    status: record.status,
    attributes: record.attributes,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
