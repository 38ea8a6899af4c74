// The ways waitForJob gives up: pollJob's ends other than the job's own, thrown. Each error carries
// the whole record (timeline, exchanges, waits), so a failure explains itself.
import type { Exchange } from '../oracle/exchange.js';
import type { Timeline } from '../oracle/observation.js';
import type { PollGaveUp } from './poll-job.js';
import type { PollRecord } from './poll-record.js';

export abstract class PollError extends Error {
  readonly jobId: string;
  readonly record: PollRecord;

  constructor(message: string, record: PollRecord) {
    super(message);
    this.name = new.target.name;
    this.jobId = record.jobId;
    this.record = record;
  }

  get timeline(): Timeline {
    return this.record.timeline;
  }
}

/** The overall deadline passed (or a Retry-After reached past it) before the job ended. */
export class PollTimeoutError extends PollError {
  constructor(
    message: string,
    record: PollRecord,
    readonly deadlineMs: number,
  ) {
    super(message, record);
  }
}

/** The caller's AbortSignal fired. */
export class PollAbortedError extends PollError {
  constructor(
    message: string,
    record: PollRecord,
    readonly reason: unknown,
  ) {
    super(message, record);
  }
}

/** 5xx answers, network errors or malformed bodies kept coming past the retry budget. */
export class TransientExhaustedError extends PollError {
  constructor(
    message: string,
    record: PollRecord,
    /** How the last attempt failed, e.g. `HTTP 503: upstream down` or `network: ECONNRESET`. */
    readonly lastCause: string,
    readonly attempts: number,
    readonly lastExchange: Exchange,
  ) {
    super(message, record);
  }
}

/** A 4xx that no retry can fix (401, 403, 404, 422...). */
export class PollRejectedError extends PollError {
  constructor(
    message: string,
    record: PollRecord,
    readonly status: number,
    readonly exchange: Exchange,
  ) {
    super(message, record);
  }
}

/** The record a result carries, without its outcome. */
function recordOf(result: PollGaveUp): PollRecord {
  const { jobId, timeline, exchanges, waits, requests, startedAtMs, finishedAtMs, lastSnapshot } = result;
  return { jobId, timeline, exchanges, waits, requests, startedAtMs, finishedAtMs, ...(lastSnapshot ? { lastSnapshot } : {}) };
}

/** The error waitForJob throws for a wait pollJob gave up. */
export function pollErrorOf(result: PollGaveUp): PollError {
  const record = recordOf(result);
  switch (result.outcome) {
    case 'deadline':
      return new PollTimeoutError(result.message, record, result.deadlineMs);
    case 'aborted':
      return new PollAbortedError(result.message, record, result.reason);
    case 'transient-exhausted':
      return new TransientExhaustedError(result.message, record, result.lastCause, result.attempts, result.lastExchange);
    case 'rejected':
      return new PollRejectedError(result.message, record, result.status, result.exchange);
  }
}
