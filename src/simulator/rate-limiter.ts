// A per-API-key request limit over a sliding one-second window on the REAL clock: it protects the
// server's wire, which virtual time does not slow down. Refused requests do not use up the window.

export const WINDOW_MS = 1000;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly served = new Map<string, number[]>();

  constructor(
    /** Requests a key may send in any one-second window. */
    readonly perSecond: number,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new RangeError(`rate limit must be a positive integer, got ${perSecond}`);
  }

  /** Counts the request when it fits the window; otherwise says how long until it would. */
  take(apiKey: string): RateDecision {
    const now = this.realNow();
    const recent = (this.served.get(apiKey) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= this.perSecond) {
      this.served.set(apiKey, recent);
      const freeAt = recent[0]! + WINDOW_MS;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    }
    recent.push(now);
    this.served.set(apiKey, recent);
    return { ok: true };
  }

  clear(): void {
    this.served.clear();
  }
}
