import { test, expect } from '@playwright/test';
import nock from 'nock';
import { waitForJob, type WaitForJobOptions } from '../../../src/client/wait-for-job.js';
import { PollAbortedError, PollRejectedError, PollTimeoutError, TransientExhaustedError } from '../../../src/client/poll-errors.js';
import { seededRandom } from '../../../src/model/random.js';
import type { Clock } from '../../../src/client/clock.js';
import { httpError, ok, reset, serveQuery, serveQueryV3, serveStatus, type Answer } from './answers.js';
import { half, harness, interceptWithNock, KEY, T0 } from './harness.js';
import { completed, mediaLagging, pending, running } from './sample-jobs.js';
import { placeholderBody } from '../../../generators/placeholder.js';

interceptWithNock();

const J = 'job-1';

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the poller to give up, it resolved');
}

test.describe('placeholders are "unknown, retry shortly"', () => {
  test('a 90% placeholder storm is waited through with short, doubling waits capped at the regular spacing', async () => {
    const { client, clock } = harness();
    const ph = ok(placeholderBody(J));
    const scope = serveStatus(J, [ph, ph, ph, ph, ok(running(J)), ph, ph, ph, ph, ph, ok(completed(J))]);
    const result = await waitForJob(client, J, { clock });
    expect(result.outcome).toBe('terminal');
    expect(result.outcome === 'terminal' && result.status).toBe('completed');
    expect(result.requests).toBe(11);
    // No ETA known yet: 2 s doubling, capped at the 5 s default; then the snapshot's ETA (3 s) is the cap.
    expect(result.waits).toEqual([2000, 4000, 5000, 5000, 3000, 2000, 3000, 3000, 3000, 3000]);
    expect(result.timeline.map((o) => o.kind)).toEqual([
      ...Array(4).fill('placeholder'),
      'snapshot',
      ...Array(5).fill('placeholder'),
      'snapshot',
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test('a seeded storm of 200 polls (90% placeholders) never counts a placeholder as failure or progress', async () => {
    const { client, clock } = harness();
    const random = seededRandom(42);
    const answers: Answer[] = Array.from({ length: 199 }, () => (random() < 0.9 ? ok(placeholderBody(J)) : ok(running(J))));
    answers.push(ok(completed(J)));
    serveStatus(J, answers);
    const placeholders = answers.filter((a) => 'body' in a && (a.body as { created_at?: string }).created_at === undefined).length;
    const result = await waitForJob(client, J, { clock, maxRetries: 2 });
    expect(placeholders).toBeGreaterThan(170);
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(200);
    expect(result.timeline.filter((o) => o.kind === 'placeholder')).toHaveLength(placeholders);
    expect(result.waits).toHaveLength(199);
    for (const wait of result.waits) expect([2000, 3000, 4000, 5000]).toContain(wait);
    // After each real snapshot but the last, the poller's own cadence: read, so that some snapshot is there to read.
    const afterSnapshots = result.timeline.flatMap((o, i) => (o.kind === 'snapshot' && i < 199 ? [result.waits[i]] : []));
    expect(afterSnapshots.length, 'running snapshots among the placeholders').toBeGreaterThan(0);
    expect(new Set(afterSnapshots)).toEqual(new Set([3000]));
  });

  test('the last real snapshot is kept: a placeholder never replaces it', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(running(J)), ok(placeholderBody(J)), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, onObservation: () => undefined });
    expect(result.requests).toBe(3);
    expect(result.waits).toEqual([3000, 2000]);
    expect(result.lastSnapshot?.status).toBe('completed');
  });
});

test.describe('429 honours Retry-After', () => {
  test('in seconds: the next request waits exactly that long', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(429, { detail: 'slow down' }, { 'Retry-After': '7' }), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(2);
    expect(result.waits).toEqual([7000]);
    const [first, second] = result.exchanges;
    expect(Date.parse(second!.receivedAt) - Date.parse(first!.receivedAt)).toBeGreaterThanOrEqual(7000);
  });

  test('as an HTTP-date: waits until that instant', async () => {
    const { client, clock } = harness();
    const until = new Date(T0 + 12_000).toUTCString();
    serveStatus(J, [httpError(429, '', { 'Retry-After': until }), ok(running(J)), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock });
    expect(result.requests).toBe(3);
    expect(result.waits).toEqual([12_000, 3000]);
  });

  test('a Retry-After beyond the deadline ends the wait at once with a clear timeout', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(429, '', { 'Retry-After': '3600' })]);
    const error = await rejectionOf(waitForJob(client, J, { clock, deadlineMs: 60_000 }));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error.message).toContain('Retry-After asks for 3600000 ms, only 60000 ms left');
    expect((error as PollTimeoutError).record.requests).toBe(1);
    expect((error as PollTimeoutError).record.waits).toEqual([]);
  });

  test('without Retry-After a 429 waits at least the regular spacing', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(429), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.requests).toBe(2);
    expect(result.waits).toEqual([5000]);
  });

  test('429s in a row without Retry-After back off further each time (jittered), instead of hammering', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(429), httpError(429), httpError(429), httpError(429), httpError(429), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half, defaultIntervalMs: 1000, minIntervalMs: 1000 });
    expect(result.requests).toBe(6);
    // Half of the full-jitter ceiling 1 s, 2 s, 4 s, 8 s, 16 s, never below the 1 s spacing.
    expect(result.waits).toEqual([1000, 1000, 2000, 4000, 8000]);
  });

  test('a placeholder between server errors ends the run of failures: the retry budget counts errors in a row', async () => {
    const { client, clock } = harness();
    const answers = Array.from({ length: 8 }, () => [httpError(503), ok(placeholderBody(J))]).flat();
    serveStatus(J, [...answers, ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half, maxRetries: 2 });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(17);
  });
});

test.describe('5xx and network errors: bounded retries with full-jitter back-off', () => {
  test('a 5xx burst is retried with exponential ceilings (random fixed at one half)', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(503), httpError(502), httpError(500), ok(running(J)), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(5);
    expect(result.waits).toEqual([500, 1000, 2000, 3000]);
  });

  test('a burst longer than the budget ends with an error naming the last cause', async () => {
    const { client, clock } = harness();
    serveStatus(
      J,
      Array.from({ length: 6 }, () => httpError(503, { detail: 'upstream overloaded' })),
    );
    const error = await rejectionOf(waitForJob(client, J, { clock, random: half, maxRetries: 5 }));
    expect(error).toBeInstanceOf(TransientExhaustedError);
    const exhausted = error as TransientExhaustedError;
    expect(exhausted.message).toContain('gave up after 6 transient failures in a row; last cause: HTTP 503');
    expect(exhausted.lastCause).toContain('upstream overloaded');
    expect(exhausted.record.requests).toBe(6);
    expect(exhausted.record.waits).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(exhausted.timeline).toHaveLength(6);
  });

  test('jitter is seeded: the same seed gives the same waits, each within its ceiling', async () => {
    const runs: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const { client, clock } = harness();
      serveStatus(J, [httpError(500), httpError(500), httpError(500), ok(completed(J))]);
      runs.push((await waitForJob(client, J, { clock, seed: 7 })).waits);
    }
    expect(runs[0]).toEqual(runs[1]);
    runs[0]!.forEach((wait, i) => expect(wait).toBeLessThanOrEqual(1000 * 2 ** i));
  });

  test('connection resets are retried like 5xx and recorded as status 0', async () => {
    const { client, clock } = harness();
    serveStatus(J, [reset(), reset(), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.requests).toBe(3);
    expect(result.waits).toEqual([500, 1000]);
    expect(result.exchanges[0]).toMatchObject({ status: 0, error: 'connection reset by the target (ECONNRESET: socket hang up)' });
    expect(result.timeline.map((o) => o.kind)).toEqual(['http-error', 'http-error', 'snapshot']);
  });

  test('endless resets end with an error that names the network cause', async () => {
    const { client, clock } = harness();
    serveStatus(J, Array.from({ length: 3 }, reset));
    const error = await rejectionOf(waitForJob(client, J, { clock, random: half, maxRetries: 2 }));
    expect(error).toBeInstanceOf(TransientExhaustedError);
    expect((error as TransientExhaustedError).lastCause).toBe('network: connection reset by the target (ECONNRESET: socket hang up)');
    expect((error as TransientExhaustedError).record.requests).toBe(3);
    expect((error as TransientExhaustedError).record.waits).toEqual([500, 1000]);
  });

  test('a response slower than the per-request timeout counts as a transient failure', async () => {
    // The one real timer of the suite: a 400 ms client timeout against a 5 s delayed answer. The second,
    // prompt answer must beat the same timeout: at 40 ms it did not on a machine loaded 20 deep.
    const { client, clock } = harness({ timeoutMs: 400 });
    serveStatus(J, [{ status: 200, body: completed(J), delayMs: 5000 }, ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(2);
    expect(result.waits).toEqual([500]);
    expect(result.exchanges[0]).toMatchObject({ status: 0, error: 'timeout after 400 ms' });
  });

  test('malformed JSON on a 200 is retried, never read as a status', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok('{"job_id": "job-1", "status": "runn'), ok('[]'), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.requests).toBe(3);
    expect(result.waits).toEqual([500, 1000]);
    expect(result.timeline.map((o) => o.kind)).toEqual(['malformed', 'malformed', 'snapshot']);
  });

  test('a body cut at the client cap is malformed, and retried', async () => {
    const { client, clock } = harness({ maxBodyBytes: 2048 });
    serveStatus(J, [ok({ ...running(J), progress_message: 'x'.repeat(10_000) }), ok(completed(J, { files: [] }))]);
    const result = await waitForJob(client, J, { clock, random: half });
    expect(result.exchanges[0]).toMatchObject({ truncated: true });
    expect(result.exchanges[0]!.body).toHaveLength(2048);
    expect(result.requests).toBe(2);
    expect(result.waits).toEqual([500]);
  });

  test('a 404 is not retried: the error says so and carries the record', async () => {
    const { client, clock } = harness();
    serveStatus(J, [httpError(404, { detail: 'Job not found' })]);
    const error = await rejectionOf(waitForJob(client, J, { clock }));
    expect(error).toBeInstanceOf(PollRejectedError);
    expect((error as PollRejectedError).status).toBe(404);
    expect(error.message).toContain('HTTP 404');
    expect((error as PollRejectedError).record.requests).toBe(1);
  });
});

test.describe('spacing, deadline and cancellation', () => {
  test('waits follow estimated_time_remaining_seconds, clamped to the configured bounds', async () => {
    const { client, clock } = harness();
    serveStatus(J, [
      ok(pending(J, { estimated_time_remaining_seconds: 600 })),
      ok(running(J, { estimated_time_remaining_seconds: 12 })),
      ok(running(J, { estimated_time_remaining_seconds: 0 })),
      ok(running(J, { estimated_time_remaining_seconds: null })),
      ok(completed(J)),
    ]);
    const result = await waitForJob(client, J, { clock, minIntervalMs: 1000, maxIntervalMs: 20_000, defaultIntervalMs: 4000 });
    expect(result.requests).toBe(5);
    expect(result.waits).toEqual([20_000, 12_000, 1000, 4000]);
  });

  test('a job that never ends hits the deadline with an error naming its last state', async () => {
    const { client, clock } = harness();
    serveStatus(
      J,
      Array.from({ length: 4 }, () => ok(running(J, { estimated_time_remaining_seconds: 20 }))),
    );
    const error = await rejectionOf(waitForJob(client, J, { clock, deadlineMs: 60_000 }));
    expect(error).toBeInstanceOf(PollTimeoutError);
    const timeout = error as PollTimeoutError;
    expect(timeout.message).toBe(
      'job job-1 did not finish within the 60000 ms deadline: 4 requests, last answer: status running, stage embedding, 1/2 files',
    );
    // The last poll lands on the deadline itself.
    expect(timeout.record.waits).toEqual([20_000, 20_000, 20_000]);
    expect(timeout.record.requests).toBe(4);
    expect(timeout.record.finishedAtMs - timeout.record.startedAtMs).toBe(60_000);
  });

  test('the final wait is shortened so the last poll happens at the deadline', async () => {
    const { client, clock } = harness();
    serveStatus(J, [
      ok(running(J, { estimated_time_remaining_seconds: 25 })),
      ok(running(J, { estimated_time_remaining_seconds: 25 })),
      ok(completed(J)),
    ]);
    const result = await waitForJob(client, J, { clock, deadlineMs: 40_000 });
    expect(result.outcome).toBe('terminal');
    expect(result.waits).toEqual([25_000, 15_000]);
  });

  test('aborting through the signal stops after the observation in hand', async () => {
    const { client, clock } = harness();
    const controller = new AbortController();
    serveStatus(
      J,
      Array.from({ length: 5 }, () => ok(running(J))),
    );
    let seen = 0;
    const error = await rejectionOf(
      waitForJob(client, J, {
        clock,
        signal: controller.signal,
        onObservation: () => {
          seen += 1;
          if (seen === 3) controller.abort(new Error('user pressed ctrl-c'));
        },
      }),
    );
    expect(error).toBeInstanceOf(PollAbortedError);
    expect(error.message).toBe('waiting for job job-1 aborted after 3 requests: user pressed ctrl-c');
    expect((error as PollAbortedError).record.requests).toBe(3);
    expect((error as PollAbortedError).record.waits).toEqual([3000, 3000]);
  });

  test('an abort during a wait stops before the next request', async () => {
    const { client, clock } = harness();
    const controller = new AbortController();
    const sleepy: Clock = {
      now: () => clock.now(),
      sleep: async (ms) => {
        await clock.sleep(ms);
        controller.abort();
      },
    };
    serveStatus(J, [ok(running(J)), ok(running(J))]);
    const error = await rejectionOf(waitForJob(client, J, { clock: sleepy, signal: controller.signal }));
    expect(error).toBeInstanceOf(PollAbortedError);
    expect((error as PollAbortedError).record.requests).toBe(1);
    expect((error as PollAbortedError).record.waits).toEqual([3000]);
  });

  test('an already-aborted signal makes no request at all', async () => {
    const { client, clock } = harness();
    const error = await rejectionOf(waitForJob(client, J, { clock, signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(PollAbortedError);
    expect((error as PollAbortedError).record.requests).toBe(0);
  });
});

test.describe('media fallback through the v2 query endpoint, pinned', () => {
  const fallback: WaitForJobOptions['fallback'] = {
    collection: 'videos',
    query: 'welcome to the course',
    match: 's3://media-bucket/videos/intro.mp4',
    version: 'v2',
  };

  test('a media job stuck at running resolves indexed-via-query once a result names the file', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(mediaLagging(J))]);
    serveQuery('videos', [
      ok({ success: true, search_results: [{ filename: 'outro.mp4', score: 0.4 }] }),
      ok({ success: true, search_results: [{ filename: 'intro.mp4', score: 0.9, document_id: 'doc-9' }] }),
    ]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('indexed-via-query');
    if (result.outcome !== 'indexed-via-query') return;
    expect(result.status).toBe('running');
    expect(result.match).toMatchObject({ filename: 'intro.mp4', document_id: 'doc-9' });
    expect(result.requests).toBe(4);
    expect(result.exchanges.map((e) => `${e.request.method} ${e.request.url}`)).toEqual([
      'GET /v2/jobs/job-1',
      'POST /v2/collections/videos/query',
      'GET /v2/jobs/job-1',
      'POST /v2/collections/videos/query',
    ]);
    // rerank: true, which multimodal collections require (the multimodal guide) and the v2 reference accepts.
    expect(JSON.parse(result.queryExchange.request.body!)).toEqual({ query: 'welcome to the course', top_k: 10, rerank: true });
    expect(result.waits).toEqual([5000]);
  });

  test('a non-media job running with progress null past the threshold engages the fallback, matched by document_id', async () => {
    const { client, clock } = harness();
    const stalled = running(J, {
      progress: null,
      estimated_time_remaining_seconds: null,
      files: [{ uri: 's3://b/report.pdf', status: 'processing' }],
    });
    serveStatus(J, [ok(stalled), ok(stalled), ok(stalled)]);
    serveQuery('docs', [ok({ search_results: [{ document_id: 'doc-42', filename: 'renamed.pdf' }] })]);
    const result = await waitForJob(client, J, {
      clock,
      fallback: { collection: 'docs', query: 'quarterly revenue', match: { documentId: 'doc-42' }, stuckAfterMs: 10_000, version: 'v2' },
    });
    expect(result.outcome).toBe('indexed-via-query');
    expect(result.requests).toBe(4);
    expect(result.waits).toEqual([5000, 5000]);
  });

  test('the fallback never queries while the job is pending, and a terminal status still wins', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(pending(J, { estimated_time_remaining_seconds: 2 })), ok(completed(J))]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(2);
    expect(result.waits).toEqual([2000]);
  });

  test('a 429 from the query endpoint pushes the next round past its Retry-After', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(completed(J))]);
    serveQuery('videos', [httpError(429, '', { 'Retry-After': '9' })]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(3);
    expect(result.waits).toEqual([9000]);
  });
});

test.describe('media fallback: v3 first, v2 only where v3 is not served', () => {
  const fallback: WaitForJobOptions['fallback'] = {
    collection: 'videos',
    query: 'welcome to the course',
    match: 's3://media-bucket/videos/intro.mp4',
  };
  const v3Hit = (filename: string, uri: string) => ({
    chunk_id: `doc-9:0`,
    text: 'welcome to the course',
    score: 0.9,
    document: { id: 'doc-9', filename, source: { type: 's3', uri } },
  });

  test('by default the v3 query is asked, with limit, rerank and the parent document, and a result whose document.source.uri is the file concludes it', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(mediaLagging(J))]);
    serveQueryV3('videos', [
      ok({ results: [v3Hit('outro.mp4', 's3://media-bucket/videos/outro.mp4')] }),
      ok({ results: [v3Hit('renamed.mp4', 's3://media-bucket/videos/intro.mp4')] }),
    ]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('indexed-via-query');
    if (result.outcome !== 'indexed-via-query') return;
    expect(result.via).toBe('v3');
    expect(result.match).toMatchObject({ document: { id: 'doc-9' } });
    expect(result.exchanges.map((e) => `${e.request.method} ${e.request.url}`)).toEqual([
      'GET /v2/jobs/job-1',
      'POST /v3/collections/videos/query',
      'GET /v2/jobs/job-1',
      'POST /v3/collections/videos/query',
    ]);
    expect(JSON.parse(result.queryExchange.request.body!)).toEqual({
      query: 'welcome to the course',
      limit: 10,
      rerank: true,
      include: { document: true },
    });
  });

  test('a v3 route that is not served (a plain 404) is followed at once by v2, which is asked from then on; the result says v2', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(mediaLagging(J))]);
    serveQueryV3('videos', [httpError(404, { detail: 'Not Found' })]);
    serveQuery('videos', [ok({ search_results: [] }), ok({ search_results: [{ filename: 'intro.mp4' }] })]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome === 'indexed-via-query' && result.via).toBe('v2');
    expect(result.exchanges.map((e) => `${e.request.method} ${e.request.url}`)).toEqual([
      'GET /v2/jobs/job-1',
      'POST /v3/collections/videos/query',
      'POST /v2/collections/videos/query',
      'GET /v2/jobs/job-1',
      'POST /v2/collections/videos/query',
    ]);
  });

  test('a 404 naming a missing collection is an answer of a served v3, not a reason to ask v2; a v3 result without document names no file', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(mediaLagging(J)), ok(completed(J))]);
    serveQueryV3('videos', [
      httpError(404, { detail: "Collection 'videos' not found" }),
      ok({ results: [{ chunk_id: 'doc-9:0', text: 'welcome to the course', score: 1 }] }),
    ]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('terminal');
    expect(result.exchanges.filter((e) => e.request.url.startsWith('/v2/collections'))).toEqual([]);
  });

  test('v3 answers that match no schema (not JSON, results not a list, a result without document) are waited through, never thrown on', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(mediaLagging(J)), ok(mediaLagging(J)), ok(completed(J))]);
    serveQueryV3('videos', [
      { status: 200, body: '<html>not json</html>', headers: { 'content-type': 'text/html' } },
      ok({ results: 'intro.mp4' }),
      ok({ results: [{ chunk_id: 'doc-9:0', text: 'welcome to the course' }] }),
    ]);
    const result = await waitForJob(client, J, { clock, fallback });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(7);
  });

  test('pinned to v3, a v3 that is not served is never followed by v2', async () => {
    const { client, clock } = harness();
    serveStatus(J, [ok(mediaLagging(J)), ok(completed(J))]);
    serveQueryV3('videos', [httpError(405, { detail: 'Method Not Allowed' })]);
    const result = await waitForJob(client, J, { clock, fallback: { ...fallback!, version: 'v3' } });
    expect(result.outcome).toBe('terminal');
    expect(result.requests).toBe(3);
  });
});

test('the API key appears in no exchange, error message or record, even when the server echoes it', async () => {
  const { client, clock, recorded } = harness();
  serveStatus(J, [
    httpError(500, { detail: `invalid token ${KEY}` }, { 'x-debug': `Bearer ${KEY}` }),
    reset(),
    httpError(401, `Authorization: Bearer ${KEY} rejected`),
  ]);
  const error = await rejectionOf(waitForJob(client, J, { clock, random: half }));
  expect(error).toBeInstanceOf(PollRejectedError);
  const everything = JSON.stringify({ message: error.message, record: (error as PollRejectedError).record, recorded });
  expect(everything).not.toContain(KEY);
  expect(everything).not.toContain(KEY.slice(8));
  expect(recorded).toHaveLength(3);
  for (const exchange of recorded) expect(exchange.request.headers.authorization).toBe('Bearer [redacted]');
  expect(error.message).toContain('Bearer [redacted]');
});
