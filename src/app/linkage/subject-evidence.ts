import type { PersonEvidence } from '../../core/linkage/evidence.js';
import { linkKeysWithCaps } from '../../core/linkage/link-keys.js';
import { prepareEvidence } from '../../core/linkage/evidence.js';
import type { KeyRing } from '../../ports/key-ring.js';
import type { SubjectRow } from '../../ports/registry-store.js';

/** What a provisional subject's sealed "identity" holds: the evidence its first record gave. */
export const EVIDENCE_PREFIX = 'evidence:';

/**
 * What the registry knows that identifies a person subject: the name and the full number for a
 * subject with one, the claimed evidence for a provisional subject. Undefined for organisations and
 * for subjects stored without a sealed number.
 */
export function evidenceOfSubject(row: Pick<SubjectRow, 'kind' | 'idKind' | 'idSealed' | 'name'>, keyRing: KeyRing): PersonEvidence | undefined {
  if (row.kind !== 'person' || !row.idSealed) return undefined;
  const text = keyRing.open(row.idSealed);
  if (row.idKind === null) return text.startsWith(EVIDENCE_PREFIX) ? (JSON.parse(text.slice(EVIDENCE_PREFIX.length)) as PersonEvidence) : undefined;
  return { ...(row.name ? { name: row.name } : {}), idNumber: text };
}

/** A subject's blocking keys as stored: blinded with the key ring, in a domain of their own. */
export function blindedLinkKeys(evidence: PersonEvidence, keyRing: KeyRing): string[] {
  return [...blindedKeysByCap(evidence, keyRing).values()].flat();
}

/** The blinded keys grouped by how many subjects may share one before it is ignored. */
export function blindedKeysByCap(evidence: PersonEvidence, keyRing: KeyRing): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const { key, cap } of linkKeysWithCaps(prepareEvidence(evidence))) out.set(cap, [...(out.get(cap) ?? []), keyRing.blindIndex(`link:${key}`)]);
  return out;
}
