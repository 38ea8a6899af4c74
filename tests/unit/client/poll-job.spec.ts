import { test, expect } from '@playwright/test';
import nock from 'nock';
import { pollJob } from '../../../src/client/poll-job.js';
import { budgetedFetch, RequestBudgetExhausted } from '../../../src/client/request-budget.js';
import { waitForJob } from '../../../src/client/wait-for-job.js';
import { PollRejectedError } from '../../../src/client/poll-errors.js';
import { httpError, ok, reset, serveQuery, serveStatus } from './answers.js';
import { half, harness, interceptWithNock, KEY } from './harness.js';
import { completed, mediaLagging, running } from './sample-jobs.js';

interceptWithNock();

const J = 'job-1';

test.describe('pollJob returns every end as a value, with the record gathered so far', () => {
  test('a terminal status: the same result waitForJob resolves with', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(running(J)), ok(completed(J))]);
    const result = await pollJob(client, J, { clock });
    expect(result).toMatchObject({ outcome: 'terminal', status: 'completed', requests: 2, waits: [3000] });
    expect(result.timeline.map((o) => o.kind)).toEqual(['snapshot', 'snapshot']);
  });

  test('a media job found through the query endpoint: indexed-via-query, with the matching result', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J))]);
    serveQuery('videos', [ok({ search_results: [{ filename: 'intro.mp4', document_id: 'doc-9' }] })]);
    const result = await pollJob(client, J, {
      clock,
      fallback: { collection: 'videos', query: 'welcome', match: 's3://media-bucket/videos/intro.mp4', version: 'v2' },
    });
    expect(result.outcome).toBe('indexed-via-query');
    if (result.outcome !== 'indexed-via-query') return;
    expect(result.match).toMatchObject({ document_id: 'doc-9' });
    expect(result.via).toBe('v2');
    expect(result.status).toBe('running');
    expect(result.requests).toBe(2);
  });

  test('a job that never ends: deadline, with the message waitForJob would throw and the whole timeline', async () => {
    const { client, clock } = harness();
    serveStatus(
      J,
      Array.from({ length: 4 }, () => ok(running(J, { estimated_time_remaining_seconds: 20 }))),
    );
    const result = await pollJob(client, J, { clock, deadlineMs: 60_000 });
    expect(result.outcome).toBe('deadline');
    if (result.outcome !== 'deadline') return;
    expect(result.deadlineMs).toBe(60_000);
    expect(result.message).toBe(
      'job job-1 did not finish within the 60000 ms deadline: 4 requests, last answer: status running, stage embedding, 1/2 files',
    );
    expect(result.timeline).toHaveLength(4);
    expect(result.waits).toEqual([20_000, 20_000, 20_000]);
  });

  test('a Retry-After past the deadline: deadline at once, naming the wait asked for and the time left', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(429, '', { 'Retry-After': '3600' })]);
    const result = await pollJob(client, J, { clock, deadlineMs: 60_000 });
    expect(result).toMatchObject({ outcome: 'deadline', retryAfterPastDeadline: { waitMs: 3_600_000, remainingMs: 60_000 } });
    expect(result.waits).toEqual([]);
  });

  test('a 4xx no retry can fix: rejected, with its status and exchange', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(running(J)), httpError(404, { detail: 'Job not found' })]);
    const result = await pollJob(client, J, { clock });
    expect(result.outcome).toBe('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.status).toBe(404);
    expect(result.exchange.status).toBe(404);
    expect(result.message).toContain('HTTP 404');
    expect(result.lastSnapshot?.status).toBe('running');
    expect(result.timeline.map((o) => o.kind)).toEqual(['snapshot', 'http-error']);
  });

  test('transient failures past the retry budget: transient-exhausted, naming the last cause', async () => {
    const { client, clock } = harness();
    serveStatus(J, Array.from({ length: 3 }, reset));
    const result = await pollJob(client, J, { clock, random: half, maxRetries: 2 });
    expect(result.outcome).toBe('transient-exhausted');
    if (result.outcome !== 'transient-exhausted') return;
    expect(result.attempts).toBe(3);
    expect(result.lastCause).toBe('network: connection reset by the target (ECONNRESET: socket hang up)');
    expect(result.lastExchange.status).toBe(0);
    expect(result.waits).toEqual([500, 1000]);
  });

  test('the caller aborts: aborted, with the signal reason and the requests made', async () => {
    const { client, clock } = harness();
    const controller = new AbortController();
    serveStatus(J, [ok(running(J)), ok(running(J))]);
    const reason = new Error('user pressed ctrl-c');
    const result = await pollJob(client, J, {
      clock,
      signal: controller.signal,
      onObservation: (o) => (o.index === 1 ? controller.abort(reason) : undefined),
    });
    expect(result).toMatchObject({
      outcome: 'aborted',
      reason,
      requests: 2,
      message: 'waiting for job job-1 aborted after 2 requests: user pressed ctrl-c',
    });
  });
});

test('the API key appears in no message of an end given up, even when the server echoes it', async () => {
  const { client, clock } = harness();
  serveStatus(J, [httpError(401, `Authorization: Bearer ${KEY} rejected`)]);
  const result = await pollJob(client, J, { clock });
  expect(result.outcome).toBe('rejected');
  expect(JSON.stringify(result)).not.toContain(KEY);
});

test('waitForJob throws for exactly the ends pollJob gives up, with the same message and record', async () => {
  const answers = [ok(running(J)), httpError(403, { detail: 'forbidden' })];
  const first = harness();
  serveStatus(J, answers);
  const value = await pollJob(first.client, J, { clock: first.clock });
  const second = harness();
  serveStatus(J, answers);
  const error = await waitForJob(second.client, J, { clock: second.clock }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PollRejectedError);
  const rejected = error as PollRejectedError;
  expect(value.outcome === 'rejected' && value.message).toBe(rejected.message);
  expect(rejected.record.timeline.map((o) => o.kind)).toEqual(value.timeline.map((o) => o.kind));
  expect(rejected.record.waits).toEqual(value.waits);
  expect(Object.keys(rejected.record).sort()).toEqual([
    'exchanges',
    'finishedAtMs',
    'jobId',
    'lastSnapshot',
    'requests',
    'startedAtMs',
    'timeline',
    'waits',
  ]);
});

test('a spent request budget is the suite’s own limit, not an end of the job: pollJob lets it through', async () => {
  const budget = budgetedFetch({ maxRequests: 2, perSecond: Number.POSITIVE_INFINITY });
  const { client, clock } = harness({ fetch: budget.fetch });
  serveStatus(J, [ok(running(J)), ok(running(J)), ok(completed(J))]);
  await expect(pollJob(client, J, { clock })).rejects.toBeInstanceOf(RequestBudgetExhausted);
  expect(budget.sent()).toBe(2);
});
