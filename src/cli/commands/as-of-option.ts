import { Errors } from '../../core/errors.js';
import { toInstant } from '../../core/time/calendar-date.js';
import type { Registry } from '../../app/registry.js';
import { XyFailure } from '../../app/xy-failure.js';

/** `--as-of` as an ISO instant (a bare date is midnight UTC); the clock's now when absent. */
export function asOfOption(value: string | undefined, registry: Registry): string {
  if (value === undefined) return registry.clock.now();
  const instant = toInstant(value);
  if (!instant) throw new XyFailure(Errors.BAD_ARGUMENT(`--as-of must be a date or ISO 8601 instant, not "${value}"`));
  return instant;
}
