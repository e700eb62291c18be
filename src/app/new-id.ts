import { v7 as uuidv7 } from 'uuid';
import { RandomPool } from '../lib/random-pool.js';

/** UUIDv7 ids: time-ordered, so B-tree inserts stay local; random bits from a pooled buffer. */
export function idGenerator(pool = new RandomPool()): () => string {
  return () => uuidv7({ random: pool.take(16) });
}
