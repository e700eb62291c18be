import type { Policy } from '../policy/policy-schema.js';

const NUMERIC_FIELDS = new Set(['revision', 'amount']);
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Turn a CSV row with flattened column names (`subject.kind`, `attributes.court`) into the
 * JSON record shape. Empty cells are absent; numbers are converted where the contract or the
 * policy's attribute declaration says the field is a number, so the same checks apply to both formats.
 */
export function unflattenCsvRow(row: Record<string, string>, policy: Policy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = row.type ?? '';
  const def = Object.hasOwn(policy.recordTypes, type) ? policy.recordTypes[type] : undefined;
  const declared = def?.kind === 'conduct' ? (def.attributes ?? {}) : {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === '') continue;
    const path = column.split('.');
    const top = path[0]!;
    let value: unknown = cell;
    if (path.length === 1 && NUMERIC_FIELDS.has(top) && NUMBER.test(cell)) value = Number(cell);
    if (top === 'attributes' && path.length === 2 && declared[path[1]!]?.type === 'number' && NUMBER.test(cell)) {
      value = Number(cell);
    }
    setPath(out, path, value);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
