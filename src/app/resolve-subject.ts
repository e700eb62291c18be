import { Errors } from '../core/errors.js';
import { identifySubjectNumber } from '../core/identity/identify.js';
import { maskIdentity } from '../core/identity/mask-identity.js';
import type { SubjectRow } from '../ports/registry-store.js';
import type { Registry } from './registry.js';
import { XyFailure } from './xy-failure.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SUBJECT on the command line: a registry subject id, or a resident ID or USCC. */
export async function resolveSubject(registry: Registry, given: string): Promise<SubjectRow> {
  if (UUID.test(given)) {
    const found = await registry.store.subjectById(given.toLowerCase());
    if (!found) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with id ${given}`));
    return found;
  }
  const id = identifySubjectNumber(given, registry.clock.now().slice(0, 10));
  if (!id.ok) throw new XyFailure(id.error);
  const index = registry.keyRing.blindIndex(id.value.normalized);
  const found = (await registry.store.subjectsByIndex([index])).get(index);
  if (!found) throw new XyFailure(Errors.SUBJECT_NOT_FOUND(`with identity number ${maskIdentity(id.value.normalized)}`));
  return found;
}
