import { applyMapping } from '../../core/mapping/apply-mapping.js';
import type { Mapping } from '../../core/mapping/mapping-schema.js';
import type { BadLine } from '../ingest/read-lines.js';
import type { RawRecord } from '../ingest/read-records.js';
import type { NumberedRow } from './read-input-rows.js';

/** What mapping did to the input, beside ingest's own counts. */
export interface MappingCounts {
  rows: number;
  records: number;
  /** Rows that yielded no record (no emit's condition held). */
  empty: number;
}

/**
 * Turn numbered input rows into contract records for ingest, each carrying its row's input line,
 * so every rejection (the mapping's or ingest's) names the line of the furnisher's own file.
 */
export async function* mapRecords(rows: AsyncIterable<NumberedRow | BadLine>, mapping: Mapping, counts: MappingCounts): AsyncGenerator<RawRecord | BadLine> {
  for await (const item of rows) {
    if ('error' in item) {
      yield item;
      continue;
    }
    counts.rows++;
    const mapped = applyMapping(mapping, item.row);
    if (!mapped.ok) {
      yield { line: item.line, error: mapped.error };
      continue;
    }
    if (mapped.value.length === 0) counts.empty++;
    for (const raw of mapped.value) {
      counts.records++;
      yield { line: item.line, raw };
    }
  }
}
