// The recording proxy forwards every request and answer unchanged (status, reason, headers, body bytes,
// streaming), records each exchange with its key redacted and long bodies kept cut (and said so), and on
// stop writes exchanges.har and the report: in front of the simulator, with the reference poller going
// through it, the report finds nothing and every answer the client got is the one the simulator sent.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { CaptainClient } from '../../../src/client/captain-client.js';
import { waitForJob } from '../../../src/client/wait-for-job.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { startRecordingProxy } from '../../../src/proxy/recording-proxy.js';
import { SUITE_TIME_SCALE } from '../../../src/simulator/clock.js';
import { startSimulator } from '../../../src/simulator/server.js';
import { startRewritingProxy } from '../../../tools/rewriting-proxy.js';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'recording-proxy-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Raw {
  status: number;
  message: string;
  headers: string[];
  body: Buffer;
}

/** One request with node:http, the answer's bytes as they arrived; `onFirstChunk` runs when the first body bytes do. */
function fetchRaw(
  url: string,
  options: { method?: string; body?: Buffer; headers?: Record<string, string>; onFirstChunk?: () => void } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res: IncomingMessage) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (parts.length === 0) options.onFirstChunk?.();
        parts.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode!, message: res.statusMessage!, headers: res.rawHeaders, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const ignoredHeaders = new Set(['date', 'connection', 'keep-alive']);
const endToEnd = (raw: string[]) => raw.flatMap((v, i) => (i % 2 === 0 && !ignoredHeaders.has(v.toLowerCase()) ? [[v, raw[i + 1]]] : []));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('every answer passes unchanged, byte for byte and streamed; the recording redacts the key and says which body it kept cut', async () => {
  const big = randomBytes(3 * 1024 * 1024);
  let released: () => void = () => {};
  const clientHasFirstChunk = new Promise<void>((resolve) => (released = resolve));
  const upstream = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const sent = Buffer.concat(parts);
      switch (req.url) {
        case '/v2/jobs/gzip':
          res.writeHead(
            200,
            'Fine Indeed',
            [
              ['Content-Type', 'application/json'],
              ['Content-Encoding', 'gzip'],
              ['Set-Cookie', 'a=1'],
              ['Set-Cookie', 'b=2'],
              ['X-Odd', '  spaced  '],
            ].flat(),
          );
          return res.end(gzipSync('{"job_id":"gzip","status":"pending"}'));
        case '/v2/jobs/stream':
          // The rest is sent only once the client has the first bytes: a proxy that buffered would never deliver them.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"job_id":"stream",');
          void Promise.race([clientHasFirstChunk.then(() => 'running'), new Promise((r) => setTimeout(() => r('buffered'), 5_000))]).then(
            (status) => res.end(`"status":"${status}"}`),
          );
          return;
        case '/v2/jobs/bytes':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '6' });
          return res.end(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]));
        case '/v2/jobs/big':
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(big.length) });
          return res.end(big);
        case '/v2/jobs/none/cancel':
          res.writeHead(204, 'No Content', []);
          return res.end();
        default:
          res.writeHead(404, {
            'content-type': 'application/json',
            'x-echo-length': String(sent.length),
            'x-echo-sha': createHash('sha256').update(sent).digest('hex'),
          });
          return res.end(JSON.stringify({ detail: `no ${req.method} ${req.url}` }));
      }
    });
  });
  const target = await listen(upstream);
  const key = 'cap_dev_0123456789abcdefghij';
  const proxy = await startRecordingProxy({ target, outputDir: dir, secrets: [key], profile: 'default', maxBodyBytes: 1024 * 1024 });
  try {
    const body = Buffer.from(JSON.stringify({ query: 'x', api_key: key }));
    const cases: Array<[string, Parameters<typeof fetchRaw>[1]]> = [
      ['/v2/jobs/gzip', { headers: { authorization: `Bearer ${key}`, 'accept-encoding': 'gzip' } }],
      ['/v2/jobs/bytes', {}],
      ['/v2/jobs/big', {}],
      ['/v2/jobs/none/cancel', { method: 'POST' }],
      ['/v2/collections/c/query?api_key=' + key, { method: 'POST', body, headers: { 'content-type': 'application/json' } }],
    ];
    for (const [url, options] of cases) {
      const direct = await fetchRaw(target + url, options);
      const proxied = await fetchRaw(proxy.baseUrl + url, options);
      expect(proxied.status, url).toBe(direct.status);
      expect(proxied.message, url).toBe(direct.message);
      expect(endToEnd(proxied.headers), url).toEqual(endToEnd(direct.headers));
      expect(proxied.body.equals(direct.body), `${url}: the same ${direct.body.length} bytes`).toBe(true);
    }
    const streamed = await fetchRaw(`${proxy.baseUrl}/v2/jobs/stream`, { onFirstChunk: () => released() });
    expect(streamed.body.toString()).toBe('{"job_id":"stream","status":"running"}');
  } finally {
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  }
  const { har, exchanges } = await proxy.stop();
  expect(exchanges).toBe(6);
  const text = readFileSync(har, 'utf8');
  expect(text).not.toContain(key);
  const entries = (JSON.parse(text) as { log: { version: string; entries: Array<Record<string, any>> } }).log;
  expect(entries.version).toBe('1.2');
  const byUrl = (suffix: string) => entries.entries.find((e) => String(e.request.url).includes(suffix))!;
  expect(byUrl('/v2/jobs/gzip').response.content.text).toBe('{"job_id":"gzip","status":"pending"}'); // kept decoded, as a client reads it
  expect(byUrl('/v2/jobs/gzip').request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [redacted]' });
  expect(byUrl('/v2/jobs/big')._bodyCut).toBe(`the recording kept the first ${1024 * 1024} of ${big.length} bytes of this body`);
  expect(byUrl('/v2/jobs/bytes')).toMatchObject({ _bom: true, _invalidUtf8: true });
  expect(byUrl('/v2/jobs/stream').response.content.text).toBe('{"job_id":"stream","status":"running"}');
});

test('in front of the simulator, with the reference poller through it, every answer is the simulator’s and the report finds nothing', async () => {
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    apiKey: 'cap_dev_recording_proxy_key_0001',
    orgId: 'org-recording',
  });
  // What the simulator sent, seen by an independent buffering proxy between it and the recording proxy.
  const sent: Array<{ url: string; status: number; body: string }> = [];
  const logger = await startRewritingProxy(sim.baseUrl, async (req, forward) => {
    const answer = await forward(req);
    sent.push({ url: req.url, status: answer.status, body: answer.body.toString('utf8') });
    return answer;
  });
  const proxy = await startRecordingProxy({ target: logger.baseUrl, outputDir: dir, secrets: [sim.apiKey], profile: 'default' });
  const got: Exchange[] = [];
  try {
    const client = new CaptainClient({
      baseUrl: proxy.baseUrl,
      apiKey: sim.apiKey,
      organizationId: sim.orgId,
      onExchange: (e) => got.push(e),
    });
    await client.putCollection('recorded');
    const jobs: string[] = [];
    for (const content of ['first document', 'second document']) {
      const created = await client.indexText('recorded', { content });
      expect(created.ok, created.exchange.body).toBe(true);
      jobs.push(created.json!.job_id);
    }
    for (const jobId of jobs) {
      const done = await waitForJob(client, jobId, {
        minIntervalMs: 5,
        maxIntervalMs: 50,
        defaultIntervalMs: 20,
        placeholderDelayMs: 10,
        retryBaseMs: 10,
        deadlineMs: 30_000,
      });
      expect(done.outcome).toBe('terminal');
    }
    await client.cancelJob(jobs[0]!);
  } finally {
    await logger.close();
    await sim.close();
  }
  const { results, exchanges } = await proxy.stop();
  // Not one byte changed: every answer the client read is the one the simulator sent, in order.
  expect(got.map((e) => ({ url: e.request.url, status: e.status, body: e.body }))).toEqual(sent);
  expect(exchanges).toBe(got.length);
  expect(results.target).toMatchObject({ kind: 'recorded', baseUrl: logger.baseUrl });
  expect(results.requirements.flatMap((r) => r.findings)).toEqual([]);
  expect(results.summary.verdict).not.toBe('not-conformant');
  expect(results.recorded.jobs.map((j) => j.jobId).sort()).toEqual(
    [...new Set(got.map((e) => /\/v2\/jobs\/([^/?]+)/.exec(e.request.url)?.[1]).filter(Boolean))].sort(),
  );
  expect(results.requirements.find((r) => r.id === 'JS-CANCEL-004')?.status).toBe('passed');
  for (const id of ['JS-SHAPE-001', 'JS-SHAPE-002']) expect(results.requirements.find((r) => r.id === id)?.status, id).toBe('passed');
});

test('npm run proxy: on SIGTERM it writes exchanges.har and the report of what went through, and exits as the suite does', async () => {
  test.setTimeout(60_000);
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    apiKey: 'cap_dev_recording_cli_key_000001',
    orgId: 'org-cli',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/proxy.ts', '--target', sim.baseUrl, '--reports', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const match = /recording proxy on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`the proxy exited early:\n${output}`)));
    });
    const client = new CaptainClient({ baseUrl, apiKey: sim.apiKey, organizationId: sim.orgId });
    const answer = await client.getJob('no-such-job');
    expect(answer.exchange.status).toBe(404);
    const exitCode = await new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
    expect(output).toMatch(/stopped \(SIGTERM\): 1 exchange\(s\) recorded/);
    expect(exitCode, output).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'conformance', 'results.json'), 'utf8')) as {
      target: { kind: string };
      recorded: { judged: number };
    };
    expect(results).toMatchObject({ target: { kind: 'recorded' }, recorded: { judged: 1 } });
    expect(readFileSync(path.join(dir, 'conformance', 'exchanges.har'), 'utf8')).not.toContain(sim.apiKey);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await sim.close();
  }
});
