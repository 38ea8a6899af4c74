/**
 * Captain job-status conformance suite — the parts a client author uses.
 *
 * - {@link CaptainClient}: a typed client over `fetch` that records every request and response as
 *   an {@link Exchange}, with the API key redacted, and never throws for what the server does.
 * - {@link waitForJob}: the reference poller for `GET /v2/jobs/{job_id}` (placeholders, Retry-After,
 *   back-off, ETA spacing, deadline, abort, and the media fallback through the query endpoint).
 * - {@link pollJob}: the same poller returning every end as a value (terminal, indexed via query, deadline,
 *   aborted, transient failures exhausted, rejected), always with the record gathered so far.
 * - {@link iterateFiles}: walks every page of a job's files and stops, with a finding, on a
 *   repeated cursor or file.
 *
 * @example
 * import { CaptainClient, waitForJob } from 'captain-job-status-conformance';
 * const client = new CaptainClient({ baseUrl: 'https://api.runcaptain.com', apiKey, organizationId });
 * const done = await waitForJob(client, jobId, {
 *   deadlineMs: 15 * 60_000,
 *   fallback: { collection: 'videos', query: 'welcome to the course', match: 's3://bucket/intro.mp4' },
 * });
 * console.log(done.outcome, done.requests);
 *
 * @packageDocumentation
 */
export { CaptainClient } from './client/captain-client.js';
export type { ApiResponse, CaptainClientOptions, QueryValue, RequestOptions } from './client/captain-client.js';
export type * from './client/api-types.js';
export { waitForJob } from './client/wait-for-job.js';
export { pollJob } from './client/poll-job.js';
export type { GiveUpCause, WaitEnd, PollGaveUp, PollJobResult, PollOutcome } from './client/poll-job.js';
export type { PollJobOptions } from './client/poll-settings.js';
export type { MediaFallbackOptions, WaitForJobOptions, WaitForJobResult, WaitOutcome } from './client/wait-for-job.js';
export type { PollRecord } from './client/poll-record.js';
export { PollAbortedError, PollError, PollRejectedError, PollTimeoutError, TransientExhaustedError } from './client/poll-errors.js';
export { FilesWalk, iterateFiles } from './client/iterate-files.js';
export type { FilesPageRecord, IterateFilesOptions, WalkStop } from './client/iterate-files.js';
export { baseName, findMatch, matchesFile } from './client/file-match.js';
export type { FileMatcher, FileReference } from './client/file-match.js';
export { isMediaSnapshot, isMediaUri } from './client/media.js';
export { systemClock, VirtualClock } from './client/clock.js';
export type { Clock } from './client/clock.js';
export { seededRandom } from './model/random.js';
export type { RandomSource } from './model/random.js';
export { fullJitter } from './client/backoff.js';
export type { BackoffPolicy } from './client/backoff.js';
export { parseRetryAfter } from './model/retry-after.js';
export { REDACTED, redactor } from './redaction/redact.js';
export type { Redactor } from './redaction/redact.js';
export type { Exchange, ExchangeRequest } from './oracle/exchange.js';
export type { Observation, ObservationKind, Timeline } from './oracle/observation.js';
export type { Finding } from './oracle/finding.js';
export type { FileStatus, JobProgress, JobSnapshot, Placeholder } from './model/job.js';
export type { JobStatus } from './model/status.js';
