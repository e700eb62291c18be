import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { syntheticRecords } from './synthetic-records.js';

/** Write `count` synthetic records as JSON Lines in `dir`; returns the file and the rows. */
export async function syntheticRecordsFile(dir: string, count: number): Promise<{ file: string; rows: Record<string, unknown>[] }> {
  const file = join(dir, `records-${count}.jsonl`);
  const out = createWriteStream(file);
  const rows: Record<string, unknown>[] = [];
  for (const r of syntheticRecords(count)) {
    if (!out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
    rows.push(r);
  }
  out.end();
  await once(out, 'finish');
  return { file, rows };
}
