// Staging safety (docs/ARCHITECTURE.md, "Staging runs"): a run keeps to a request budget and a request rate, whatever
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

/** Where a run counts its requests: in this process, or shared by every process of the run. */
export interface RequestLedger {
  /** Records one request about to be sent; false when the budget is already spent. */
  take(): boolean;
  /** Requests recorded so far (by every process that shares the ledger). */
  sent(): number;
}

/** A ledger held in this process. */
export function memoryLedger(maxRequests: number): RequestLedger {
  let sent = 0;
  return {
    take: () => (sent < maxRequests ? ((sent += 1), true) : false),
    sent: () => sent,
  };
}

export interface BudgetedFetch {
  fetch: typeof globalThis.fetch;
  /** Requests sent so far. */
  sent(): number;
}

/** Resolves when the next request may be sent: the rate limit, in this process or shared by several. */
export type RequestTurns = () => Promise<void>;

/** Turns `1000 / perSecond` ms apart, for this process alone; none to wait for with no limit. */
export function spacedTurns(perSecond: number): RequestTurns {
  const spacingMs = Number.isFinite(perSecond) && perSecond > 0 ? 1000 / perSecond : 0;
  if (spacingMs === 0) return () => Promise.resolve();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  // Callers take turns: each waits for the one before it to be sent, then for the spacing since that send.
  let turns: Promise<void> = Promise.resolve();
  return () => {
    const turn = turns.then(async () => {
      // Spaced from the previous request's actual send, not its planned slot: after a stalled event loop,
      // requests whose slots passed meanwhile would otherwise all go at once (the rate limit itself).
      for (let wait = lastSentAt + spacingMs - performance.now(); wait > 0; wait = lastSentAt + spacingMs - performance.now()) {
        await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
      }
      lastSentAt = performance.now();
    });
    turns = turn;
    return turn;
  };
}

export function budgetedFetch(
  budget: RequestBudget,
  inner: typeof globalThis.fetch = globalThis.fetch,
  ledger: RequestLedger = memoryLedger(budget.maxRequests),
  turns: RequestTurns = spacedTurns(budget.perSecond),
): BudgetedFetch {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (!ledger.take()) throw new RequestBudgetExhausted(budget.maxRequests);
    await turns();
    return inner(input, init);
  };
  return { fetch, sent: () => ledger.sent() };
}
