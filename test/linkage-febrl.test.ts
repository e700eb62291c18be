import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/app/package-root.js';
import { evaluateCsv, febrlEntity } from '../bench/linkage/evaluate.js';

const file = join(process.env.LINKAGE_DATA ?? join(packageRoot(), '..', 'shared', 'data', 'linkage'), 'febrl_dataset3.csv');

describe('linkage evaluation on FEBRL dataset 3', () => {
  it.skipIf(!existsSync(file))('reaches pairwise F1 >= 0.95, and precision >= 0.98 at the auto-link threshold', () => {
    const result = evaluateCsv('FEBRL dataset3', file, febrlEntity);
    expect(result.records).toBe(5000);
    expect(result.atThreshold.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.atAutoLink.precision).toBeGreaterThanOrEqual(0.98);
  });
});
