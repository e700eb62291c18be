/**
 * Blocking: only pairs that share a key under some rule are compared, so the work grows with the
 * sizes of the blocks rather than with the square of the records. A pair found by an earlier rule is
 * not visited again; a block larger than the cap is skipped whole and counted, never silently.
 */
import type { ComparisonField } from './comparisons.js';
import type { PreparedEvidence } from './evidence.js';

export interface BlockingRule {
  name: string;
  /** The block key of a record, '' when the rule does not apply to it. */
  key(r: PreparedEvidence): string;
  /** The comparisons this rule's key makes agree by construction: training ignores them for its pairs. */
  fields: readonly ComparisonField[];
  /** A smaller cap than the global one, for keys that are broad on large data (a name alone). */
  maxBlockSize?: number;
}

export interface BlockingStats {
  rule: string;
  blocks: number;
  pairs: number;
  oversizeBlocks: number;
  skippedPairs: number;
}

const sortedNames = (r: PreparedEvidence) =>
  r.familyReading < r.givenReading ? `${r.familyReading}|${r.givenReading}` : `${r.givenReading}|${r.familyReading}`;
const bothNames = (r: PreparedEvidence) => r.familyReading !== '' && r.givenReading !== '';

/** Rules for person records: each catches matches the others miss (a typo'd date, a typo'd name, a masked number). */
export const PERSON_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'birth date + family-name initial', fields: ['birthDate', 'familyName'], key: (r) => (r.birth && r.familyReading ? `${r.birth}|${r.familyReading[0]}` : '') },
  { name: 'birth date + given-name initial', fields: ['birthDate', 'givenName'], key: (r) => (r.birth && r.givenReading ? `${r.birth}|${r.givenReading[0]}` : '') },
  { name: 'name readings (either order) + birth year', fields: ['familyName', 'givenName', 'birthDate'], key: (r) => (bothNames(r) && r.birthYear ? `${sortedNames(r)}|${r.birthYear}` : '') },
  { name: 'name readings (either order) + region prefix', fields: ['familyName', 'givenName', 'region'], key: (r) => (bothNames(r) && r.region ? `${sortedNames(r)}|${r.region.slice(0, 4)}` : '') },
  { name: 'identity number visible parts', fields: ['idNumber'], key: visibleIdKey },
  { name: 'phone', fields: ['phone'], key: (r) => r.phone },
  { name: 'email', fields: ['email'], key: (r) => r.email },
  { name: 'postcode + given name', fields: ['postcode', 'givenName'], key: (r) => (r.postcode && r.givenReading ? `${r.postcode}|${r.givenReading}` : '') },
  { name: 'postcode + family name', fields: ['postcode', 'familyName'], key: (r) => (r.postcode && r.familyReading ? `${r.postcode}|${r.familyReading}` : '') },
  { name: 'name readings (either order)', fields: ['familyName', 'givenName'], key: (r) => (bothNames(r) ? sortedNames(r) : ''), maxBlockSize: 20 },
  { name: 'city + given name', fields: ['city', 'givenName'], key: (r) => (r.city && r.givenReading ? `${r.city}|${r.givenReading}` : ''), maxBlockSize: 50 },
  { name: 'city + family name', fields: ['city', 'familyName'], key: (r) => (r.city && r.familyReading ? `${r.city}|${r.familyReading}` : ''), maxBlockSize: 50 },
  { name: 'email user name', fields: ['email'], key: (r) => r.emailLocal, maxBlockSize: 50 },
];

/** The first and last four characters of a number (what a masked number shows), with its length. */
export function visibleIdKey(r: PreparedEvidence): string {
  if (r.id.length < 8) return r.id.includes('*') ? '' : r.id;
  const head = r.id.slice(0, 4);
  const tail = r.id.slice(-4);
  return head.includes('*') || tail.includes('*') ? '' : `${head}|${tail}|${r.id.length}`;
}

/**
 * Call `visit(i, j, rules)` (i < j) once for every pair that shares a block under some rule, where
 * bit r of `rules` is set for every rule whose block holds both (training counts a pair under each).
 * Blocks with more than the cap are skipped and counted in the returned statistics. At most 31 rules.
 */
export function forEachCandidatePair(
  records: readonly PreparedEvidence[], rules: readonly BlockingRule[], maxBlockSize: number, visit: (i: number, j: number, rules: number) => void,
): BlockingStats[] {
  if (rules.length > 31) throw new RangeError('at most 31 blocking rules');
  const blocks = rules.map((rule) => blocksOf(records, rule, Math.min(maxBlockSize, rule.maxBlockSize ?? maxBlockSize)));
  const stats: BlockingStats[] = [];
  blocks.forEach((block, k) => {
    const s: BlockingStats = { rule: rules[k]!.name, blocks: 0, pairs: 0, oversizeBlocks: block.oversize, skippedPairs: block.skippedPairs };
    const { start, members, usable } = block;
    for (let b = 0; b < usable.length; b++) {
      if (usable[b] !== 1) continue;
      s.blocks++;
      for (let x = start[b]!; x < start[b + 1]!; x++) {
        const i = members[x]!;
        for (let y = x + 1; y < start[b + 1]!; y++) {
          const j = members[y]!;
          let mask = 1 << k;
          let seen = false;
          for (let r = 0; r < blocks.length; r++) {
            if (r === k) continue;
            const other = blocks[r]!;
            const bi = other.ids[i]!;
            if (bi >= 0 && bi === other.ids[j] && other.usable[bi] === 1) {
              if (r < k) {
                seen = true;
                break;
              }
              mask |= 1 << r;
            }
          }
          if (seen) continue;
          s.pairs++;
          visit(i, j, mask);
        }
      }
    }
    stats.push(s);
  });
  return stats;
}

interface Blocks {
  /** Block id of each record, -1 when the rule gives it no key. */
  ids: Int32Array;
  /** Members of block b are members[start[b]..start[b+1]), in record order. */
  start: Int32Array;
  members: Int32Array;
  /** 1 for a block with at least two records and no more than the cap. */
  usable: Uint8Array;
  oversize: number;
  skippedPairs: number;
}

function blocksOf(records: readonly PreparedEvidence[], rule: BlockingRule, cap: number): Blocks {
  const n = records.length;
  const ids = new Int32Array(n).fill(-1);
  const index = new Map<string, number>();
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = rule.key(records[i]!);
    if (key === '') continue;
    let id = index.get(key);
    if (id === undefined) {
      id = sizes.length;
      index.set(key, id);
      sizes.push(0);
    }
    ids[i] = id;
    sizes[id]!++;
  }
  // Members of each block, contiguous and in record order (a counting sort).
  const start = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b++) start[b + 1] = start[b]! + sizes[b]!;
  const fill = start.slice(0, sizes.length);
  const members = new Int32Array(start[sizes.length]!);
  for (let i = 0; i < n; i++) if (ids[i]! >= 0) members[fill[ids[i]!]!++] = i;
  const usable = new Uint8Array(sizes.length);
  let oversize = 0;
  let skippedPairs = 0;
  for (let b = 0; b < sizes.length; b++) {
    const size = sizes[b]!;
    if (size > cap) {
      oversize++;
      skippedPairs += (size * (size - 1)) / 2;
    } else if (size >= 2) usable[b] = 1;
  }
  return { ids, start, members, usable, oversize, skippedPairs };
}
