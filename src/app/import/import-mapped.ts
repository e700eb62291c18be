import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Errors, type XyError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { maskIdentity } from '../../core/identity/mask-identity.js';
import { loadMapping } from '../../core/mapping/load-mapping.js';
import type { Mapping } from '../../core/mapping/mapping-schema.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import type { LineError } from '../ingest/ingest-records.js';
import { admitRecord } from '../ingest/admit-record.js';
import { packageRoot } from '../package-root.js';
import { mapRecords, type MappingCounts } from './map-records.js';
import { readInputRows } from './read-input-rows.js';

/** The mappings that ship with xinyong (`mappings/*.yaml`). */
export const BUILT_IN_MAPPINGS = ['spc-dishonest', 'abnormal-operations'] as const;

/** A mapping by built-in name or by file path, checked: every problem with file:line:column. */
export function resolveMapping(nameOrFile: string): Result<{ mapping: Mapping; file: string }, XyError[]> {
  const builtIn = join(packageRoot(), 'mappings', `${nameOrFile}.yaml`);
  const file = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(builtIn) ? builtIn : nameOrFile;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return err([Errors.MAPPING_NOT_FOUND(nameOrFile, BUILT_IN_MAPPINGS)]);
  }
  const loaded = loadMapping(text, file);
  return loaded.ok ? ok({ mapping: loaded.value, file }) : loaded;
}

export const emptyCounts = (): MappingCounts => ({ rows: 0, records: 0, empty: 0 });

/** Mapped records of a furnisher's file, ready for `ingestRecords` (line numbers of that file). */
export function mappedRecordsOf(input: Readable, mapping: Mapping, counts: MappingCounts) {
  return mapRecords(readInputRows(input, mapping.input.format), mapping, counts);
}

export interface DryRun extends MappingCounts {
  dryRun: true;
  /** Records that pass validation; store checks (duplicates, conflicts, erased records) happen at import. */
  valid: number;
  rejected: number;
  errors: LineError[];
  /** The first valid records as they would be ingested (identity numbers masked). */
  preview: Array<{ line: number; record: unknown }>;
}

/** Map and validate a file against the policy without writing anything. */
export async function dryRunImport(input: Readable, mapping: Mapping, policy: Policy, now: string, previewCount = 5): Promise<DryRun> {
  const out: DryRun = { dryRun: true, ...emptyCounts(), valid: 0, rejected: 0, errors: [], preview: [] };
  for await (const item of mappedRecordsOf(input, mapping, out)) {
    if ('error' in item) {
      out.rejected++;
      out.errors.push({ line: item.line, code: item.error.code, message: item.error.message });
      continue;
    }
    const admitted = admitRecord(item.raw, { policy, now });
    if (!admitted.ok) {
      out.rejected++;
      out.errors.push({ line: item.line, code: admitted.error.code, message: admitted.error.message });
      continue;
    }
    out.valid++;
    if (out.preview.length < previewCount) out.preview.push({ line: item.line, record: masked(item.raw) });
  }
  return out;
}

/** The record with its identity numbers masked, for showing. */
function masked(raw: unknown): unknown {
  const r = raw as { subject?: { id?: unknown }; related?: { id?: unknown } };
  const mask = (s: { id?: unknown } | undefined) => (s && typeof s.id === 'string' && !s.id.includes('*') ? { ...s, id: maskIdentity(s.id) } : s);
  return { ...r, ...(r.subject ? { subject: mask(r.subject) } : {}), ...(r.related ? { related: mask(r.related) } : {}) };
}
