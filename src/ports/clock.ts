/** The only source of "now" outside tests: the core takes time as an argument instead. */
export interface Clock {
  /** Current instant, ISO 8601 UTC. */
  now(): string;
  /** True when the clock is fixed for simulation (XINYONG_CLOCK); audit entries made then are marked. */
  readonly simulated: boolean;
}
