import { describe, expect, it } from 'vitest';
import { partitionOf, subjectKeyOf } from './partition.js';

describe('partitioning', () => {
  it('keys a record by subject id, normalised, or by name without one', () => {
    expect(subjectKeyOf({ subject: { kind: 'person', id: ' 11010519491231002x ', name: 'A' } })).toBe('id:11010519491231002X');
    expect(subjectKeyOf({ subject: { kind: 'person', name: '张三' } })).toBe('name:张三');
    expect(subjectKeyOf('not a record')).toBe('');
  });

  it('puts one key in one partition, always, and spreads keys over all partitions', () => {
    expect(partitionOf('id:11010519491231002X', 8)).toBe(partitionOf('id:11010519491231002X', 8));
    const used = new Set(Array.from({ length: 200 }, (_, i) => partitionOf(`id:${i}`, 8)));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
