import type { Clock } from '../../ports/clock.js';

/** The wall clock, or a fixed instant when XINYONG_CLOCK is set (simulation). */
export function systemClock(fixed?: string): Clock {
  if (fixed) {
    const ms = Date.parse(fixed);
    if (Number.isNaN(ms)) throw new Error(`XINYONG_CLOCK is not an ISO 8601 instant: ${fixed}`);
    const instant = new Date(ms).toISOString();
    return { now: () => instant, simulated: true };
  }
  return { now: () => new Date().toISOString(), simulated: false };
}
