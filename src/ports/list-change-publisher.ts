/** A subject entering or leaving a list, with the actions whose measures hang on that list. */
export interface ListChange {
  /** Order within the publishing process's feed (a message bus numbers its messages itself). */
  seq: number;
  type: 'list.entered' | 'list.exited';
  /** The registry's subject id: identity numbers never travel in events. */
  subjectId: string;
  list: string;
  listKind: string;
  at: string;
  actions: string[];
}

/**
 * Where list changes are announced beyond this process (a NATS subject), besides the in-process
 * feed behind `GET /v1/events`. Publishing the same change twice must be harmless to consumers
 * (adapters deduplicate on the change itself).
 */
export interface ListChangePublisher {
  publish(changes: ReadonlyArray<Omit<ListChange, 'seq'>>): Promise<void>;
  close(): Promise<void>;
}
