/** The identity a record is partitioned by: its subject's id (normalised), or its name when it has none. */
export function subjectKeyOf(record: unknown): string {
  const subject = isObject(record) && isObject(record.subject) ? record.subject : undefined;
  if (!subject) return '';
  if (typeof subject.id === 'string' && subject.id.trim() !== '') return `id:${subject.id.trim().toUpperCase()}`;
  if (typeof subject.name === 'string') return `name:${subject.name.trim()}`;
  return '';
}

/**
 * The partition of a subject key: FNV-1a (32 bit) modulo the partition count, stable across
 * processes and releases, so one subject's records always land in one partition.
 * @example partitionOf('id:11010519491231002X', 8) // always the same number in 0..7
 */
export function partitionOf(subjectKey: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(subjectKey, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
