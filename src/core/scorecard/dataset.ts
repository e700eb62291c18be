/**
 * Raw CSV columns to what binning needs. Decision for messy numeric columns: a column is numeric
 * when at least 98% of its non-missing cells are numbers; its other cells (e.g. "n/a", "unknown")
 * are then treated as MISSING (they share the missing bin) and counted, not guessed at. A column
 * below that share is categorical, every distinct text being a category.
 */
export const NUMERIC_SHARE = 0.98;

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?']);

/** Cells that mean "no value". */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** The number a cell holds, or NaN when it is missing or not a number. */
export function parseNumber(cell: string): number {
  // Number() ignores surrounding white space; '' and blanks give 0, so they are caught first.
  if (cell.length === 0) return NaN;
  const v = Number(cell);
  if (v === v && v !== Infinity && v !== -Infinity) return v === 0 && cell.trim() === '' ? NaN : v;
  return NaN;
}

export interface TypedColumn {
  name: string;
  type: 'numeric' | 'categorical';
  numbers?: Float64Array;
  categories?: string[];
  /** Non-missing cells of a numeric column that were not numbers (treated as missing). */
  nonNumeric: number;
}

/** Decide a column's type and parse it. */
export function typeColumn(name: string, cells: readonly string[]): TypedColumn {
  let present = 0;
  let numeric = 0;
  const numbers = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    const v = parseNumber(c);
    numbers[i] = v;
    if (v === v) {
      present++;
      numeric++;
    } else if (!isMissing(c)) present++;
  }
  if (present > 0 && numeric >= NUMERIC_SHARE * present) return { name, type: 'numeric', numbers, nonNumeric: present - numeric };
  return { name, type: 'categorical', categories: cells.map((c) => (isMissing(c) ? '' : c.trim())), nonNumeric: 0 };
}

/**
 * Whether the first data row is a second header (as in the UCI Taiwan file, whose first row repeats
 * descriptive column names): in every column that is numeric below it, the first row holds a
 * non-missing non-number, and such columns are at least half of all columns.
 */
export function isSecondHeader(columns: readonly (readonly string[])[]): boolean {
  if (columns.length === 0 || (columns[0]?.length ?? 0) < 3) return false;
  let numericBelow = 0;
  for (const cells of columns) {
    const below = typeColumn('', cells.slice(1));
    if (below.type !== 'numeric') continue;
    numericBelow++;
    const first = cells[0]!;
    if (isMissing(first) || !Number.isNaN(parseNumber(first))) return false;
  }
  return numericBelow > 0 && numericBelow * 2 >= columns.length;
}

export type TargetProblem =
  | { kind: 'values'; values: string[]; row: number }
  | { kind: 'ambiguous'; values: string[] }
  | { kind: 'one_class'; values: string[] };

/** Conventional event labels, tried when --event is not given (the first of a pair is the event). */
const EVENT_PAIRS: [string, string][] = [['1', '0'], ['bad', 'good'], ['yes', 'no'], ['true', 'false'], ['y', 'n'], ['default', 'non-default']];

/**
 * Map the target column to 1 (event) / 0. Without `event`, the column must hold exactly two values
 * forming a conventional pair; with it, `event` is 1 and every other value 0. Rows with an empty
 * target are reported in `emptyRows` (the caller rejects them).
 */
export function targetOf(cells: readonly string[], event?: string):
  { ok: true; target: Uint8Array; event: string; emptyRows: number[] } | { ok: false; problem: TargetProblem } {
  const seen: string[] = [];
  const emptyRows: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]!.trim();
    if (v === '') {
      emptyRows.push(i);
      continue;
    }
    if (!seen.includes(v)) {
      seen.push(v);
      if (event === undefined && seen.length > 2) return { ok: false, problem: { kind: 'values', values: seen, row: i } };
    }
  }
  if (seen.length < 2 && event === undefined) return { ok: false, problem: { kind: 'one_class', values: seen } };
  let ev = event;
  if (ev === undefined) {
    const lower = seen.map((s) => s.toLowerCase());
    const pair = EVENT_PAIRS.find(([a, b]) => lower.length === 2 && lower.includes(a) && lower.includes(b));
    if (!pair) return { ok: false, problem: { kind: 'ambiguous', values: seen } };
    ev = seen[lower.indexOf(pair[0])]!;
  }
  const target = new Uint8Array(cells.length);
  let events = 0;
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() === ev) {
    target[i] = 1;
    events++;
  }
  if (events === 0 || events === cells.length - emptyRows.length) return { ok: false, problem: { kind: 'one_class', values: seen } };
  return { ok: true, target, event: ev, emptyRows };
}
