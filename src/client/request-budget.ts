// Staging safety (DESIGN section 8): a run keeps to a request budget and a request rate, whatever
// its tests ask for. Wraps fetch, so every client call, poller and walker is held to it.

export interface RequestBudget {
  /** Most requests this fetch will send; past it every call fails with a named error. */
  maxRequests: number;
  /** Most requests per second (a steady spacing of 1000/perSecond ms); Infinity for none. */
  perSecond: number;
}

/** The suite's own limit, not the target's doing: the client rethrows it instead of recording an exchange. */
export class RequestBudgetExhausted extends Error {
  readonly suiteTrouble = true;

  constructor(readonly maxRequests: number) {
    super(`request budget of ${maxRequests} requests exhausted (CONFORMANCE_REQUEST_BUDGET)`);
    this.name = 'RequestBudgetExhausted';
  }
}

export interface BudgetedFetch {
  fetch: typeof globalThis.fetch;
  /** Requests sent so far. */
  sent(): number;
}

export function budgetedFetch(budget: RequestBudget, inner: typeof globalThis.fetch = globalThis.fetch): BudgetedFetch {
  const spacingMs = Number.isFinite(budget.perSecond) && budget.perSecond > 0 ? 1000 / budget.perSecond : 0;
  let sent = 0;
  let nextSlot = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (sent >= budget.maxRequests) throw new RequestBudgetExhausted(budget.maxRequests);
    sent += 1;
    if (spacingMs > 0) {
      const now = Date.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + spacingMs;
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now)); // the rate limit itself
    }
    return inner(input, init);
  };
  return { fetch, sent: () => sent };
}
