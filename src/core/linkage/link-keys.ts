/**
 * The registry's blocking keys: a subject is a linkage candidate for a record when they share one.
 * The same rules as batch deduplication, each key prefixed by its rule so two rules never collide.
 * The registry stores them only blinded (keyed HMAC), as it does identity numbers.
 */
import { PERSON_BLOCKING_RULES } from './blocking.js';
import type { PreparedEvidence } from './evidence.js';

/** A key shared by more subjects than this says too little to be worth comparing against all of them. */
export const MAX_SUBJECTS_PER_LINK_KEY = 100;

/** Every key of a record or subject, in rule order without repeats, with how many subjects may share it before it is ignored (a name alone: its rule's smaller cap). */
export function linkKeysWithCaps(e: PreparedEvidence): Array<{ key: string; cap: number }> {
  const out = new Map<string, number>();
  for (const rule of PERSON_BLOCKING_RULES) {
    const key = rule.key(e);
    if (key !== '' && !out.has(`${rule.name}|${key}`)) out.set(`${rule.name}|${key}`, Math.min(MAX_SUBJECTS_PER_LINK_KEY, rule.maxBlockSize ?? MAX_SUBJECTS_PER_LINK_KEY));
  }
  return [...out].map(([key, cap]) => ({ key, cap }));
}

/** Deepest chain of subject links followed; linking refuses cycles, so this only bounds a damaged store. */
export const MAX_LINK_DEPTH = 16;
