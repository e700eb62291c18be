import { Errors } from '../core/errors.js';
import { listEntries } from '../core/lists/list-entries.js';
import type { Policy } from '../core/policy/policy-schema.js';
import { recordStates } from '../core/records/record-state.js';
import type { Registry } from './registry.js';
import { listView, subjectView } from './subject-report.js';
import { XyFailure } from './xy-failure.js';

/** Entries on one list (or every list) live at `asOf`, each with its masked subject. */
export async function registryLists(registry: Registry, policy: Policy, asOf: string, name?: string) {
  if (name !== undefined && !Object.hasOwn(policy.lists, name)) throw new XyFailure(Errors.LIST_NOT_FOUND(name));
  const wanted = name === undefined ? Object.values(policy.lists) : [policy.lists[name]!];
  const types = [...new Set(wanted.flatMap((l) => l.entry.recordTypes))];
  const states = recordStates(await registry.store.revisionsOfTypes(types), asOf);
  const entries = listEntries(policy, states, asOf).filter((e) => e.active && (name === undefined || e.list === name));
  const subjects = new Map<string, ReturnType<typeof subjectView> | null>();
  for (const e of entries) {
    if (!subjects.has(e.subjectId)) {
      const s = await registry.store.subjectById(e.subjectId);
      subjects.set(e.subjectId, s ? subjectView(s) : null);
    }
  }
  return entries.map((e) => ({ ...listView(e), subject: subjects.get(e.subjectId) }));
}
