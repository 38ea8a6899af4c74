// The reference poller for GET /v2/jobs/{job_id}, for client authors who want an answer or an error:
// a thin wrapper over pollJob that returns the job's end and throws a PollError for any other.
// A placeholder is "unknown, retry shortly" (never progress, never failure); 429 waits for
// Retry-After; 5xx and network errors get bounded retries with full-jitter back-off; spacing
// follows the server's ETA within bounds; media jobs are proven indexed through the query endpoint.
import type { CaptainClient } from './captain-client.js';
import { pollErrorOf } from './poll-errors.js';
import { pollJob, type PollJobResult } from './poll-job.js';
import type { PollJobOptions } from './poll-settings.js';

export type { MediaFallbackOptions } from './poll-settings.js';

export type WaitForJobOptions = PollJobOptions;

/** The job reached a terminal status, or (with a fallback) the query endpoint already returns the file. */
export type WaitForJobResult = Extract<PollJobResult, { outcome: 'terminal' | 'indexed-via-query' }>;

export type WaitOutcome = WaitForJobResult['outcome'];

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
 * {@link pollJob} does the same and returns those ends as values instead of throwing them.
 *
 * @example
 * const client = new CaptainClient({ baseUrl, apiKey, organizationId });
 * const done = await waitForJob(client, jobId, { deadlineMs: 10 * 60_000 });
 * if (done.outcome === 'terminal' && done.status === 'failed') console.error(done.snapshot.error_message);
 */
export async function waitForJob(client: CaptainClient, jobId: string, options: WaitForJobOptions = {}): Promise<WaitForJobResult> {
  const result = await pollJob(client, jobId, options);
  if (result.outcome === 'terminal' || result.outcome === 'indexed-via-query') return result;
  throw pollErrorOf(result);
}
