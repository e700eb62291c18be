import type { AuditEvent, AuditEventInput } from '../core/audit/audit-event.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Notice, RegistryStore } from '../ports/registry-store.js';

interface Waiting {
  input: AuditEventInput;
  /** A notice the audited act owes its subject (a denial), committed with the event. */
  notice: Notice | undefined;
  resolve: (event: AuditEvent) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for audit events of concurrent requests: events queued while the previous group
 * commits (or in the same turn of the event loop) are chained and committed together, in one
 * transaction. One group at a time: appends to the chain serialise anyway (they take its lock), so
 * concurrent small transactions would only queue on that lock. Each caller still waits for its own
 * event to be durable before it answers, so a failed append still fails its request.
 */
export class AuditBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;
  private committing: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: AuditLog,
    private readonly store: RegistryStore,
    /** 'os' for access events of reads: committed before the answer, flushed to disk shortly after. */
    private readonly durability: 'disk' | 'os' = 'disk',
  ) {}

  append(input: AuditEventInput, notice?: Notice): Promise<AuditEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, notice, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.committing = this.committing.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    // Taken now, after the group before it committed: everything queued meanwhile goes together.
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    try {
      const notices = batch.flatMap((w) => (w.notice ? [w.notice] : []));
      const events = await this.store.transaction(async (tx) => {
        if (notices.length > 0) await tx.addNotices(notices);
        return this.log.within(tx).appendMany(batch.map((w) => w.input));
      }, { durability: this.durability });
      batch.forEach((w, i) => w.resolve(events[i]!));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
