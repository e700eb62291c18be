/** Map a path in the parsed policy back to a line and column in its YAML text. */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { PolicyPath } from './policy-problem.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

type AnyNode = { range?: [number, number, number] | null } | null | undefined;
const start = (node: unknown): number | undefined => (node as AnyNode)?.range?.[0];

/**
 * The position of the value at `path`, or of its key when `atKey` is set (an unknown property is best
 * shown by its name). When the path leads nowhere, the deepest node that exists is used; with
 * `atKey`, its key, so that a missing property points at the name of the entry that lacks it.
 */
export function positionOf(doc: Document, lines: LineCounter, path: PolicyPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  let entryKey: number | undefined; // key of the deepest entry found, for a path that leads nowhere
  for (const [i, seg] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (pair === undefined) return here(lines, atKey ? entryKey ?? offset : offset);
      keyOffset = start(pair.key);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = typeof seg === 'number' || /^\d+$/.test(seg) ? node.items[Number(seg)] : undefined;
      if (item === undefined) return here(lines, atKey ? entryKey ?? offset : offset);
      node = item;
    } else break;
    const last = i === path.length - 1;
    // `key:` with nothing after it has an empty value node; the key is the better place to point.
    const valueOffset = isScalar(node) && node.value === null ? undefined : start(node);
    offset = (last && atKey ? keyOffset : valueOffset ?? keyOffset) ?? offset;
    entryKey = keyOffset ?? start(node) ?? entryKey;
  }
  return here(lines, offset);
}

function here(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}
