// Why the poller gave up, in one line a person reads: the last cause, the last state seen, the
// numbers that decided it. Built from already-redacted exchanges; pollJob redacts the line again.
import { clip } from '../contract/clip.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Observation, Timeline } from '../oracle/observation.js';

/** Why a wait was given up (defined beside its explanation, which pollStep uses: one way, no cycle). */
export type GiveUpCause =
  | {
      outcome: 'deadline';
      deadlineMs: number;
      /** Set when a Retry-After asked for longer than the time left. */
      retryAfterPastDeadline?: { waitMs: number; remainingMs: number };
    }
  | { outcome: 'aborted'; reason: unknown }
  | {
      outcome: 'transient-exhausted';
      attempts: number;
      /** How the last attempt failed, e.g. `HTTP 503: upstream down` or `network: ECONNRESET`. */
      lastCause: string;
      lastExchange: Exchange;
    }
  /** A 4xx that no retry can fix (401, 403, 404, 422...). */
  | { outcome: 'rejected'; status: number; exchange: Exchange };

/** What went wrong with an answer that did not arrive, or arrived as an HTTP error. */
export function exchangeCause(exchange: Exchange): string {
  if (exchange.status === 0) return `network: ${exchange.error ?? 'no response'}`;
  return `HTTP ${exchange.status}${exchange.body ? `: ${clip(exchange.body, 200, 'length', 'one-line')}` : ''}`;
}

/** One line naming what went wrong with an answer. */
export function causeOf(observation: Observation): string {
  if (observation.kind === 'malformed') return `malformed body (HTTP ${observation.exchange.status}): ${observation.reason}`;
  return exchangeCause(observation.exchange);
}

/** The last answer of a timeline, as a person would sum it up. */
export function describeLast(timeline: Timeline): string {
  const last = timeline.at(-1);
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

/** The message of a wait given up on job `jobId` after `requests` requests. */
export function explainGiveUp(jobId: string, cause: GiveUpCause, requests: number, timeline: Timeline): string {
  switch (cause.outcome) {
    case 'aborted': {
      const reason = cause.reason;
      const why = reason instanceof Error ? reason.message : String(reason ?? 'aborted');
      return `waiting for job ${jobId} aborted after ${requests} requests: ${why}`;
    }
    case 'rejected':
      return `job ${jobId}: the status endpoint answered ${exchangeCause(cause.exchange)}; retrying cannot fix a ${cause.status}`;
    case 'transient-exhausted':
      return `job ${jobId}: gave up after ${cause.attempts} transient failures in a row; last cause: ${cause.lastCause}`;
    case 'deadline': {
      const past = cause.retryAfterPastDeadline;
      const why = past ? ` (Retry-After asks for ${past.waitMs} ms, only ${past.remainingMs} ms left)` : '';
      return `job ${jobId} did not finish within the ${cause.deadlineMs} ms deadline${why}: ${requests} requests, last answer: ${describeLast(timeline)}`;
    }
  }
}
