// The reference poller for GET /v2/jobs/{job_id}: how a client must wait for an indexing job.
// A placeholder is "unknown, retry shortly" (never progress, never failure); 429 waits for
// Retry-After; 5xx and network errors get bounded retries with full-jitter back-off; spacing
// follows the server's ETA within bounds; media jobs are proven indexed through the query endpoint.
import type { JobSnapshot } from '../model/job.js';
import { isKnownStatus, isTerminal, type KnownStatus } from '../model/status.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Observation } from '../oracle/observation.js';
import { classify, preview } from '../oracle/classify.js';
import type { SearchResult } from './api-types.js';
import { fullJitter } from './backoff.js';
import type { CaptainClient } from './captain-client.js';
import { systemClock, type Clock } from './clock.js';
import { findMatch, type FileMatcher } from './file-match.js';
import { isMediaMatcher, isMediaSnapshot } from './media.js';
import { PollAbortedError, PollRejectedError, PollTimeoutError, TransientExhaustedError } from './poll-errors.js';
import type { PollRecord } from './poll-record.js';
import { randomSeed, seededRandom, type RandomSource } from './random.js';
import { isTransient } from './transient.js';
import { parseRetryAfter } from '../model/retry-after.js';

/** Prove a media job indexed through `POST /v2/collections/{collection}/query`. */
export interface MediaFallbackOptions {
  collection: string;
  /** The query text, e.g. words spoken in the video. */
  query: string;
  /** The file to find in the results. */
  match: FileMatcher;
  /** A job still `running` with `progress: null` this long (ms) engages the fallback (default 60 000). */
  stuckAfterMs?: number;
  /** Treat the job as media from the first poll (default: decided from `match` and the job's files). */
  media?: boolean;
  /** `top_k` of the query (default 10). */
  topK?: number;
}

export interface WaitForJobOptions {
  /** Give up after this long, in ms (default 30 minutes). */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Where time comes from and how to sleep (default: the system clock). */
  clock?: Clock;
  /** Source of jitter (default: `seededRandom(seed)`). */
  random?: RandomSource;
  /** Seed of the default random source (default 1). */
  seed?: number;
  /** Bounds of the spacing between polls, in ms (defaults 1 000 and 30 000). */
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Spacing when the server gives no ETA, in ms (default 5 000). */
  defaultIntervalMs?: number;
  /** First wait after a placeholder, doubling while they last, never above the regular spacing (default 2 000). */
  placeholderDelayMs?: number;
  /** Consecutive 5xx, network errors or malformed bodies tolerated before giving up (default 5). */
  maxRetries?: number;
  /** Full-jitter back-off for those retries, in ms (defaults 1 000 and 30 000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** `files_limit` of each status poll (default: the server's). */
  filesLimit?: number;
  /** Called with each classified answer of the status endpoint, as it arrives. */
  onObservation?: (observation: Observation) => void;
  fallback?: MediaFallbackOptions;
}

export type WaitForJobResult =
  /** The job reached a terminal status: a documented one, or a vendor final one (`completed_with_errors`, `timed_out`). */
  | (PollRecord & { outcome: 'terminal'; status: KnownStatus; snapshot: JobSnapshot })
  /** The job status had not ended, but the query endpoint already returns the file. */
  | (PollRecord & {
      outcome: 'indexed-via-query';
      /** The last status seen on a real snapshot, if any. */
      status: string | undefined;
      match: SearchResult;
      queryExchange: Exchange;
    });

export type WaitOutcome = WaitForJobResult['outcome'];

interface Settings {
  deadlineMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  defaultIntervalMs: number;
  placeholderDelayMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  stuckAfterMs: number;
}

function settingsOf(options: WaitForJobOptions): Settings {
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  return {
    deadlineMs: options.deadlineMs ?? 30 * 60_000,
    minIntervalMs,
    maxIntervalMs: Math.max(minIntervalMs, options.maxIntervalMs ?? 30_000),
    defaultIntervalMs: options.defaultIntervalMs ?? 5_000,
    placeholderDelayMs: options.placeholderDelayMs ?? 2_000,
    maxRetries: options.maxRetries ?? 5,
    retryBaseMs: options.retryBaseMs ?? 1_000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    stuckAfterMs: options.fallback?.stuckAfterMs ?? 60_000,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** One line naming what went wrong with an answer. */
function causeOf(observation: Observation): string {
  const exchange = observation.exchange;
  if (observation.kind === 'malformed') return `malformed body (HTTP ${exchange.status}): ${observation.reason}`;
  if (exchange.status === 0) return `network: ${exchange.error ?? 'no response'}`;
  return `HTTP ${exchange.status}${exchange.body ? `: ${preview(exchange.body, 200)}` : ''}`;
}

function describeLast(record: PollRecord): string {
  const last = record.timeline.at(-1);
  if (!last) return 'no answer yet';
  if (last.kind === 'snapshot') {
    const progress = last.snapshot.progress;
    const stage = progress?.current_stage ? `, stage ${progress.current_stage}` : '';
    const counts = progress?.files_total != null ? `, ${progress.files_processed ?? 0}/${progress.files_total} files` : '';
    return `status ${String(last.snapshot.status)}${progress === null ? ', progress null' : ''}${stage}${counts}`;
  }
  if (last.kind === 'placeholder') return 'the placeholder';
  return causeOf(last);
}

/**
 * Polls `GET /v2/jobs/{jobId}` until the job reaches a terminal status, or (with `fallback`)
 * until the query endpoint shows the file, and returns the whole timeline as evidence.
 *
 * - A placeholder is "unknown, retry shortly": it is recorded, never counted as progress or as
 *   failure, and polling resumes after a short back-off.
 * - 429 waits for `Retry-After` (seconds or HTTP-date); 5xx, network errors and malformed bodies
 *   get `maxRetries` retries with full-jitter exponential back-off, then {@link TransientExhaustedError}.
 * - Between polls it waits `estimated_time_remaining_seconds`, clamped to `[minIntervalMs, maxIntervalMs]`.
 * - Throws {@link PollTimeoutError} past `deadlineMs`, {@link PollAbortedError} when `signal` aborts,
 *   {@link PollRejectedError} on a 4xx no retry can fix. Every error carries the record.
 *
 * @example
 * const client = new CaptainClient({ baseUrl, apiKey, organizationId });
 * const done = await waitForJob(client, jobId, { deadlineMs: 10 * 60_000 });
 * if (done.outcome === 'terminal' && done.status === 'failed') console.error(done.snapshot.error_message);
 */
export async function waitForJob(client: CaptainClient, jobId: string, options: WaitForJobOptions = {}): Promise<WaitForJobResult> {
  const s = settingsOf(options);
  const clock = options.clock ?? systemClock;
  // Seeded so a run replays, but not one fixed seed: every client jittering alike defeats jitter.
  const random = options.random ?? seededRandom(options.seed ?? randomSeed());
  const signal = options.signal;
  const fallback = options.fallback;
  const startedAtMs = clock.now();
  const deadlineAt = startedAtMs + s.deadlineMs;
  const record: PollRecord = { jobId, timeline: [], exchanges: [], waits: [], requests: 0, startedAtMs, finishedAtMs: startedAtMs };

  let transientFailures = 0;
  let consecutivePlaceholders = 0;
  let consecutiveRateLimits = 0;
  let cadence = clamp(s.defaultIntervalMs, s.minIntervalMs, s.maxIntervalMs);
  let lastStatus: string | undefined;
  let runningWithoutProgressSince: number | undefined;
  let mediaLike = fallback ? (fallback.media ?? isMediaMatcher(fallback.match)) : false;

  const close = () => {
    record.finishedAtMs = clock.now();
    return record;
  };
  const send = (exchange: Exchange) => {
    record.exchanges.push(exchange);
    record.requests = record.exchanges.length;
  };
  const checkAbort = () => {
    if (!signal?.aborted) return;
    const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
    throw new PollAbortedError(
      client.redact(`waiting for job ${jobId} aborted after ${record.requests} requests: ${why}`),
      close(),
      signal.reason,
    );
  };

  for (;;) {
    checkAbort();
    const { exchange } = await client.getJob(jobId, {
      ...(options.filesLimit !== undefined ? { filesLimit: options.filesLimit } : {}),
      ...(signal ? { signal } : {}),
    });
    send(exchange);
    checkAbort();
    const observation = classify(exchange, record.timeline.length);
    record.timeline.push(observation);
    options.onObservation?.(observation);
    checkAbort();

    let wait: number;
    // A Retry-After is a floor: when it reaches past the deadline, waiting is pointless.
    let waitIsFloor = false;
    let transient = false;
    switch (observation.kind) {
      case 'snapshot': {
        const snapshot = observation.snapshot;
        transientFailures = 0;
        consecutivePlaceholders = 0;
        consecutiveRateLimits = 0;
        record.lastSnapshot = snapshot;
        lastStatus = String(snapshot.status);
        if (isKnownStatus(snapshot.status) && isTerminal(snapshot.status)) {
          return { ...close(), outcome: 'terminal', status: snapshot.status, snapshot };
        }
        if (isMediaSnapshot(snapshot)) mediaLike = true;
        if (snapshot.status === 'running' && snapshot.progress == null) runningWithoutProgressSince ??= clock.now();
        else runningWithoutProgressSince = undefined;
        const eta = snapshot.estimated_time_remaining_seconds;
        const base = typeof eta === 'number' && Number.isFinite(eta) && eta >= 0 ? eta * 1000 : s.defaultIntervalMs;
        cadence = clamp(base, s.minIntervalMs, s.maxIntervalMs);
        wait = cadence;
        break;
      }
      case 'placeholder':
        // Unknown, retry shortly: no state, no failure (it ends a run of errors); its own ETA is not real either.
        transientFailures = 0;
        consecutiveRateLimits = 0;
        consecutivePlaceholders += 1;
        wait = Math.min(s.placeholderDelayMs * 2 ** (consecutivePlaceholders - 1), cadence);
        break;
      case 'http-error': {
        const status = observation.status;
        if (status === 429) {
          // An answer, not a failure; without Retry-After, back off further with each 429 in a row.
          transientFailures = 0;
          consecutiveRateLimits += 1;
          const retryAfter = parseRetryAfter(exchange.headers['retry-after'], clock.now());
          wait = retryAfter ?? Math.max(cadence, fullJitter(consecutiveRateLimits, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs }, random));
          waitIsFloor = retryAfter !== undefined;
        } else if (isTransient(observation)) {
          transient = true;
          wait = 0;
        } else {
          throw new PollRejectedError(
            client.redact(`job ${jobId}: the status endpoint answered ${causeOf(observation)}; retrying cannot fix a ${status}`),
            close(),
            status,
            exchange,
          );
        }
        break;
      }
      case 'malformed':
        transient = true;
        wait = 0;
        break;
    }
    if (transient) {
      transientFailures += 1;
      const cause = causeOf(observation);
      if (transientFailures > s.maxRetries) {
        throw new TransientExhaustedError(
          client.redact(`job ${jobId}: gave up after ${transientFailures} transient failures in a row; last cause: ${cause}`),
          close(),
          cause,
          transientFailures,
          exchange,
        );
      }
      wait = fullJitter(transientFailures, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs }, random);
    }

    if (fallback) {
      const stuck = runningWithoutProgressSince !== undefined && clock.now() - runningWithoutProgressSince >= s.stuckAfterMs;
      if ((mediaLike && lastStatus !== 'pending') || stuck) {
        const answer = await client.query(
          fallback.collection,
          { query: fallback.query, top_k: fallback.topK ?? 10, rerank: true },
          signal ? { signal } : {},
        );
        send(answer.exchange);
        checkAbort();
        const match = answer.ok ? findMatch(answer.json, fallback.match) : undefined;
        if (match) return { ...close(), outcome: 'indexed-via-query', status: lastStatus, match, queryExchange: answer.exchange };
        const retryAfter =
          answer.exchange.status === 429 ? parseRetryAfter(answer.exchange.headers['retry-after'], clock.now()) : undefined;
        if (retryAfter !== undefined && retryAfter > wait) {
          wait = retryAfter;
          waitIsFloor = true;
        }
      }
    }

    const remaining = deadlineAt - clock.now();
    if (remaining <= 0 || (waitIsFloor && wait > remaining)) {
      const why = remaining <= 0 ? '' : ` (Retry-After asks for ${wait} ms, only ${remaining} ms left)`;
      throw new PollTimeoutError(
        client.redact(
          `job ${jobId} did not finish within the ${s.deadlineMs} ms deadline${why}: ${record.requests} requests, last answer: ${describeLast(record)}`,
        ),
        close(),
        s.deadlineMs,
      );
    }
    // The last poll lands on the deadline itself rather than being skipped.
    wait = Math.min(wait, remaining);
    record.waits.push(wait);
    await clock.sleep(wait, signal);
  }
}
