import { Errors, type XyError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Emit, Mapping, ValueSpec } from './mapping-schema.js';
import { parseFurnisherAmount, parseFurnisherDate } from './parse-furnisher-date.js';

/** One input row: field name to value, as the furnisher's file gave it (CSV cells, JSON values). */
export type InputRow = Readonly<Record<string, unknown>>;

/**
 * The records (contract objects, not yet validated: ingest does that) one input row yields under a
 * mapping, in the mapping's order; or the first reason the row cannot be mapped. Pure.
 */
export function applyMapping(mapping: Mapping, row: InputRow): Result<Record<string, unknown>[], XyError> {
  for (const field of mapping.required ?? []) {
    if (isEmpty(read(row, field))) return err(Errors.MAPPING_MISSING(field));
  }
  const out: Record<string, unknown>[] = [];
  for (const emit of mapping.emit) {
    if (!applies(emit, row)) continue;
    const record: Record<string, unknown> = {};
    for (const [path, spec] of Object.entries(emit.record)) {
      const value = valueOf(spec, row, path);
      if (!value.ok) return value;
      if (value.value !== undefined) setPath(record, path, value.value);
    }
    out.push(record);
  }
  return ok(out);
}

function applies(emit: Emit, row: InputRow): boolean {
  return (emit.when?.present ?? []).every((f) => !isEmpty(read(row, f)));
}

function valueOf(spec: ValueSpec, row: InputRow, target: string): Result<string | number | boolean | undefined, XyError> {
  let value: string | number | boolean | undefined;
  let from = target;
  if (spec.const !== undefined) value = spec.const;
  else if (spec.template !== undefined) {
    let missing: string | undefined;
    value = spec.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = read(row, name);
      if (isEmpty(v)) missing ??= name;
      return text(v);
    });
    if (missing !== undefined) value = undefined;
    from = missing ?? target;
  } else if (spec.field !== undefined) {
    const names = typeof spec.field === 'string' ? [spec.field] : spec.field;
    from = names[0]!;
    for (const name of names) {
      const v = read(row, name);
      if (!isEmpty(v)) {
        value = typeof v === 'number' || typeof v === 'boolean' ? v : text(v).trim();
        from = name;
        break;
      }
    }
  }
  if (value === undefined || value === '') {
    if (spec.default !== undefined) return ok(spec.default);
    if (spec.optional) return ok(undefined);
    return err(Errors.MAPPING_MISSING(from));
  }
  if (spec.map) {
    const key = String(value);
    if (Object.hasOwn(spec.map, key)) value = spec.map[key]!;
    else if (spec.otherwise !== undefined) value = spec.otherwise;
    else return err(Errors.MAPPING_VALUE(from, key, Object.keys(spec.map)));
  }
  if (spec.date) {
    const date = parseFurnisherDate(String(value));
    if (date === undefined) return err(Errors.MAPPING_DATE(from, String(value)));
    value = date;
  }
  if (spec.number) {
    const n = typeof value === 'number' ? value : parseFurnisherAmount(String(value));
    if (n === undefined) return err(Errors.MAPPING_NUMBER(from, String(value)));
    value = n;
  }
  return ok(value);
}

/** A field of the row; a dotted name reaches into nested JSON objects when no flat field has it. */
function read(row: InputRow, name: string): unknown {
  if (Object.hasOwn(row, name)) return row[name];
  let v: unknown = row;
  for (const part of name.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean));

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}
