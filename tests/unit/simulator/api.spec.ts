import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import { validate } from '../../../src/contract/schemas.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { checkCancelResponse, checkErrorBody, checkQueryResponse } from '../../../src/oracle/response-checks.js';
import { checkFilesWalk } from '../../../src/oracle/page-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { advance, call, get, indexText, jsonOf, mixedJob, post, startManual, type Sim } from './harness.js';
import { sampleScenario } from './sample-scenario.js';

let sim: Sim;
test.beforeEach(async () => {
  sim = await startManual();
});
test.afterEach(async () => {
  await sim.close();
});

test.describe('collections', () => {
  test('PUT creates a collection (201), then answers 200 because it exists', async () => {
    const first = await call(sim, 'PUT', '/v2/collections/reports', { body: { description: 'scratch' } });
    const again = await call(sim, 'PUT', '/v2/collections/reports');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(validate('CollectionResponse', first.json)).toEqual([]);
    expect(jsonOf<{ collection_id: string }>(again).collection_id).toBe(jsonOf<{ collection_id: string }>(first).collection_id);
  });

  test('DELETE removes a collection, and a missing one is 404', async () => {
    await call(sim, 'PUT', '/v2/collections/reports');
    const deleted = await call(sim, 'DELETE', '/v2/collections/reports');
    const missing = await call(sim, 'DELETE', '/v2/collections/reports');
    expect(deleted.status).toBe(200);
    expect(validate('DeleteCollectionResponse', deleted.json)).toEqual([]);
    expect(missing.status).toBe(404);
    expect(findingsOfCheck(checkErrorBody, missing, {})).toEqual([]);
  });

  test('an invalid collection name is a 422 ValidationError', async () => {
    const answer = await call(sim, 'PUT', '/v2/collections/x');
    expect(answer.status).toBe(422);
    expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
  });
});

test.describe('index endpoints create pending jobs', () => {
  test.beforeEach(async () => {
    await call(sim, 'PUT', '/v2/collections/docs');
  });

  const created = (answer: { status: number; json: unknown }) => {
    expect(answer.status).toBe(200);
    expect(validate('IndexJobResponse', answer.json)).toEqual([]);
    expect(answer.json).toMatchObject({ status: 'pending' });
  };

  test('text', async () => created(await post(sim, '/v2/collections/docs/index/text', { content: 'hello' })));
  test('url', async () =>
    created(await post(sim, '/v2/collections/docs/index/url', { url: 'https://example.com/a.pdf', processing_type: 'basic' })));
  test('s3 file', async () =>
    created(
      await post(sim, '/v2/collections/docs/index/s3/file', {
        bucket_name: 'acme',
        file_uri: 's3://acme/q1.pdf',
        aws_access_key_id: 'AKIA',
        aws_secret_access_key: 'secret',
        processing_type: 'advanced',
      }),
    ));
  test('file upload (multipart)', async () => {
    const form = new FormData();
    form.append('files', new Blob(['alpha beta']), 'notes.txt');
    form.append('files', new Blob([new Uint8Array([0, 1, 2])]), 'clip.mp4');
    created(await call(sim, 'POST', '/v2/collections/docs/index/file', { raw: form }));
  });

  test('a repeated Idempotency-Key replays the first job instead of creating another', async () => {
    const headers = { 'idempotency-key': 'a1b2c3' };
    const first = await post(sim, '/v2/collections/docs/index/text', { content: 'once' }, { headers });
    const again = await post(sim, '/v2/collections/docs/index/text', { content: 'once' }, { headers });
    const fresh = await post(sim, '/v2/collections/docs/index/text', { content: 'once' });
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(fresh.json).not.toEqual(first.json);
    expect(
      (await post(sim, '/v2/collections/docs/index/url', { url: 'https://a.example/x.pdf', processing_type: 'basic' }, { headers })).status,
    ).toBe(422);
  });

  test('missing fields are 422 naming them, both url and urls is 400, unknown collection is 404', async () => {
    const missing = await post(sim, '/v2/collections/docs/index/url', {});
    expect(missing.status).toBe(422);
    expect(jsonOf<{ detail: { loc: string[] }[] }>(missing).detail.map((d) => d.loc.join('.'))).toEqual([
      'body.processing_type',
      'body.url',
    ]);
    expect(findingsOfCheck(checkErrorBody, missing, {})).toEqual([]);
    const both = await post(sim, '/v2/collections/docs/index/url', { url: 'https://a', urls: ['https://b'], processing_type: 'basic' });
    expect(both.status).toBe(400);
    const unknown = await post(sim, '/v2/collections/nope/index/text', { content: 'x' });
    expect(unknown.status).toBe(404);
  });

  test("request bodies are judged by spec/openapi.yaml's request schemas, then by the rules no schema states", async () => {
    type Detail = { detail: { loc: (string | number)[]; type: string }[] };
    const locs = (answer: Awaited<ReturnType<typeof post>>) => jsonOf<Detail>(answer).detail.map((d) => `${d.loc.join('.')}:${d.type}`);
    const keys = { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'secret' };
    const role = { auth: { type: 'assume_role', role_arn: 'arn:aws:iam::1:role/r', external_id: 'x' } };
    const s3 = (extra: object) =>
      post(sim, '/v2/collections/docs/index/s3/file', { bucket_name: 'b', file_uri: 's3://b/q1.pdf', processing_type: 'basic', ...extra });
    const both = await s3({ ...keys, ...role });
    expect(both.status).toBe(422); // IndexS3FileRequest: static keys or an assumed role, not both
    expect(locs(both)).toEqual(['body:value_error']);
    expect((await s3(keys)).status).toBe(200);
    expect((await s3(role)).status).toBe(200);
    const types = await post(sim, '/v2/collections/docs/index/url', { urls: [], processing_type: 'turbo' });
    expect(locs(types)).toEqual(['body.urls:too_short', 'body.processing_type:enum']);
    const ftp = await post(sim, '/v2/collections/docs/index/url', {
      urls: ['https://a.example/x.pdf', 'ftp://a.example/y.pdf'],
      processing_type: 'basic',
    });
    expect(locs(ftp)).toEqual(['body.urls.1:url_scheme']); // a URI to the schema, not one the endpoint fetches
    expect(locs(await post(sim, '/v2/collections/docs/query', { query: 'x', top_k: 'ten' }))).toEqual(['body.top_k:int_type']);
    expect(locs(await post(sim, '/v2/collections/docs/query', { query: 'x', top_k: 101 }))).toEqual(['body.top_k:less_than_equal']);
    for (const answer of [both, types, ftp]) expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
  });
});

test.describe('job status', () => {
  test('a text job goes pending -> running -> completed and the oracle finds nothing', async () => {
    const jobId = await indexText(sim, 'docs', 'The quick brown fox', 'fox.txt');
    const timeline: Observation[] = [];
    for (let i = 0; i < 14; i++) {
      timeline.push(classify(await get(sim, `/v2/jobs/${jobId}`), i));
      await advance(sim, 1);
    }
    const statuses = timeline.map((o) => (o.kind === 'snapshot' ? o.snapshot.status : o.kind));
    expect(statuses[0]).toBe('pending');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('completed');
    expect(judgeTimeline(timeline, { jobId })).toEqual([]);
  });

  test('files paginate by files_limit and the cursor walk visits each file once', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ uri: `s3://b/doc-${i}.pdf`, media: false, outcome: 'completed' as const }));
    const scenario = await post(sim, '/_sim/scenarios', sampleScenario({ collection: 'bulk', files }));
    const jobId = jsonOf<{ job_id: string }>(scenario).job_id;
    await advance(sim, 10);
    const pages: JobSnapshot[] = [];
    let path = `/v2/jobs/${jobId}?files_limit=5`;
    for (let guard = 0; guard < 10; guard++) {
      const page = jsonOf<JobSnapshot>(await get(sim, path));
      pages.push(page);
      const next = page.files_page?.next_cursor;
      if (!next) break;
      path = `/v2/jobs/${jobId}?files_limit=5&files_cursor=${encodeURIComponent(next)}`;
    }
    expect(pages.map((p) => p.files?.length)).toEqual([5, 5, 2]);
    expect(findingsOfCheck(checkFilesWalk, pages, { filesLimit: 5, jobId })).toEqual([]);
  });

  test('files_limit outside 1..500 and bad cursors are 422 ValidationErrors', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    for (const query of [
      'files_limit=0',
      'files_limit=501',
      'files_limit=abc',
      'files_cursor=forged',
      `files_cursor=${'e30'}.${'a'.repeat(32)}`,
    ]) {
      const answer = await get(sim, `/v2/jobs/${jobId}?${query}`);
      expect(answer.status, query).toBe(422);
      expect(findingsOfCheck(checkErrorBody, answer, {}), query).toEqual([]);
    }
    const other = await indexText(sim, 'docs', 'y');
    const page = jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}?files_limit=1`));
    expect(page.files_page?.next_cursor ?? null).toBeNull();
    const foreign = await get(sim, `/v2/jobs/${other}?files_cursor=${encodeURIComponent((await issuedCursor(sim, jobId)) ?? 'x')}`);
    expect(foreign.status).toBe(422);
  });

  test('an unknown job is 404 with an Error body', async () => {
    const answer = await get(sim, '/v2/jobs/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
  });
});

/** A cursor issued for a two-file job (made here), to replay on another job. */
async function issuedCursor(sim: Sim, _jobId: string): Promise<string | null | undefined> {
  const form = new FormData();
  form.append('files', new Blob(['a']), 'a.txt');
  form.append('files', new Blob(['b']), 'b.txt');
  const created = await call(sim, 'POST', '/v2/collections/docs/index/file', { raw: form });
  const id = jsonOf<{ job_id: string }>(created).job_id;
  return jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${id}?files_limit=1`)).files_page?.next_cursor;
}

test.describe('auth and tenancy', () => {
  test('no key and a wrong key are 401; a key for another organization header is 403', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    const none = await get(sim, `/v2/jobs/${jobId}`, { key: null });
    const wrong = await get(sim, `/v2/jobs/${jobId}`, { key: 'cap_dev_nope' });
    const mismatch = await get(sim, `/v2/jobs/${jobId}`, { headers: { 'x-organization-id': 'someone-else' } });
    const matching = await get(sim, `/v2/jobs/${jobId}`, { headers: { 'x-organization-id': sim.orgId } });
    expect([none.status, wrong.status, mismatch.status, matching.status]).toEqual([401, 401, 403, 200]);
    for (const answer of [none, wrong, mismatch]) expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
  });

  test("another organization's job answers 404 and reveals nothing of it", async () => {
    const jobId = await indexText(sim, 'docs', 'secret text', 'secret.txt');
    const other = sim.otherOrg!;
    const read = await get(sim, `/v2/jobs/${jobId}`, { key: other.apiKey });
    const unknown = await get(sim, '/v2/jobs/never-issued', { key: other.apiKey });
    const cancel = await post(sim, `/v2/jobs/${jobId}/cancel`, undefined, { key: other.apiKey });
    expect([read.status, cancel.status]).toEqual([404, 404]);
    expect(read.body).toBe(unknown.body);
    expect(read.body).not.toContain(jobId);
    expect(read.body).not.toContain('secret');
    expect(jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`)).status).toBe('pending');
  });
});

test.describe('cancel', () => {
  const cancel = (jobId: string) => post(sim, `/v2/jobs/${jobId}/cancel`);

  test('cancel of a pending job ends it cancelled', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    const answer = await cancel(jobId);
    expect(answer.status).toBe(200);
    expect(findingsOfCheck(checkCancelResponse, answer.json, {})).toEqual([]);
    expect(answer.json).toMatchObject({ job_id: jobId, status: 'cancelled' });
    const after = jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`));
    expect(after).toMatchObject({ status: 'cancelled', started_at: null });
    expect(after.cancelled_at).toBe(jsonOf<{ cancelled_at: string }>(answer).cancelled_at);
  });

  test('cancel of a running job ends it cancelled with no file left queued or processing', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    await advance(sim, 3);
    expect(jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`)).status).toBe('running');
    expect((await cancel(jobId)).json).toMatchObject({ status: 'cancelled' });
    await advance(sim, 60);
    const after = jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}`));
    expect(after.status).toBe('cancelled');
    expect(after.files?.map((f) => f.status)).toEqual(['cancelled']);
  });

  test('cancel of a finished job answers 200 with its state unchanged', async () => {
    const jobId = await indexText(sim, 'docs', 'x');
    await advance(sim, 60);
    const before = (await get(sim, `/v2/jobs/${jobId}`)).body;
    const answer = await cancel(jobId);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ job_id: jobId, status: 'completed', cancelled_at: null });
    expect(findingsOfCheck(checkCancelResponse, answer.json, {})).toEqual([]);
    expect((await get(sim, `/v2/jobs/${jobId}`)).body).toBe(before);
    expect((await cancel(jobId)).json).toEqual(answer.json);
  });
});

test.describe('query', () => {
  test('answers from indexed files only, naming filename, uri and document_id', async () => {
    const jobId = await indexText(sim, 'docs', 'The quarterly revenue grew', 'q1.txt');
    const query = () => post(sim, '/v2/collections/docs/query', { query: 'quarterly revenue' });
    expect(jsonOf<{ search_results: unknown[] }>(await query()).search_results).toEqual([]);
    await advance(sim, 60);
    const answer = await query();
    expect(answer.status).toBe(200);
    expect(findingsOfCheck(checkQueryResponse, answer.json, {})).toEqual([]);
    expect(answer.json).toMatchObject({
      success: true,
      total_results: 1,
      top_k: 10,
      search_results: [{ filename: 'q1.txt', content: 'The quarterly revenue grew', chunk_index: 0, metadata: { job_id: jobId } }],
    });
  });

  test('a deleted collection forgets its documents, and a missing query is 422', async () => {
    await indexText(sim, 'docs', 'forgotten', 'old.txt');
    await advance(sim, 60);
    await call(sim, 'DELETE', '/v2/collections/docs');
    expect((await post(sim, '/v2/collections/docs/query', { query: 'forgotten' })).status).toBe(404);
    await call(sim, 'PUT', '/v2/collections/docs');
    expect(jsonOf<{ total_results: number }>(await post(sim, '/v2/collections/docs/query', { query: 'forgotten' })).total_results).toBe(0);
    const missing = await post(sim, '/v2/collections/docs/query', {});
    expect(missing.status).toBe(422);
    expect(findingsOfCheck(checkErrorBody, missing, {})).toEqual([]);
  });

  test('a file already in the collection is skipped, and a corrupt one fails the job partially', async () => {
    const done = jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${await mixedJob(sim)}`));
    expect(done.status).toBe('completed_with_failures');
    expect(done.files?.map((f) => f.status)).toEqual(['skipped', 'failed', 'completed']);
  });
});
