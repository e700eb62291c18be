import type { Policy } from '../core/policy/policy-schema.js';
import type { RegistryStore } from '../ports/registry-store.js';

import type { ListChange } from '../ports/list-change-publisher.js';

export type { ListChange };

type Listener = (change: ListChange) => void;

/**
 * In-process feed of list changes caused by records ingested through this service, for the
 * server-sent events of `GET /v1/events`. Listeners that throw are dropped, never the feed.
 */
export class ListChangeFeed {
  private readonly listeners = new Set<Listener>();
  private seq = 0;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  publish(changes: ReadonlyArray<Omit<ListChange, 'seq'>>): void {
    for (const change of changes) {
      const event = { ...change, seq: ++this.seq };
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          this.listeners.delete(listener);
        }
      }
    }
  }
}

/** Lists each subject is on at `asOf`, from the stored derived state. */
export async function activeLists(store: RegistryStore, ids: readonly string[], asOf: string): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const [id, entries] of await store.listEntriesOf(ids)) {
    const lists = new Map<string, string>();
    for (const e of entries) if (e.startedAt <= asOf && asOf < e.endsAt) lists.set(e.list, e.listKind);
    out.set(id, lists);
  }
  return out;
}

/** The changes between two snapshots of `activeLists`. */
export function listChanges(
  policy: Policy, before: Map<string, Map<string, string>>, after: Map<string, Map<string, string>>, at: string,
): Array<Omit<ListChange, 'seq'>> {
  const actionsOf = (list: string) => [...new Set(policy.measures.filter((m) => 'list' in m.when && m.when.list === list).flatMap((m) => m.actions))].sort();
  const changes: Array<Omit<ListChange, 'seq'>> = [];
  for (const [subjectId, now] of after) {
    const was = before.get(subjectId) ?? new Map<string, string>();
    for (const [list, listKind] of now) if (!was.has(list)) changes.push({ type: 'list.entered', subjectId, list, listKind, at, actions: actionsOf(list) });
    for (const [list, listKind] of was) if (!now.has(list)) changes.push({ type: 'list.exited', subjectId, list, listKind, at, actions: actionsOf(list) });
  }
  return changes;
}
