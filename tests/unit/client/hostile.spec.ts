// The client against a hostile target, one case per test, over real loopback sockets: it returns an
// Exchange that names the problem, never throws, never waits past its timeout, follows no redirect
// (so the key goes nowhere else), and the oracle turns what came back into a finding.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { CaptainClient } from '../../../src/client/captain-client.js';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { EXPECTED } from '../../hostile/expectations.js';
import { HOSTILE_CASES, startHostileTarget, type HostileTarget } from '../../hostile/target.js';
import { pending } from './sample-jobs.js';

const CANARY = `canary-${randomBytes(12).toString('hex')}`;
const TIMEOUT_MS = 1_500;
const JOB = 'job-hostile-1';

test.describe.configure({ timeout: 30_000 });

for (const name of HOSTILE_CASES) {
  const expected = EXPECTED[name];
  test(`${expected.title}: the client returns an exchange naming it and the oracle files a finding no other case's words match`, async () => {
    let target: HostileTarget | undefined;
    try {
      target = await startHostileTarget({ every: name, canned: (jobId) => pending(jobId) });
      const recorded: Exchange[] = [];
      const client = new CaptainClient({
        baseUrl: target.baseUrl,
        apiKey: CANARY,
        timeoutMs: TIMEOUT_MS,
        onExchange: (e) => recorded.push(e),
      });

      const response = await client.getJob(JOB); // resolves: the client never throws for what a target does
      const { exchange } = response;
      expect(recorded).toEqual([exchange]);
      expect(exchange.status, 'an answer arrived: its status is kept').toBeGreaterThan(0);
      // Below the JSON the exchange names the problem; a problem in the JSON is the oracle's to name, not the client's.
      expect(exchange.error).toEqual(expected.exchangeError ? expect.stringMatching(expected.exchangeError) : undefined);
      // Whether the body was cut is the case's, not the run's: a cut body is never parsed.
      expect(exchange.truncated ?? false, 'the body was cut off').toBe(expected.cut ?? false);
      if (expected.cut) expect(response.json, 'a cut body is never parsed').toBeUndefined();

      // Bounded memory: what is kept is at most the 8 MiB cap, however much the target sends.
      expect(Buffer.byteLength(exchange.body)).toBeLessThanOrEqual(8 * 1024 * 1024);
      // The key went nowhere but the configured origin, and is in no part of the record.
      expect(target.other.requests).toEqual([]);
      expect(JSON.stringify(exchange)).not.toContain(CANARY);

      const findings = judgeTimeline([classify(exchange, 0)], { jobId: JOB });
      const messages = findings.map((f) => `${f.requirement}: ${f.message}`);
      expect(
        messages.some((m) => m.startsWith(`${expected.requirement}: `) && expected.finding.test(m)),
        messages.join('\n'),
      ).toBe(true);
      expect(messages.join('\n')).not.toContain(CANARY);
      // The expectations tell the cases apart: no other case's words name this one's findings.
      for (const other of HOSTILE_CASES.filter((o) => o !== name && EXPECTED[o].requirement === expected.requirement)) {
        expect(
          messages.filter((m) => m.startsWith(`${expected.requirement}: `) && EXPECTED[other].finding.test(m)),
          `${other}'s expectation also matches ${name}'s finding`,
        ).toEqual([]);
      }
    } finally {
      await target?.close();
    }
  });
}

test('a slow loris is cut off by the request timeout, never sooner, each request on its own', async () => {
  const target = await startHostileTarget({ every: 'slow-loris', canned: (jobId) => pending(jobId) });
  try {
    const client = new CaptainClient({ baseUrl: target.baseUrl, apiKey: CANARY, timeoutMs: TIMEOUT_MS });
    // Several at once: each ends on its own timeout, none waits for the others' sockets.
    const answers = await Promise.all([client.getJob('a'), client.getJob('b'), client.getJob('c')]);
    for (const { exchange } of answers) {
      expect(exchange.error).toBe(`body broke off after 0 bytes: timeout after ${TIMEOUT_MS} ms`);
      expect(exchange.durationMs ?? Infinity).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    }
  } finally {
    await target.close();
  }
});

test('an endless trickle (a byte every 20 ms, forever) is cut off by the same timeout: it covers the body, not each chunk', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"job_id":"trickle","padding":"');
    const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('z')), 20);
    res.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    const client = new CaptainClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: CANARY, timeoutMs: TIMEOUT_MS });
    const { exchange } = await client.getJob('trickle');
    expect(exchange.error).toMatch(new RegExp(`^body broke off after [1-9]\\d* bytes: timeout after ${TIMEOUT_MS} ms$`));
    expect(exchange.truncated).toBe(true);
    expect(exchange.durationMs ?? 0).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a redirect is the answer: neither the request nor the key follows it to another origin', async () => {
  const target = await startHostileTarget({ every: 'redirect-other-host', canned: (jobId) => pending(jobId) });
  try {
    const client = new CaptainClient({ baseUrl: target.baseUrl, apiKey: CANARY, timeoutMs: TIMEOUT_MS });
    const { exchange, ok, json } = await client.getJob(JOB);
    expect(exchange.status).toBe(307);
    expect(exchange.headers.location).toBe(`${target.other.baseUrl}/v2/jobs/${JOB}`);
    expect(ok).toBe(false);
    expect(json).toBeUndefined();
    expect(target.other.requests, 'nothing reached the other origin').toEqual([]);
  } finally {
    await target.close();
  }
});

test('a byte-order mark is kept in the recorded body and named, yet the JSON is read as fetch().json() would', async () => {
  const target = await startHostileTarget({ every: 'bom', canned: (jobId) => pending(jobId) });
  try {
    const client = new CaptainClient({ baseUrl: target.baseUrl, apiKey: CANARY });
    const { exchange, json } = await client.getJob(JOB);
    expect(exchange.body.startsWith('\uFEFF{')).toBe(true);
    expect(exchange.error).toBe('body starts with a byte-order mark');
    expect((json as { job_id?: string }).job_id).toBe(JOB);
  } finally {
    await target.close();
  }
});

test('invalid UTF-8 is read without throwing: the bad bytes become U+FFFD and the JSON still parses', async () => {
  const target = await startHostileTarget({ every: 'invalid-utf8', canned: (jobId) => pending(jobId) });
  try {
    const client = new CaptainClient({ baseUrl: target.baseUrl, apiKey: CANARY });
    const { exchange, json } = await client.getJob(JOB);
    expect((json as { note?: string }).note).toBe('caf\uFFFD\uFFFD\uFFFD');
    expect(exchange.error).toBe('body is not valid UTF-8');
  } finally {
    await target.close();
  }
});

test('a connection reset mid-body keeps the status and what arrived, and says why the rest did not', async () => {
  const target = await startHostileTarget({ every: 'reset-mid-body', canned: (jobId) => pending(jobId) });
  try {
    const client = new CaptainClient({ baseUrl: target.baseUrl, apiKey: CANARY });
    const { exchange } = await client.getJob(JOB);
    expect(exchange.status).toBe(200);
    expect(exchange.truncated).toBe(true);
    expect(exchange.body.length).toBeGreaterThan(0);
    expect(JSON.stringify(pending(JOB)).startsWith(exchange.body)).toBe(true);
  } finally {
    await target.close();
  }
});
