import { Errors } from '../core/errors.js';
import type { Policy } from '../core/policy/policy-schema.js';
import type { Registry } from './registry.js';
import { subjectView } from './subject-report.js';
import { XyFailure } from './xy-failure.js';

/** Entries in force at `asOf` on one list (or every list), each with its masked subject, from the derived state. */
export async function registryLists(registry: Registry, policy: Policy, asOf: string, name?: string) {
  if (name !== undefined && !Object.hasOwn(policy.lists, name)) throw new XyFailure(Errors.LIST_NOT_FOUND(name));
  const entries = await registry.store.listEntriesAt(asOf, name);
  const subjects = new Map<string, ReturnType<typeof subjectView> | null>();
  for (const e of entries) {
    if (!subjects.has(e.subjectId)) {
      const s = await registry.store.subjectById(e.subjectId);
      subjects.set(e.subjectId, s ? subjectView(s) : null);
    }
  }
  return entries.map((e) => ({
    list: e.list,
    kind: e.listKind,
    startedAt: e.startedAt,
    endsAt: e.endsAt,
    endReason: e.endReason,
    ...e.detail,
    subject: subjects.get(e.subjectId) ?? null,
  }));
}
