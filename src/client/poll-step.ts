// The reference poller's decisions as one pure step: (state, event, now) -> next state and action.
// No I/O and no clock: pollJob performs the actions and feeds back what came of them, so every rule
// (placeholders, Retry-After, back-off, ETA spacing, deadline, media fallback) is testable as data.
import type { JobSnapshot } from '../model/job.js';
import { parseRetryAfter } from '../model/retry-after.js';
import { isKnownStatus, isTerminal, type KnownStatus } from '../model/status.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Observation } from '../oracle/observation.js';
import type { QueryRequest, QueryRequestV3, QueryResponse, QueryResponseV3 } from './api-types.js';
import { fullJitter } from './backoff.js';
import { findMatch, type QueryHit } from './file-match.js';
import { isMediaSnapshot } from './media.js';
import { causeOf, type GiveUpCause } from './poll-explanation.js';

export type { GiveUpCause };
import type { PollSettings } from './poll-settings.js';
import { firstQueryVersion, routeNotServed, type QueryVersion } from './query-version.js';
import { isTransient } from './transient.js';

/** Where a wait stands between two rounds: values only, nothing that reads a clock or sends a request. */
export interface PollState {
  readonly settings: PollSettings;
  /** Clock reading (epoch ms) past which no poll is asked for. */
  readonly deadlineAt: number;
  /** 5xx, network errors and malformed bodies in a row (a snapshot, placeholder or 429 ends the run). */
  readonly transientFailures: number;
  readonly placeholdersInARow: number;
  readonly rateLimitsInARow: number;
  /** The regular spacing, from the last snapshot's ETA (or the default), within the bounds. */
  readonly cadenceMs: number;
  /** The status of the last real snapshot. */
  readonly lastStatus: string | undefined;
  /** Since when (epoch ms) the job has said `running` with `progress: null`. */
  readonly runningWithoutProgressSince: number | undefined;
  /** The job takes the media path: the fallback may prove it indexed before its status ends. */
  readonly mediaLike: boolean;
  /** The wait chosen from the last status answer, kept while the fallback query is out. */
  readonly plannedWait: PlannedWait | undefined;
  /** The query version the fallback asks: v3 first, v2 once v3 proved not served (unless pinned). */
  readonly queryVersion: QueryVersion;
}

interface PlannedWait {
  ms: number;
  /** A Retry-After: a floor, so when it reaches past the deadline waiting is pointless. */
  floor: boolean;
}

/** What pollJob feeds the step. */
export type PollEvent =
  /** An answer of the status endpoint; `draw` is a fresh uniform number in [0, 1) for jitter. */
  | { kind: 'status'; observation: Observation; draw: number }
  /** An answer of the fallback query (of `version`, default v2); `results` is its body when it was a 2xx. */
  | { kind: 'query'; exchange: Exchange; results: QueryResponse | QueryResponseV3 | undefined; version?: QueryVersion }
  /** The caller's signal fired. */
  | { kind: 'aborted'; reason: unknown };

/** How a wait ended well. */
export type WaitEnd =
  /** The job reached a terminal status: a documented one, or a vendor final one (`completed_with_errors`, `timed_out`). */
  | { outcome: 'terminal'; status: KnownStatus; snapshot: JobSnapshot }
  /** The job status had not ended, but the query endpoint already returns the file. */
  | {
      outcome: 'indexed-via-query';
      /** The last status seen on a real snapshot, if any. */
      status: string | undefined;
      /** The result that names the file: a v2 search result or a v3 result. */
      match: QueryHit;
      queryExchange: Exchange;
      /** Which query endpoint proved it. */
      via: QueryVersion;
    };

export type PollAction =
  | { kind: 'poll'; afterMs: number }
  | { kind: 'query'; collection: string; version: 'v3'; request: QueryRequestV3 }
  | { kind: 'query'; collection: string; version: 'v2'; request: QueryRequest }
  | { kind: 'done'; end: WaitEnd }
  | { kind: 'give-up'; cause: GiveUpCause };

export interface PollStep {
  state: PollState;
  action: PollAction;
}

/** The state before the first poll, which goes out at once. */
export function startPolling(settings: PollSettings, now: number): PollState {
  return {
    settings,
    deadlineAt: now + settings.deadlineMs,
    transientFailures: 0,
    placeholdersInARow: 0,
    rateLimitsInARow: 0,
    cadenceMs: clamp(settings.defaultIntervalMs, settings.minIntervalMs, settings.maxIntervalMs),
    lastStatus: undefined,
    runningWithoutProgressSince: undefined,
    mediaLike: settings.fallback?.media ?? false,
    plannedWait: undefined,
    queryVersion: firstQueryVersion(settings.fallback?.version ?? 'auto'),
  };
}

/** The one decision of the poller: what to do after `event`, at clock reading `now`. */
export function pollStep(state: PollState, event: PollEvent, now: number): PollStep {
  switch (event.kind) {
    case 'aborted':
      return { state, action: { kind: 'give-up', cause: { outcome: 'aborted', reason: event.reason } } };
    case 'status':
      return afterStatus(state, event.observation, event.draw, now);
    case 'query':
      return afterQuery(state, event.exchange, event.results, event.version ?? 'v2', now);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A status answer either ends the wait or plans the next round. */
type Reading = PollStep | { state: PollState; wait: PlannedWait };

function afterStatus(state: PollState, observation: Observation, draw: number, now: number): PollStep {
  const reading = read(state, observation, draw, now);
  if ('action' in reading) return reading;
  if (wantsFallback(reading.state, now)) {
    return { state: { ...reading.state, plannedWait: reading.wait }, action: queryAction(reading.state) };
  }
  return schedule(reading.state, reading.wait, now);
}

/** The fallback query in the version the state asks; rerank true, which multimodal collections require. */
function queryAction(state: PollState): PollAction {
  const fallback = state.settings.fallback!;
  if (state.queryVersion === 'v2') {
    return {
      kind: 'query',
      collection: fallback.collection,
      version: 'v2',
      request: { query: fallback.query, top_k: fallback.topK, rerank: true },
    };
  }
  return {
    kind: 'query',
    collection: fallback.collection,
    version: 'v3',
    request: { query: fallback.query, limit: fallback.topK, rerank: true, include: { document: true } },
  };
}

function read(state: PollState, observation: Observation, draw: number, now: number): Reading {
  switch (observation.kind) {
    case 'snapshot':
      return readSnapshot(state, observation.snapshot, now);
    case 'placeholder':
      return readPlaceholder(state);
    case 'http-error':
      if (observation.status === 429) return readRateLimit(state, observation.exchange, draw, now);
      if (isTransient(observation)) return readTransient(state, observation, draw);
      return giveUp(state, { outcome: 'rejected', status: observation.status, exchange: observation.exchange });
    case 'malformed':
      return readTransient(state, observation, draw);
  }
}

function readSnapshot(state: PollState, snapshot: JobSnapshot, now: number): Reading {
  if (isKnownStatus(snapshot.status) && isTerminal(snapshot.status)) {
    return { state, action: { kind: 'done', end: { outcome: 'terminal', status: snapshot.status, snapshot } } };
  }
  const s = state.settings;
  const stalled = snapshot.status === 'running' && snapshot.progress == null;
  const eta = snapshot.estimated_time_remaining_seconds;
  const base = typeof eta === 'number' && Number.isFinite(eta) && eta >= 0 ? eta * 1000 : s.defaultIntervalMs;
  const cadenceMs = clamp(base, s.minIntervalMs, s.maxIntervalMs);
  const next: PollState = {
    ...state,
    transientFailures: 0,
    placeholdersInARow: 0,
    rateLimitsInARow: 0,
    lastStatus: String(snapshot.status),
    mediaLike: state.mediaLike || isMediaSnapshot(snapshot),
    runningWithoutProgressSince: stalled ? (state.runningWithoutProgressSince ?? now) : undefined,
    cadenceMs,
  };
  return { state: next, wait: { ms: cadenceMs, floor: false } };
}

// Unknown, retry shortly: no state, no failure (it ends a run of errors); its own ETA is not real either.
function readPlaceholder(state: PollState): Reading {
  const placeholdersInARow = state.placeholdersInARow + 1;
  const ms = Math.min(state.settings.placeholderDelayMs * 2 ** (placeholdersInARow - 1), state.cadenceMs);
  return { state: { ...state, transientFailures: 0, rateLimitsInARow: 0, placeholdersInARow }, wait: { ms, floor: false } };
}

// An answer, not a failure; without Retry-After, back off further with each 429 in a row.
function readRateLimit(state: PollState, exchange: Exchange, draw: number, now: number): Reading {
  const rateLimitsInARow = state.rateLimitsInARow + 1;
  const retryAfter = parseRetryAfter(exchange.headers['retry-after'], now);
  const next = { ...state, transientFailures: 0, rateLimitsInARow };
  if (retryAfter !== undefined) return { state: next, wait: { ms: retryAfter, floor: true } };
  return { state: next, wait: { ms: Math.max(state.cadenceMs, backoff(state, rateLimitsInARow, draw)), floor: false } };
}

function readTransient(state: PollState, observation: Observation, draw: number): Reading {
  const transientFailures = state.transientFailures + 1;
  if (transientFailures > state.settings.maxRetries) {
    return giveUp(state, {
      outcome: 'transient-exhausted',
      attempts: transientFailures,
      lastCause: causeOf(observation),
      lastExchange: observation.exchange,
    });
  }
  return { state: { ...state, transientFailures }, wait: { ms: backoff(state, transientFailures, draw), floor: false } };
}

function backoff(state: PollState, attempt: number, draw: number): number {
  return fullJitter(attempt, { baseMs: state.settings.retryBaseMs, maxMs: state.settings.retryMaxMs }, () => draw);
}

/** Media that left `pending`, or any job stuck at `running` with `progress: null`, is also asked of the query endpoint. */
function wantsFallback(state: PollState, now: number): boolean {
  const fallback = state.settings.fallback;
  if (!fallback) return false;
  const since = state.runningWithoutProgressSince;
  const stuck = since !== undefined && now - since >= fallback.stuckAfterMs;
  return (state.mediaLike && state.lastStatus !== 'pending') || stuck;
}

function afterQuery(
  state: PollState,
  exchange: Exchange,
  results: QueryResponse | QueryResponseV3 | undefined,
  version: QueryVersion,
  now: number,
): PollStep {
  const match = state.settings.fallback ? findMatch(results, state.settings.fallback.match) : undefined;
  if (match) {
    return {
      state,
      action: {
        kind: 'done',
        end: { outcome: 'indexed-via-query', status: state.lastStatus, match, queryExchange: exchange, via: version },
      },
    };
  }
  // A deployment that does not serve v3 is asked v2 at once, and from then on (unless v3 is pinned).
  if (version === 'v3' && state.settings.fallback?.version === 'auto' && routeNotServed(exchange)) {
    const next = { ...state, queryVersion: 'v2' as const };
    return { state: next, action: queryAction(next) };
  }
  const planned = state.plannedWait ?? { ms: state.cadenceMs, floor: false };
  // The query endpoint's own 429 pushes the next round past its Retry-After; one reaching past the deadline
  // ends the wait even under a longer planned round, which the deadline would otherwise cut short of it.
  const retryAfter = exchange.status === 429 ? parseRetryAfter(exchange.headers['retry-after'], now) : undefined;
  const floored = retryAfter !== undefined && (retryAfter > planned.ms || retryAfter > state.deadlineAt - now);
  const wait = floored ? { ms: retryAfter, floor: true } : planned;
  return schedule({ ...state, plannedWait: undefined }, wait, now);
}

/** The next poll, never past the deadline: the last one lands on the deadline itself rather than being skipped. */
function schedule(state: PollState, wait: PlannedWait, now: number): PollStep {
  const remainingMs = state.deadlineAt - now;
  if (remainingMs <= 0) return giveUp(state, { outcome: 'deadline', deadlineMs: state.settings.deadlineMs });
  if (wait.floor && wait.ms > remainingMs) {
    return giveUp(state, {
      outcome: 'deadline',
      deadlineMs: state.settings.deadlineMs,
      retryAfterPastDeadline: { waitMs: wait.ms, remainingMs },
    });
  }
  return { state, action: { kind: 'poll', afterMs: Math.min(wait.ms, remainingMs) } };
}

function giveUp(state: PollState, cause: GiveUpCause): PollStep {
  return { state, action: { kind: 'give-up', cause } };
}
