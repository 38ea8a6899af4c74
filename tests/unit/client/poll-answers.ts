// Arbitraries of what the poller may be told: status answers of every kind (snapshots, placeholders,
// 429s with and without Retry-After, 5xx, network errors, malformed bodies, 4xx), fallback query
// answers, and the settings it is tuned with. Answers come in bursts, so runs of one kind happen.
import fc from 'fast-check';
import { placeholderArbitrary } from '../../../generators/placeholder.js';
import { TERMINAL_STATUSES } from '../../../src/model/status.js';
import { exchangeOf, type Exchange } from '../../../src/oracle/exchange.js';
import type { PollJobOptions } from '../../../src/client/poll-settings.js';

export const JOB = 'job-1';
export const T0 = Date.parse('2026-03-01T10:00:00.000Z');
export const MEDIA_URI = 's3://media-bucket/videos/intro.mp4';

const iso = new Date(T0).toISOString();
const statusUrl = `/v2/jobs/${JOB}`;

const etaArbitrary = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 4_000 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.constant(-5),
);

function snapshotExchange(status: string, eta: number | null, withProgress: boolean, media: boolean): Exchange {
  const terminal = (TERMINAL_STATUSES as readonly string[]).includes(status);
  const body = {
    job_id: JOB,
    status,
    created_at: iso,
    updated_at: iso,
    started_at: status === 'pending' ? null : iso,
    completed_at: terminal ? iso : null,
    progress: withProgress ? { current_stage: 'embedding', files_total: 2, files_processed: 1, files_failed: 0, files_skipped: 0 } : null,
    estimated_time_remaining_seconds: eta,
    files: [{ uri: media ? MEDIA_URI : 's3://docs/report.pdf', status: terminal ? 'completed' : 'processing' }],
  };
  return exchangeOf(body, { url: statusUrl });
}

/** A real snapshot of a job still under way: pending or running, with or without progress and ETA. */
export const underWayArbitrary: fc.Arbitrary<Exchange> = fc
  .tuple(fc.constantFrom('pending', 'running'), etaArbitrary, fc.boolean(), fc.boolean())
  .map(([status, eta, progress, media]) => snapshotExchange(status, eta, progress, media));

/** A real snapshot in a terminal status, documented or vendor-final. */
export const terminalArbitrary: fc.Arbitrary<Exchange> = fc
  .tuple(fc.constantFrom(...TERMINAL_STATUSES), fc.boolean())
  .map(([status, media]) => snapshotExchange(status, 0, true, media));

export const placeholderExchangeArbitrary: fc.Arbitrary<Exchange> = placeholderArbitrary(JOB).map((body) =>
  exchangeOf(body, { url: statusUrl }),
);

/** A Retry-After header: delay-seconds or an HTTP date around T0 (mostly short, sometimes hours), or a value no reader accepts. */
export const retryAfterArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 60 }).map(String), weight: 3 },
  fc.integer({ min: 0, max: 4_000 }).map(String),
  { arbitrary: fc.integer({ min: -10_000, max: 120_000 }).map((offset) => new Date(T0 + offset).toUTCString()), weight: 2 },
  fc.integer({ min: 0, max: 4_000_000 }).map((offset) => new Date(T0 + offset).toUTCString()),
  fc.constantFrom('1.5', '-3', 'soon', ''),
);

export function rateLimitedExchange(retryAfter: string | undefined, url = statusUrl, method = 'GET'): Exchange {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
  };
  return exchangeOf({ detail: 'slow down' }, { status: 429, headers, url, method });
}

export const rateLimitArbitrary: fc.Arbitrary<Exchange> = fc
  .option(retryAfterArbitrary, { nil: undefined })
  .map((retryAfter) => rateLimitedExchange(retryAfter));

/** A failed answer a retry may fix: a 5xx, a 408, no answer at all, or a 2xx that is not a JSON object. */
export const transientArbitrary: fc.Arbitrary<Exchange> = fc.oneof(
  fc.integer({ min: 500, max: 599 }).map((status) => exchangeOf({ detail: 'upstream overloaded' }, { status, url: statusUrl })),
  fc.constant(exchangeOf({ detail: 'request timeout' }, { status: 408, url: statusUrl })),
  fc.constant({ ...exchangeOf('', { status: 0, url: statusUrl }), error: 'connection reset by the target' }),
  fc.constantFrom('{"job_id": "job-1", "status": "runn', '[]', 'null', '').map((body) => exchangeOf(body, { url: statusUrl })),
);

/** A 4xx no retry can fix. */
export const rejectedArbitrary: fc.Arbitrary<Exchange> = fc
  .constantFrom(400, 401, 403, 404, 409, 410, 422)
  .map((status) => exchangeOf({ detail: 'no' }, { status, url: statusUrl }));

/** Status answers, in bursts of one kind; the terminal and rejected kinds are rarer, so runs go on. */
export function statusAnswersArbitrary(kinds: { terminal?: boolean; rejected?: boolean } = {}): fc.Arbitrary<Exchange[]> {
  const one = fc.oneof(
    { arbitrary: underWayArbitrary, weight: 4 },
    { arbitrary: placeholderExchangeArbitrary, weight: 4 },
    { arbitrary: rateLimitArbitrary, weight: 3 },
    { arbitrary: transientArbitrary, weight: 4 },
    ...(kinds.terminal === false ? [] : [{ arbitrary: terminalArbitrary, weight: 1 }]),
    ...(kinds.rejected === false ? [] : [{ arbitrary: rejectedArbitrary, weight: 1 }]),
  );
  return fc
    .array(fc.tuple(one, fc.integer({ min: 1, max: 8 })), { minLength: 1, maxLength: 12 })
    .map((bursts) => bursts.flatMap(([answer, times]) => Array.from({ length: times }, () => answer)));
}

const queryUrl = '/v2/collections/videos/query';

/** Answers of the fallback query: the file found, other files, a 429, a 5xx. */
export const queryAnswerArbitrary: fc.Arbitrary<Exchange> = fc.oneof(
  fc.constant(exchangeOf({ search_results: [{ filename: 'intro.mp4', score: 0.9 }] }, { url: queryUrl, method: 'POST' })),
  {
    arbitrary: fc.constant(exchangeOf({ search_results: [{ filename: 'outro.mp4', score: 0.4 }] }, { url: queryUrl, method: 'POST' })),
    weight: 3,
  },
  {
    arbitrary: fc.option(retryAfterArbitrary, { nil: undefined }).map((retryAfter) => rateLimitedExchange(retryAfter, queryUrl, 'POST')),
    weight: 2,
  },
  fc.constant(exchangeOf({ detail: 'down' }, { status: 503, url: queryUrl, method: 'POST' })),
);

/** The caller's knobs, the media fallback included half the time. */
export const pollOptionsArbitrary: fc.Arbitrary<PollJobOptions> = fc
  .record({
    // Mostly long enough for a few dozen rounds; sometimes short, so the deadline ends runs too.
    deadlineMs: fc.oneof({ arbitrary: fc.integer({ min: 60_000, max: 3_600_000 }), weight: 3 }, fc.integer({ min: 1_000, max: 60_000 })),
    minIntervalMs: fc.integer({ min: 100, max: 5_000 }),
    maxIntervalMs: fc.integer({ min: 100, max: 60_000 }),
    defaultIntervalMs: fc.integer({ min: 100, max: 20_000 }),
    placeholderDelayMs: fc.integer({ min: 100, max: 5_000 }),
    maxRetries: fc.integer({ min: 0, max: 6 }),
    retryBaseMs: fc.integer({ min: 10, max: 5_000 }),
    retryMaxMs: fc.integer({ min: 10, max: 60_000 }),
    fallback: fc.option(
      fc.record({
        collection: fc.constant('videos'),
        query: fc.constant('welcome to the course'),
        match: fc.constant(MEDIA_URI),
        media: fc.boolean(),
        stuckAfterMs: fc.integer({ min: 0, max: 120_000 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ fallback, ...rest }) => (fallback ? { ...rest, fallback } : rest));
