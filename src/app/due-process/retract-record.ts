import type { Objection } from '../../core/due-process/case-types.js';
import { Errors } from '../../core/errors.js';
import { contentHash } from '../../core/records/content-hash.js';
import type { ParsedRecord, SubjectClaim } from '../../core/records/record-input.js';
import type { RegistryStore, SubjectRow } from '../../ports/registry-store.js';
import type { Registry } from '../registry.js';
import { XyFailure } from '../xy-failure.js';

/**
 * A furnisher withdrew a record in answer to an objection: append the retracting revision in its
 * name (the next revision, same facts, status `retracted`), exactly as if it had sent it, so the
 * record's history shows the withdrawal and a later resend of that revision is a duplicate.
 */
export async function retractRecord(registry: Registry, store: RegistryStore, objection: Objection, at: string): Promise<void> {
  const revisions = (await store.revisionsOfSubjects([objection.subjectId])).get(objection.subjectId) ?? [];
  const own = revisions.filter((r) => r.source === objection.source && r.ref === objection.ref).sort((a, b) => a.revision - b.revision);
  const head = own.at(-1);
  if (!head) throw new XyFailure(Errors.RECORD_NOT_FOUND(objection.recordId));
  if (head.status === 'retracted') return;
  // The subject that holds the record: a provisional subject linked into objection.subjectId holds it still.
  const subject = await store.subjectById(head.linkedFrom ?? head.subjectId);
  const related = head.relatedSubjectId ? await store.subjectById(head.relatedSubjectId) : undefined;
  if (!subject?.idIndex) throw new XyFailure(Errors.RECORD_NOT_FOUND(objection.recordId));
  const parsed: ParsedRecord = {
    source: head.source, ref: head.ref, revision: head.revision + 1, type: head.type,
    subject: claimOf(subject), related: related ? claimOf(related) : null,
    occurredAt: head.occurredAt, severity: head.severity as ParsedRecord['severity'], amount: head.amount,
    status: 'retracted', attributes: head.attributes,
  };
  const [outcome] = await store.appendBatch([{
    subject: subject,
    ...(related ? { related } : {}),
    revision: {
      id: registry.newId(), source: parsed.source, ref: parsed.ref, revision: parsed.revision, type: parsed.type,
      occurredAt: parsed.occurredAt, receivedAt: at, severity: parsed.severity, amount: parsed.amount, status: 'retracted',
      attributes: parsed.attributes, contentHash: contentHash(parsed, subject.idIndex, related?.idIndex ?? null),
    },
  }]);
  if (outcome?.kind !== 'added' && outcome?.kind !== 'updated' && outcome?.kind !== 'duplicate') {
    throw new XyFailure(Errors.RECORD_CONFLICT(parsed.source, parsed.ref, parsed.revision));
  }
}

/** The claim the content hash needs; the identity number itself enters only as the blind index. */
function claimOf(s: SubjectRow): SubjectClaim {
  return { kind: s.kind, idKind: s.idKind ?? 'resident_id', normalizedId: '', name: s.name };
}
