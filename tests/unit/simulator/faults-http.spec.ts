// One test per fault: the simulator produces it on demand, and the oracle classifies what a
// poller sees correctly (placeholder as placeholder, 429 as an error with Retry-After, a lagging
// media job as a real snapshot) and finds nothing wrong with the lifecycle around it.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import type { JobSnapshot } from '../../../src/model/job.js';
import { checkPlaceholderShape } from '../../../src/oracle/response-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { advance, call, get, indexText, jsonOf, post, startManual, type Sim } from './harness.js';

let sim: Sim;
test.beforeEach(async () => {
  sim = await startManual();
});
test.afterEach(async () => {
  await sim.close();
});

/** Polls a job `count` times, `stepSeconds` apart, and returns the classified timeline. */
async function pollTimeline(jobId: string, count: number, stepSeconds: number): Promise<Observation[]> {
  const timeline: Observation[] = [];
  for (let i = 0; i < count; i++) {
    timeline.push(classify(await get(sim, `/v2/jobs/${jobId}`), i));
    await advance(sim, stepSeconds);
  }
  return timeline;
}

const kinds = (timeline: Observation[]) => timeline.map((o) => (o.kind === 'snapshot' ? o.snapshot.status : o.kind));

test('placeholders at given polls, before, during and after the terminal state, are classified as placeholders', async () => {
  const jobId = await indexText(sim, 'docs', 'x');
  await post(sim, '/_sim/faults/placeholders', { job_id: jobId, polls: [0, 4, 13, 14] });
  const timeline = await pollTimeline(jobId, 16, 1);
  const placeholders = timeline.filter((o) => o.kind === 'placeholder').map((o) => o.index);
  expect(placeholders).toEqual([0, 4, 13, 14]);
  expect(kinds(timeline)[3]).toBe('running');
  expect(kinds(timeline)[12]).toBe('completed');
  expect(kinds(timeline)[15]).toBe('completed');
  for (const o of timeline) if (o.kind === 'placeholder') expect(findingsOfCheck(checkPlaceholderShape, o.placeholder, {})).toEqual([]);
  expect(judgeTimeline(timeline, { jobId })).toEqual([]);
});

test('placeholders by probability fall on a seeded share of polls and carry no state', async () => {
  await post(sim, '/_sim/faults/placeholders', { probability: 0.4 });
  const jobId = await indexText(sim, 'docs', 'x');
  const timeline = await pollTimeline(jobId, 30, 0.5);
  const count = timeline.filter((o) => o.kind === 'placeholder').length;
  expect(count).toBeGreaterThan(3);
  expect(count).toBeLessThan(25);
  expect(judgeTimeline(timeline, { jobId })).toEqual([]);
  const again = await startManual({ seed: sim.seed });
  try {
    await post(again, '/_sim/faults/placeholders', { probability: 0.4 });
    const sameJob = await indexText(again, 'docs', 'x');
    expect(sameJob).toBe(jobId); // same seed, same ids, same draws
    const replay: string[] = [];
    for (let i = 0; i < 30; i++) replay.push(classify(await get(again, `/v2/jobs/${sameJob}`), i).kind);
    expect(replay).toEqual(timeline.map((o) => o.kind));
  } finally {
    await again.close();
  }
});

test('a 429 burst answers with Retry-After and an Error body, then the job is served again', async () => {
  const jobId = await indexText(sim, 'docs', 'x');
  await post(sim, '/_sim/faults/rate-limit', { count: 2, retry_after_seconds: 7, job_id: jobId });
  const other = await indexText(sim, 'docs', 'y');
  expect((await get(sim, `/v2/jobs/${other}`)).status).toBe(200); // scoped to the one job
  const answers = [await get(sim, `/v2/jobs/${jobId}`), await get(sim, `/v2/jobs/${jobId}`), await get(sim, `/v2/jobs/${jobId}`)];
  expect(answers.map((a) => a.status)).toEqual([429, 429, 200]);
  expect(answers[0]!.headers['retry-after']).toBe('7');
  const observed = answers.map((a, i) => classify(a, i));
  expect(observed.map((o) => o.kind)).toEqual(['http-error', 'http-error', 'snapshot']);
  for (const o of observed) expect(judgeTimeline([o], { jobId })).toEqual([]);
  expect(jsonOf<{ poll_count: number }>(await get(sim, `/_sim/jobs/${jobId}`)).poll_count).toBe(1);
});

test('a global 429 burst covers every public request but not the control API', async () => {
  await post(sim, '/_sim/faults/rate-limit', { count: 1 });
  expect((await get(sim, '/_sim/clock')).status).toBe(200);
  const limited = await call(sim, 'PUT', '/v2/collections/docs');
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBe('1');
  expect((await call(sim, 'PUT', '/v2/collections/docs')).status).toBe(201);
});

test('added latency delays answers without changing them', async () => {
  const jobId = await indexText(sim, 'docs', 'x');
  await post(sim, '/_sim/faults/latency', { ms: 20 });
  const answer = await get(sim, `/v2/jobs/${jobId}`);
  expect(answer.headers['x-sim-latency-ms']).toBe('20');
  const observation = classify(answer, 0);
  expect(observation.kind).toBe('snapshot');
  expect(judgeTimeline([observation], { jobId })).toEqual([]);
  await post(sim, '/_sim/faults/latency', { ms: 0 });
  expect((await get(sim, `/v2/jobs/${jobId}`)).headers['x-sim-latency-ms']).toBeUndefined();
});

test('a stuck job stays running in its stage, with every snapshot still valid', async () => {
  const jobId = await indexText(sim, 'docs', 'x');
  const fault = await post(sim, '/_sim/faults/stuck', { job_id: jobId, stage: 'chunking' });
  expect(fault.status).toBe(200);
  const timeline = await pollTimeline(jobId, 12, 600);
  const last = timeline.at(-1)!;
  expect(last.kind === 'snapshot' && last.snapshot).toMatchObject({ status: 'running', progress: { current_stage: 'chunking' } });
  expect(judgeTimeline(timeline, { jobId })).toEqual([]);
});

test('a job failing at a stage ends failed with its error, and a failure in the past is refused', async () => {
  const jobId = await indexText(sim, 'docs', 'x');
  expect(
    (
      await post(sim, '/_sim/faults/fail', {
        job_id: jobId,
        stage: 'embedding',
        error_code: 'embedding_quota',
        error_message: 'Quota exhausted',
      })
    ).status,
  ).toBe(200);
  const timeline = await pollTimeline(jobId, 14, 1);
  const last = timeline.at(-1)!;
  expect(last.kind === 'snapshot' && last.snapshot).toMatchObject({
    status: 'failed',
    error_code: 'embedding_quota',
    error_message: 'Quota exhausted',
    progress: { current_stage: 'embedding' },
  });
  expect(judgeTimeline(timeline, { jobId })).toEqual([]);
  const late = await indexText(sim, 'docs', 'y');
  await advance(sim, 5);
  const refused = await post(sim, '/_sim/faults/fail', { job_id: late, stage: 'scanning' });
  expect(refused.status).toBe(409);
});

test('a lagging media job says running with progress null as a real snapshot while the query already finds it', async () => {
  await call(sim, 'PUT', '/v2/collections/media');
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array([0, 0, 0, 24])]), 'keynote.mp4');
  const jobId = jsonOf<{ job_id: string }>(await call(sim, 'POST', '/v2/collections/media/index/file', { raw: form })).job_id;
  expect((await post(sim, '/_sim/faults/media-lag', { job_id: jobId, seconds: 120 })).status).toBe(200);
  await advance(sim, 30);
  const lagging = classify(await get(sim, `/v2/jobs/${jobId}`), 0);
  expect(lagging.kind).toBe('snapshot');
  expect(lagging.kind === 'snapshot' && lagging.snapshot).toMatchObject({ status: 'running', progress: null });
  expect(judgeTimeline([lagging], { jobId })).toEqual([]);
  const query = await post(sim, '/v2/collections/media/query', { query: 'keynote' });
  expect(query.json).toMatchObject({
    search_results: [{ filename: 'keynote.mp4', content: '[Video: keynote.mp4]', metadata: { modality: 'video' } }],
  });
  await advance(sim, 120);
  const done = classify(await get(sim, `/v2/jobs/${jobId}`), 1);
  expect(done.kind === 'snapshot' && done.snapshot.status).toBe('completed');
  expect(judgeTimeline([lagging, done], { jobId })).toEqual([]);
  expect(jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`)).billing).toBeTruthy();
});
