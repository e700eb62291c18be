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
  /**
   * Set aside records that can never be accepted, with the reason, where operators and furnishers
   * can read them. Idempotent per (stream, partition, seq): the same letter sent twice is kept once.
   */
  deadLetter(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}

/** A streamed record that ingest refused for good, and why; the record itself stays in the stream at `seq`. */
export interface DeadLetter {
  stream: string;
  partition: number;
  seq: number;
  /** The catalogue code and message of the refusal (identity numbers in messages are masked). */
  code: string;
  message: string;
  source?: string;
  ref?: string;
  /** When the worker refused it. */
  at: string;
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
  /** How many times this batch's records have been delivered (1 the first time): retries back off by it. */
  attempt: number;
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
