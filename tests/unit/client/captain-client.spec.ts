import { test, expect } from '@playwright/test';
import nock from 'nock';
import { BASE, harness, interceptWithNock, KEY, ORG, target } from './harness.js';
import { running } from './sample-jobs.js';

interceptWithNock();

test('every endpoint is called with its method, path, credentials and body, and recorded', async () => {
  const { client, recorded } = harness();
  const scope = target()
    .get('/v2/jobs/j%2F1')
    .query({ files_limit: '7', files_cursor: 'c-2' })
    .reply(200, running('j/1'))
    .post('/v2/jobs/j1/cancel')
    .reply(200, { job_id: 'j1', status: 'cancelled' })
    .delete('/v2/jobs/j1')
    .reply(200, { job_id: 'j1', status: 'cancelled' })
    .post('/v2/collections/docs/index/text', { content: 'hello', filename: 'a.txt' })
    .reply(202, { job_id: 'j2', status: 'pending' })
    .post('/v2/collections/docs/index/url', { url: 'https://example.com/a.pdf', processing_type: 'basic' })
    .reply(202, { job_id: 'j3', status: 'pending' })
    .post('/v2/collections/docs/index/s3/file')
    .reply(202, { job_id: 'j4', status: 'pending' })
    .post(
      '/v2/collections/docs/index/file',
      (body: string) => body.includes('filename="intro.mp4"') && body.includes('name="processing_type"'),
    )
    .reply(202, { job_id: 'j5', status: 'pending' })
    .put('/v2/collections/docs', { description: 'scratch' })
    .reply(201, { collection_name: 'docs' })
    .post('/v2/collections/docs/query', { query: 'revenue', top_k: 3 })
    .reply(200, { search_results: [] })
    .delete('/v2/collections/docs')
    .reply(200, { success: true });

  const job = await client.getJob('j/1', { filesLimit: 7, filesCursor: 'c-2' });
  expect(job.ok).toBe(true);
  expect(job.json?.status).toBe('running');
  await client.cancelJob('j1');
  await client.deleteJob('j1');
  expect((await client.indexText('docs', { content: 'hello', filename: 'a.txt' })).json).toEqual({ job_id: 'j2', status: 'pending' });
  await client.indexUrl('docs', { url: 'https://example.com/a.pdf', processing_type: 'basic' });
  await client.indexS3File('docs', {
    bucket_name: 'b',
    file_uri: 's3://b/a.pdf',
    processing_type: 'basic',
    aws_access_key_id: 'AKIAEXAMPLE',
    aws_secret_access_key: 'wJalrXUtnFEMIK7MDENG',
  });
  await client.indexFile('docs', [{ name: 'intro.mp4', content: new Uint8Array(16), type: 'video/mp4' }], {
    processing_type: 'basic',
    custom_metadata: { lang: 'en' },
  });
  await client.putCollection('docs', { description: 'scratch' });
  await client.query('docs', { query: 'revenue', top_k: 3 });
  await client.deleteCollection('docs');
  expect(scope.isDone()).toBe(true);

  expect(recorded.map((e) => `${e.request.method} ${e.request.url} ${e.status}`)).toEqual([
    'GET /v2/jobs/j%2F1?files_limit=7&files_cursor=c-2 200',
    'POST /v2/jobs/j1/cancel 200',
    'DELETE /v2/jobs/j1 200',
    'POST /v2/collections/docs/index/text 202',
    'POST /v2/collections/docs/index/url 202',
    'POST /v2/collections/docs/index/s3/file 202',
    'POST /v2/collections/docs/index/file 202',
    'PUT /v2/collections/docs 201',
    'POST /v2/collections/docs/query 200',
    'DELETE /v2/collections/docs 200',
  ]);
  expect(recorded[0]!.request.headers).toEqual({
    accept: 'application/json',
    authorization: 'Bearer [redacted]',
    'x-organization-id': ORG,
  });
  expect(JSON.parse(recorded[5]!.request.body!)).toMatchObject({
    aws_access_key_id: '[redacted]',
    aws_secret_access_key: '[redacted]',
    file_uri: 's3://b/a.pdf',
  });
  expect(recorded[6]!.request.body).toBe('files=intro.mp4 (16 bytes, video/mp4); processing_type=basic; custom_metadata={"lang":"en"}');
  expect(recorded[6]!.request.headers['content-type']).toBe('multipart/form-data');
});

test('a body above the cap is cut and marked truncated, and not parsed', async () => {
  const { client } = harness({ maxBodyBytes: 1000 });
  target().get('/v2/jobs/j1').reply(200, 'x'.repeat(1_000_000));
  const { exchange, json } = await client.getJob('j1');
  expect(exchange.truncated).toBe(true);
  expect(exchange.body).toHaveLength(1000);
  expect(exchange.error).toBe('body exceeds 1000 bytes');
  expect(json).toBeUndefined();
});

test('a connection reset becomes an exchange with status 0 and the cause, never a throw', async () => {
  const { client } = harness();
  target()
    .get('/v2/jobs/j1')
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  const { exchange, ok } = await client.getJob('j1');
  expect(ok).toBe(false);
  expect(exchange).toMatchObject({ status: 0, body: '', error: 'connection reset by the target (ECONNRESET: socket hang up)' });
});

test('a response slower than the timeout becomes status 0 with "timeout after N ms"', async () => {
  // A real 30 ms timeout against a 5 s nock delay: the one case where injecting time is not possible.
  const { client } = harness({ timeoutMs: 30 });
  target().get('/v2/jobs/j1').delay(5000).reply(200, running('j1'));
  const { exchange } = await client.getJob('j1');
  expect(exchange).toMatchObject({ status: 0, error: 'timeout after 30 ms' });
});

test('receivedAt and durationMs come from the injected clock', async () => {
  const { client, clock } = harness();
  target().get('/v2/jobs/j1').reply(200, running('j1'));
  clock.advance(1234);
  const { exchange } = await client.getJob('j1');
  expect(exchange.receivedAt).toBe(new Date(clock.now()).toISOString());
  expect(exchange.durationMs).toBe(0);
});

test('the key is redacted in URLs, headers, bodies and errors, even when the server echoes it or a default header is overridden', async () => {
  const { client, recorded } = harness({ secrets: ['s3-bucket-secret'] });
  target()
    .get(`/v2/jobs/${KEY}`)
    .reply(
      500,
      { detail: `bad key ${KEY}, also s3-bucket-secret` },
      { 'www-authenticate': `Bearer realm="${KEY}"`, 'set-cookie': 'session=abc' },
    )
    .post('/v2/collections/docs/index/s3/file')
    .reply(400, (_uri, body) => body as nock.Body);
  await client.getJob(KEY);
  await client.indexS3File('docs', {
    bucket_name: 'b',
    file_uri: 's3://b/a.pdf',
    processing_type: 'basic',
    aws_secret_access_key: 'echoed-secret-value',
  });
  nock(BASE)
    .get('/v2/jobs/j1')
    .replyWithError(new Error(`proxy refused ${encodeURIComponent(KEY)}`));
  await client.getJob('j1');
  nock(BASE).get('/v2/jobs/j2').reply(401, 'no');
  await client.request('GET', '/v2/jobs/j2', { headers: { authorization: 'Bearer some-other-key' } });
  const everything = JSON.stringify(recorded);
  for (const secret of [KEY, encodeURIComponent(KEY), 's3-bucket-secret', 'echoed-secret-value', 'some-other-key', 'session=abc']) {
    expect(everything).not.toContain(secret);
  }
  expect(recorded[0]!.request.url).toBe('/v2/jobs/[redacted]');
  expect(recorded[2]!.error).toBe('Error: proxy refused [redacted]');
  expect(recorded[3]!.request.headers.authorization).toBe('Bearer [redacted]');
  expect(client.redact(`log line with ${KEY}`)).toBe('log line with [redacted]');
});

test('a default header can be removed to send a request without credentials', async () => {
  const { client, recorded } = harness();
  nock(BASE, { badheaders: ['authorization'] })
    .get('/v2/jobs/j1')
    .reply(401, { detail: 'missing key' });
  const { exchange } = await client.request('GET', '/v2/jobs/j1', { headers: { authorization: null } });
  expect(exchange.status).toBe(401);
  expect(recorded[0]!.request.headers.authorization).toBeUndefined();
});

test("the client's own headers go with every request, are recorded, and a request's headers override them", async () => {
  const { client, recorded } = harness({ headers: { 'X-Conformance-Test': 'tests/conformance/auth.spec.ts:12' } });
  nock(BASE, { reqheaders: { 'x-conformance-test': 'tests/conformance/auth.spec.ts:12' } })
    .get('/v2/jobs/j1')
    .reply(200, running('j1'));
  nock(BASE, { reqheaders: { 'x-conformance-test': 'other' } })
    .get('/v2/jobs/j2')
    .reply(200, running('j2'));
  expect((await client.getJob('j1')).exchange.status).toBe(200);
  expect((await client.request('GET', '/v2/jobs/j2', { headers: { 'x-conformance-test': 'other' } })).exchange.status).toBe(200);
  expect(recorded.map((e) => e.request.headers['x-conformance-test'])).toEqual(['tests/conformance/auth.spec.ts:12', 'other']);
});
