import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { checkContentType, checkErrorBody } from '../../../src/oracle/response-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { call, get, indexText, post, startManual, type Sim } from './harness.js';

let sim: Sim;
test.beforeEach(async () => {
  sim = await startManual();
  await call(sim, 'PUT', '/v2/collections/docs');
});
test.afterEach(async () => {
  await sim.close();
});

const isJson4xx = (answer: { status: number; headers: Record<string, string>; json: unknown }) => {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.json).toMatchObject({ detail: expect.anything() });
};

test.describe('bad requests get a JSON 4xx, never a crash', () => {
  test('malformed JSON is a 422 ValidationError', async () => {
    const answer = await call(sim, 'POST', '/v2/collections/docs/index/text', {
      raw: '{"content": "x"',
      headers: { 'content-type': 'application/json' },
    });
    isJson4xx(answer);
    expect(answer.status).toBe(422);
    expect(findingsOfCheck(checkErrorBody, answer, {})).toEqual([]);
  });

  test('a JSON body that is not an object is a 422', async () => {
    const answer = await call(sim, 'POST', '/v2/collections/docs/index/text', {
      raw: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(422);
  });

  test('a wrong content type is 415', async () => {
    const json = await call(sim, 'POST', '/v2/collections/docs/index/text', {
      raw: 'content=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const upload = await post(sim, '/v2/collections/docs/index/file', { files: [] });
    for (const answer of [json, upload]) {
      isJson4xx(answer);
      expect(answer.status).toBe(415);
    }
  });

  test('a body over 1 MB is 413', async () => {
    const answer = await call(sim, 'POST', '/v2/collections/docs/index/text', { body: { content: 'x'.repeat(1024 * 1024 + 10) } });
    isJson4xx(answer);
    expect(answer.status).toBe(413);
  });

  test('unknown paths are 404 and unknown methods 405 with Allow', async () => {
    const path = await get(sim, '/v3/anything');
    const method = await call(sim, 'PATCH', '/v2/jobs/some-id');
    isJson4xx(path);
    isJson4xx(method);
    expect(path.status).toBe(404);
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET, DELETE');
  });

  test('a broken multipart body and a malformed path escape are 400', async () => {
    const multipart = await call(sim, 'POST', '/v2/collections/docs/index/file', {
      raw: 'garbage',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
    });
    const escape = await get(sim, '/v2/jobs/%E0%A4%A');
    for (const answer of [multipart, escape]) {
      isJson4xx(answer);
      expect(answer.status).toBe(400);
    }
  });

  test('a request that is not HTTP gets a 400 and the server keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(sim.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await get(sim, '/_sim/health', { key: null })).status).toBe(200);
  });
});

/**
 * One poll on a connection of its own (no keep-alive, `agent: false`): 1,000 of them at once are 1,000
 * connections the server must take, and no answer can meet a pooled socket the server is closing.
 */
function pollOnOwnConnection(sim: Sim, path: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${sim.baseUrl}${path}`, { agent: false, headers: { authorization: `Bearer ${sim.apiKey}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          request: { method: 'GET', url: path, headers: { authorization: 'Bearer [redacted]' } },
          status: response.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: new Date().toISOString(),
        }),
      );
    });
    request.on('error', reject);
  });
}

test('1,000 concurrent status polls are all served', async () => {
  // 1,000 connections opened at once, client and server in one process: a few seconds on an idle machine,
  // many more beside `npm test`'s child runs on 2 cores. The claim is that every poll is served, not how soon.
  test.setTimeout(120_000);
  const jobId = await indexText(sim, 'docs', 'x');
  const answers = await Promise.all(Array.from({ length: 1000 }, () => pollOnOwnConnection(sim, `/v2/jobs/${jobId}`)));
  const kinds = answers.map((a, i) => classify(a, i).kind);
  expect(kinds.filter((k) => k !== 'snapshot')).toEqual([]);
  expect(answers.flatMap((a) => findingsOfCheck(checkContentType, a, {}))).toEqual([]);
});
