// Exponential back-off with full jitter: retries of many clients spread out instead of
// arriving together (the "Full Jitter" scheme of the AWS Architecture Blog).
import type { RandomSource } from '../model/random.js';

export interface BackoffPolicy {
  /** Ceiling of the first retry's wait, in ms. */
  baseMs: number;
  /** Ceiling of any wait, in ms. */
  maxMs: number;
}

/** The wait before retry number `attempt` (1-based): uniform in [0, min(maxMs, baseMs * 2^(attempt-1))]. */
export function fullJitter(attempt: number, policy: BackoffPolicy, random: RandomSource): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
