// How long things take on this target, so that time follows the target instead of fixed numbers: its
// time scale (from /_sim/clock; 1 for a real deployment), the run's request rate (CONFORMANCE_MAX_RPS,
// shared among workers) and the job budget (CONFORMANCE_JOB_BUDGET_S). Test timeouts, poll spacing,
// scenario durations and the number of generated scenarios all derive from it.
import { settings } from '../../../src/settings/settings.js';

/** Liveness budget of a small job, in the target's seconds (CONFORMANCE_JOB_BUDGET_S overrides). */
export const JOB_BUDGET_SECONDS = settings().jobBudgetSeconds;

/** Generated scenarios when the run has the time for them (CONFORMANCE_SCENARIOS overrides). */
export const MAX_SCENARIOS = 100;

/** What a runner needs beyond the budgets a test declares: fixture set-up and tear-down, one slow request. */
const MARGIN_MS = 60_000;

/** The clients' per-request timeout (CONFORMANCE_REQUEST_TIMEOUT_S, given to every client by the fixtures): a request never takes longer. */
export const REQUEST_TIMEOUT_MS = settings().requestTimeoutSeconds * 1000;

export interface PaceSettings {
  /** Virtual ms per real ms of the target (1 for a real deployment). */
  timeScale: number;
  /** Requests per second this worker may send (Infinity for no limit). */
  perSecond: number;
  /** Requests this worker may send in all. */
  maxRequests: number;
  workers: number;
}

export class Pace {
  constructor(readonly settings: PaceSettings) {}

  /** Real milliseconds for `seconds` of the target's time. */
  ms(seconds: number): number {
    return Math.max(2, Math.round((seconds * 1000) / this.settings.timeScale));
  }

  /** Target seconds for `ms` of real time. */
  targetSeconds(ms: number): number {
    return (ms / 1000) * this.settings.timeScale;
  }

  /** Real milliseconds `count` requests take at this worker's rate, each allowed its full timeout at the end. */
  requestsMs(count: number): number {
    const spacing = Number.isFinite(this.settings.perSecond) && this.settings.perSecond > 0 ? 1000 / this.settings.perSecond : 0;
    return Math.ceil(count * spacing) + REQUEST_TIMEOUT_MS;
  }

  /** Real milliseconds of one wait for a job: the poller's deadline, and the request in flight when it passes. */
  jobWaitMs(budgetSeconds = JOB_BUDGET_SECONDS): number {
    return this.ms(budgetSeconds) + REQUEST_TIMEOUT_MS;
  }

  /** A test's starting timeout: what its own requests need, with margin; each wait then extends it (Conformance.allow). */
  baseTimeoutMs(requests = 60): number {
    return MARGIN_MS + this.requestsMs(requests);
  }

  /** The runner's margin added to every budget a test declares. */
  get marginMs(): number {
    return MARGIN_MS;
  }

  /**
   * A scenario duration, in target seconds: `seconds` of the target's time, what polls need to see it, but
   * never under `realMs` of real time, what a busy machine's jitter needs on a fast simulator clock.
   */
  span(seconds: number, realMs: number): number {
    return Math.max(seconds, Math.ceil(this.targetSeconds(realMs)));
  }

  /**
   * How many generated scenarios fit the time and requests there are, unless CONFORMANCE_SCENARIOS says.
   * A scenario of the generator (stages up to 10 s) lasts about MEAN_SCENARIO_SECONDS of the target's time
   * and takes about POLLS_PER_SCENARIO polls; the generated tests may spend GENERATED_REAL_SECONDS of real
   * time (per worker, side by side) and a GENERATED_BUDGET_SHARE of the request budget.
   */
  scenarioCount(explicit: number | undefined, concurrency: number): number {
    if (explicit !== undefined) return explicit;
    const { perSecond, maxRequests, workers } = this.settings;
    const byRate = Number.isFinite(perSecond) ? (GENERATED_REAL_SECONDS * perSecond * workers) / POLLS_PER_SCENARIO : Infinity;
    const byBudget = Number.isFinite(maxRequests) ? (GENERATED_BUDGET_SHARE * maxRequests * workers) / POLLS_PER_SCENARIO : Infinity;
    const rounds = Math.max(1, Math.floor(GENERATED_REAL_SECONDS / Math.max(1e-3, this.ms(MEAN_SCENARIO_SECONDS) / 1000)));
    const byTime = rounds * concurrency * workers;
    return Math.max(MIN_SCENARIOS, Math.min(MAX_SCENARIOS, Math.floor(Math.min(byRate, byBudget, byTime))));
  }
}

const MEAN_SCENARIO_SECONDS = 40;
const POLLS_PER_SCENARIO = 20;
const GENERATED_REAL_SECONDS = 120;
const GENERATED_BUDGET_SHARE = 0.25;
/** One per batch at least: a generated test that plays nothing proves nothing. */
const MIN_SCENARIOS = 4;

/** The run's request budget and rate (their defaults follow the target), each worker's share of them (docs/ARCHITECTURE.md, "Staging runs"). */
export function requestLimits(workers: number): { maxRequests: number; perSecond: number } {
  const { requestBudget, maxRps } = settings();
  return { maxRequests: Math.floor(requestBudget / workers), perSecond: maxRps / workers };
}

/**
 * Timeout of a worker-scoped fixture that creates a shared job: a worker fixture's timeout is fixed when the
 * file loads, before the target is known, so it assumes the slowest target, one that runs at real time.
 */
export const SHARED_JOB_TIMEOUT_MS = JOB_BUDGET_SECONDS * 1000 + 2 * MARGIN_MS;
