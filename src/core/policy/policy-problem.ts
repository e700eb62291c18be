/**
 * A semantic problem remembers where in the policy it was found, so that the loader can point at
 * the line and column in the YAML file and `checkPolicy` callers can still get plain errors.
 */
import { Errors, type XyError } from '../errors.js';
import { approximateDays, parseDuration, type Duration } from '../time/duration.js';

export type PolicyPath = readonly (string | number)[];

export interface PolicyProblem {
  readonly error: XyError;
  readonly path: PolicyPath;
}

/** `['recordTypes', 'judicial.dishonest_debtor', 'points']` -> `recordTypes["judicial.dishonest_debtor"].points`. */
export function formatPath(path: PolicyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Collects problems; one instance per check run. */
export class Problems {
  readonly list: PolicyProblem[] = [];

  add(error: XyError, path: PolicyPath): void {
    this.list.push({ error, path });
  }

  invalid(path: PolicyPath, why: string): void {
    this.add(Errors.POLICY_INVALID(`${formatPath(path)} ${why}`), path);
  }

  /** Parse a duration, reporting it when it is not one; `positive` also rejects P0D. */
  duration(text: string | undefined, path: PolicyPath, positive = false): Duration | undefined {
    if (text === undefined) return undefined;
    const d = parseDuration(text);
    if (d === undefined) {
      this.invalid(path, `is "${text}", not an ISO 8601 duration such as P3M or P2Y (PnYnMnWnD)`);
      return undefined;
    }
    if (positive && approximateDays(d) <= 0) {
      this.invalid(path, `is "${text}"; it must be longer than zero`);
      return undefined;
    }
    return d;
  }

  /** A term range: both ends parse and the minimum is not longer than the maximum. */
  term(range: { min: string; max: string }, path: PolicyPath): void {
    const min = this.duration(range.min, [...path, 'min']);
    const max = this.duration(range.max, [...path, 'max'], true);
    if (min && max && approximateDays(min) > approximateDays(max)) {
      this.invalid(path, `has a minimum term ${range.min} longer than its maximum ${range.max}`);
    }
  }
}

/** A citation or remedy must say something: whitespace is not a legal basis. */
export const isBlank = (text: string): boolean => text.trim() === '';

/** Look a code up in one of the policy's maps without reaching into Object.prototype (`constructor`). */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
