// The vendor-variant dialect over HTTP: each lawful variation shows, and every answer stays inside
// the contract (schema-valid, the placeholder still told apart from state). The plain dialect is the control.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { levelOf } from '../../../src/contract/catalog.js';
import { test, expect } from '@playwright/test';
import { validate } from '../../../src/contract/schemas.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { checkErrorBody } from '../../../src/oracle/response-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { VENDOR_VARIATIONS } from '../../../src/simulator/dialect.js';
import { isVendorStatus } from '../../../src/model/status.js';
import { NON_PLACEHOLDER_KEYS } from '../../../src/simulator/dialect-shape.js';
import { advance, call, get, indexText, jsonOf, mixedJob, post, startManual, type Sim } from './harness.js';

let variant: Sim;
let plain: Sim;
test.beforeEach(async () => {
  [variant, plain] = await Promise.all([startManual({ dialect: 'vendor-variant' }), startManual()]);
});
test.afterEach(async () => {
  await Promise.all([variant.close(), plain.close()]);
});

/** The schema's problems, but for a vendor status word (the oracle's JS-SHAPE-007, a SHOULD: vendor-statuses). */
const contractProblems = (body: unknown) =>
  validate('JobStatus', body).filter((p) => !(p.path === '/status' && isVendorStatus((body as { status?: unknown }).status)));

const snapshot = async (sim: Sim, jobId: string, query = '') => {
  const answer = await get(sim, `/v2/jobs/${jobId}${query}`);
  expect(answer.status).toBe(200);
  expect(contractProblems(answer.json)).toEqual([]);
  return jsonOf<JobSnapshot & Record<string, unknown>>(answer);
};

test('the variant switches on at least eight variations, each with its reason', () => {
  expect(VENDOR_VARIATIONS.length).toBeGreaterThanOrEqual(8);
  expect(new Set(VENDOR_VARIATIONS.map((v) => v.id)).size).toBe(VENDOR_VARIATIONS.length);
  for (const v of VENDOR_VARIATIONS) expect(v.why.length, v.id).toBeGreaterThan(20);
});

test('auth-403: a missing or wrong key is 403 with an Error body (plain: 401)', async () => {
  for (const key of [null, 'wrong-key']) {
    const answer = await get(variant, '/v2/jobs/00000000-0000-4000-8000-000000000000', { key });
    expect(answer.status).toBe(403);
    expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
    expect((await get(plain, '/v2/jobs/00000000-0000-4000-8000-000000000000', { key })).status).toBe(401);
  }
});

test('processed-counts-all: files_processed counts failed and skipped files too, never above files_total', async () => {
  const done = (await snapshot(variant, await mixedJob(variant))).progress!;
  expect(done).toMatchObject({ files_total: 3, files_failed: 1, files_skipped: 1, files_processed: 3 });
  expect((await snapshot(plain, await mixedJob(plain))).progress).toMatchObject({ files_processed: 1 });
});

test('foreign-cursor-ignored: a cursor the server never issued serves the first page (plain: 422)', async () => {
  const jobId = await indexText(variant, 'docs', 'x', 'x.txt');
  await advance(variant, 60);
  const first = await snapshot(variant, jobId);
  const forged = await snapshot(variant, jobId, '?files_cursor=forged');
  expect(forged.files).toEqual(first.files);
  const plainJob = await indexText(plain, 'docs', 'x', 'x.txt');
  expect((await get(plain, `/v2/jobs/${plainJob}?files_cursor=forged`)).status).toBe(422);
});

test('placeholder-null-keys: the placeholder carries every other JobStatus key as null and is still a placeholder', async () => {
  const jobId = await indexText(variant, 'docs', 'x');
  await post(variant, '/_sim/faults/placeholders', { job_id: jobId, polls: [0] });
  const answer = await get(variant, `/v2/jobs/${jobId}`);
  const body = jsonOf<Record<string, unknown>>(answer);
  expect(body).toMatchObject({
    job_id: jobId,
    status: 'running',
    progress: null,
    progress_message: expect.any(String),
    estimated_time_remaining_seconds: 30,
  });
  for (const key of NON_PLACEHOLDER_KEYS) expect(body[key], key).toBeNull();
  expect(classify(answer).kind).toBe('placeholder');
});

test('live-finished-fields: credits remaining drift down and updated_at moves on; status, result, files and fixed timestamps do not', async () => {
  const jobId = await indexText(variant, 'docs', 'The quarterly revenue grew', 'q1.txt');
  await advance(variant, 60);
  const first = await snapshot(variant, jobId);
  await advance(variant, 5);
  const cancel = await post(variant, `/v2/jobs/${jobId}/cancel`);
  expect(cancel.json).toMatchObject({ status: 'completed' });
  await advance(variant, 5);
  const second = await snapshot(variant, jobId);
  expect(second.billing!.credits.remaining).toBeLessThan(first.billing!.credits.remaining);
  expect(Date.parse(second.updated_at!)).toBeGreaterThan(Date.parse(first.updated_at!));
  expect([null, 0]).toContain(second.estimated_time_remaining_seconds);
  const fixed = (s: JobSnapshot) => [s.status, s.result, s.files, s.created_at, s.started_at, s.completed_at, s.billing!.credits.used];
  expect(fixed(second)).toEqual(fixed(first));
  // plain: a finished job reads the same, byte for byte
  const plainJob = await indexText(plain, 'docs', 'x', 'x.txt');
  await advance(plain, 60);
  const before = (await get(plain, `/v2/jobs/${plainJob}`)).body;
  await advance(plain, 5);
  expect((await get(plain, `/v2/jobs/${plainJob}`)).body).toBe(before);
});

test('offset-timestamps: every timestamp is +00:00 with six fraction digits, the same instant as plain', async () => {
  const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
  const jobId = await indexText(variant, 'docs', 'x', 'x.txt');
  await advance(variant, 3);
  const running = await snapshot(variant, jobId);
  expect(running.status).toBe('running');
  for (const value of [running.created_at, running.updated_at, running.started_at, ...running.files!.map((f) => f.updated_at)])
    expect(value).toMatch(stamp);
  await advance(variant, 1);
  const cancelled = await post(variant, `/v2/jobs/${jobId}/cancel`);
  expect(jsonOf<{ cancelled_at: string }>(cancelled).cancelled_at).toMatch(stamp);
  const done = await snapshot(variant, jobId);
  for (const value of [done.completed_at, done.cancelled_at]) expect(value).toMatch(stamp);
  expect(Date.parse(done.cancelled_at!)).toBe(Date.parse(jsonOf<{ cancelled_at: string }>(cancelled).cancelled_at));
});

test('files-null-while-pending: files and files_page are null while pending, a list once running', async () => {
  const jobId = await indexText(variant, 'docs', 'x', 'x.txt');
  const pending = await snapshot(variant, jobId);
  expect(pending).toMatchObject({ status: 'pending', files: null, files_page: null });
  await advance(variant, 2);
  const running = await snapshot(variant, jobId);
  expect(running.status).toBe('running');
  expect(running.files).toHaveLength(1);
  expect((await snapshot(plain, await indexText(plain, 'docs', 'x'))).files).toHaveLength(1);
});

test('malformed-id-422: a job id that is not an id is 422; a well-formed unknown id stays 404', async () => {
  for (const id of ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', '..%2F..%2Fetc', 'a%20b', 'x%25y', 'v1.2']) {
    for (const method of ['GET', 'POST'] as const) {
      const answer = method === 'GET' ? await get(variant, `/v2/jobs/${id}`) : await post(variant, `/v2/jobs/${id}/cancel`);
      expect(answer.status, `${method} ${id}`).toBe(422);
      expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
    }
    expect((await get(plain, `/v2/jobs/${id}`)).status, id).toBe(404);
  }
  for (const id of ['00000000-0000-0000-0000-000000000000', 'job_01HZX3Q8M4V7'])
    expect((await get(variant, `/v2/jobs/${id}`)).status).toBe(404);
});

test('additive-fields: extra keys on the snapshot, its progress and its files, and an unknown job_type', async () => {
  const jobId = await indexText(variant, 'docs', 'x', 'x.txt');
  await advance(variant, 4);
  const running = await snapshot(variant, jobId);
  expect(running).toMatchObject({
    execution_arn: expect.stringContaining(jobId),
    pii_report: null,
    youtube: [],
    job_type: 'index_text_batch',
  });
  expect(running.progress).toHaveProperty('chunks_created');
  expect(running.files![0]).toHaveProperty('attempt', 1);
});

test('retry-after-date: a 429 gives Retry-After as an HTTP date no earlier than the wait (plain: seconds)', async () => {
  for (const sim of [variant, plain]) await post(sim, '/_sim/faults/rate-limit', { count: 1, retry_after_seconds: 2 });
  const limited = await get(variant, '/v2/jobs/00000000-0000-4000-8000-000000000000');
  expect(limited.status).toBe(429);
  expect(findingsOfCheck(checkErrorBody, limited, {})).toEqual([]);
  const retryAfter = limited.headers['retry-after']!;
  expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  expect(Date.parse(retryAfter)).toBeGreaterThanOrEqual(Date.parse(limited.headers.date!) + 2000);
  expect((await get(plain, '/v2/jobs/00000000-0000-4000-8000-000000000000')).headers['retry-after']).toBe('2');
});

test('finished-stage-null: a finished job has no current stage (plain: the last stage)', async () => {
  const jobId = await indexText(variant, 'docs', 'x', 'x.txt');
  await advance(variant, 60);
  expect((await snapshot(variant, jobId)).progress).toMatchObject({ current_stage: null });
  const plainJob = await indexText(plain, 'docs', 'x', 'x.txt');
  await advance(plain, 60);
  expect((await snapshot(plain, plainJob)).progress).toMatchObject({ current_stage: 'finalizing' });
});

// The variant's lawful variations may warn (extra placeholder keys are JS-PH-005, the inclusive
// files_processed is JS-STATE-012's sum rule: SHOULDs in the default profile), never fail a MUST.
test('a whole variant lifecycle, placeholders and a late cancel included, leaves the oracle no MUST to fail', async () => {
  const jobId = await mixedJob(variant).then(async () => {
    const form = new FormData();
    form.append('files', new Blob(['two']), 'other.txt');
    form.append('files', new Blob(['??']), 'corrupt-two.pdf');
    return jsonOf<{ job_id: string }>(await call(variant, 'POST', '/v2/collections/docs/index/file', { raw: form })).job_id;
  });
  await post(variant, '/_sim/faults/placeholders', { job_id: jobId, polls: [3, 15] });
  const timeline: Observation[] = [];
  for (let i = 0; i < 18; i++) {
    timeline.push(classify(await get(variant, `/v2/jobs/${jobId}`), i));
    await advance(variant, 1);
  }
  await post(variant, `/v2/jobs/${jobId}/cancel`);
  await advance(variant, 1);
  timeline.push(classify(await get(variant, `/v2/jobs/${jobId}`), 18));
  expect(timeline.map((o) => o.kind)).toContain('placeholder');
  expect(timeline.at(-1)).toMatchObject({ kind: 'snapshot', snapshot: { status: 'completed_with_errors' } });
  for (const o of timeline) if (o.kind === 'snapshot') expect(contractProblems(o.snapshot)).toEqual([]);
  const findings = judgeTimeline(timeline, { jobId });
  expect(findings.filter((f) => levelOf(f.requirement, 'default') === 'MUST')).toEqual([]);
  // The warnings are the three the variations are meant to show (the vendor's status words among them), and nothing else.
  expect(new Set(findings.map((f) => f.requirement))).toEqual(new Set(['JS-PH-005', 'JS-STATE-012', 'JS-SHAPE-007']));
});

test('vendor-statuses: processing while scanning, then running; a public partial success ends completed_with_errors, a timeout timed_out; a played scenario keeps the documented words', async () => {
  await call(variant, 'PUT', '/v2/collections/docs');
  const form = new FormData();
  form.append('files', new Blob(['fine']), 'fine.txt');
  form.append('files', new Blob(['??']), 'corrupt-scan.pdf');
  const jobId = jsonOf<{ job_id: string }>(await call(variant, 'POST', '/v2/collections/docs/index/file', { raw: form })).job_id;
  const seen: string[] = [];
  for (let i = 0; i < 40 && !['completed_with_errors', 'completed_with_failures'].includes(seen.at(-1) ?? ''); i++) {
    const s = await snapshot(variant, jobId);
    if (seen.at(-1) !== s.status) seen.push(`${s.status}`);
    await advance(variant, 0.5);
  }
  expect(seen).toEqual(['pending', 'processing', 'running', 'completed_with_errors']);
  const cancel = await post(variant, `/v2/jobs/${jobId}/cancel`);
  expect(cancel.json).toMatchObject({ status: 'completed_with_errors' }); // the cancel answer speaks as GET does
  const listed = jsonOf<{ jobs: { job_id: string; status: string }[] }>(await get(variant, '/v2/jobs'));
  expect(listed.jobs.find((j) => j.job_id === jobId)?.status).toBe('completed_with_errors');

  const scenario = {
    jobType: 'index_s3',
    collection: 'docs',
    files: [
      { uri: 's3://b/a.pdf', media: false, outcome: 'failed' },
      { uri: 's3://b/b.pdf', media: false, outcome: 'completed' },
    ],
    pendingSeconds: 1,
    stageSeconds: [1, 1, 1, 1, 1, 1],
    end: { kind: 'run' },
    mediaLagSeconds: 0,
    placeholders: {},
    processingType: 'basic',
  };
  const played = jsonOf<{ job_id: string }>(await post(variant, '/_sim/scenarios', { scenario })).job_id;
  const timedOut = jsonOf<{ job_id: string }>(
    await post(variant, '/_sim/scenarios', {
      scenario: {
        ...scenario,
        end: { kind: 'fail', stage: 'embedding', errorCode: 'timeout', errorMessage: 'Job exceeded its time limit' },
      },
    }),
  ).job_id;
  await advance(variant, 60);
  expect((await snapshot(variant, played)).status).toBe('completed_with_failures');
  expect((await snapshot(variant, timedOut)).status).toBe('timed_out');
  // The plain dialect never says them.
  const plainJob = await indexText(plain, 'docs', 'x', 'x.txt');
  await advance(plain, 0.5);
  await advance(plain, 0.5);
  expect(['pending', 'running', 'completed']).toContain((await snapshot(plain, plainJob)).status);
});
