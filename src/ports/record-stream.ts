/**
 * A durable, partitioned stream of records between furnishers and ingest workers.
 *
 * Records are partitioned by their subject's identity, so one subject's records always travel in
 * one partition, in the order they were published. A batch handed to a handler holds records of one
 * partition in stream order; when the handler resolves, the batch is acknowledged (it must have
 * committed by then); when it throws, the batch is returned to the stream and delivered again.
 * Delivery is at least once: the handler must be idempotent (ingest is, on source, ref and revision).
 */
export interface RecordStream {
  /** Append records (contract objects) to the stream; resolves once the stream has stored them all. */
  publish(records: readonly unknown[]): Promise<void>;
  /**
   * Deliver batches to `handler` until `options.signal` aborts; then finish the batches in hand
   * and resolve. Batches of one partition are handed over one at a time, in stream order.
   */
  consume(handler: (batch: StreamBatch) => Promise<void>, options: ConsumeOptions): Promise<void>;
  close(): Promise<void>;
}

export interface StreamRecord {
  /** The record's position in the stream (increasing within a partition). */
  seq: number;
  /** The subject identity the record was partitioned by. */
  subjectKey: string;
  /** The decoded record; a message that is not JSON arrives as its text, for ingest to reject. */
  raw: unknown;
}

export interface StreamBatch {
  partition: number;
  records: StreamRecord[];
}

export interface ConsumeOptions {
  /** Partitions to take (default: all). */
  partitions?: readonly number[];
  /** Most records per batch: back-pressure, and the size of one database transaction. */
  batchSize?: number;
  signal: AbortSignal;
  /** Told of a batch the handler failed; the batch is redelivered. */
  onError?: (error: unknown, batch: StreamBatch) => void;
}
