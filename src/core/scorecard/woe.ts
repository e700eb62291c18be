/**
 * Weight of evidence and information value.
 *
 * Sign convention: WoE = ln(%non-events / %events) = ln(%good / %bad), so a HIGHER WoE means a
 * LOWER risk, and the logistic coefficients on WoE (predicting the event) come out negative.
 * A cell with no events or no non-events gets 0.5 added to both counts so that WoE stays finite;
 * an empty bin (no rows at all) has WoE 0, the neutral value.
 */
export function woeOf(events: number, nonEvents: number, totalEvents: number, totalNonEvents: number): number {
  if (events + nonEvents === 0 || totalEvents === 0 || totalNonEvents === 0) return 0;
  const adj = events === 0 || nonEvents === 0 ? 0.5 : 0;
  return Math.log(((nonEvents + adj) / totalNonEvents) / ((events + adj) / totalEvents));
}

/** The bin's share of the information value: (%good - %bad) * WoE, never negative. */
export function ivOf(events: number, nonEvents: number, totalEvents: number, totalNonEvents: number): number {
  if (events + nonEvents === 0 || totalEvents === 0 || totalNonEvents === 0) return 0;
  const adj = events === 0 || nonEvents === 0 ? 0.5 : 0;
  const good = (nonEvents + adj) / totalNonEvents;
  const bad = (events + adj) / totalEvents;
  return (good - bad) * Math.log(good / bad);
}

/** The usual reading of a feature's IV (Siddiqi): < 0.02 useless ... > 0.5 suspiciously strong. */
export function ivStrength(iv: number): 'useless' | 'weak' | 'medium' | 'strong' | 'suspicious' {
  if (iv < 0.02) return 'useless';
  if (iv < 0.1) return 'weak';
  if (iv < 0.3) return 'medium';
  if (iv <= 0.5) return 'strong';
  return 'suspicious';
}
