import { Prng } from '../prng.js';
import type { StripeFaults } from '../demo-state.js';

/** What to do to one request. */
export type FaultDecision = 'none' | 'drop' | 'rate_limit' | 'server_error' | 'slow';

/** Draws a fault per request from the configured fractions (seeded, so a test run is repeatable). */
export class FaultInjector {
  private readonly rng: Prng;
  constructor(private readonly faults: StripeFaults, seed = 1) {
    this.rng = Prng.for(seed, 'faults');
  }
  /** The fault for the next request. */
  next(): FaultDecision {
    const u = this.rng.next();
    const f = this.faults;
    if (u < f.dropped) return 'drop';
    if (u < f.dropped + f.rateLimited) return 'rate_limit';
    if (u < f.dropped + f.rateLimited + f.serverErrors) return 'server_error';
    if (u < f.dropped + f.rateLimited + f.serverErrors + f.slow) return 'slow';
    return 'none';
  }
  /** Delay of a slow response in ms. */
  get slowMs(): number {
    return this.faults.slowMs;
  }
}
