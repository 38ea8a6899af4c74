import { test, expect } from '@playwright/test';
import nock from 'nock';
import { runWatch } from '../../../src/cli/watch.js';
import { VirtualClock } from '../../../src/client/clock.js';
import { BASE, interceptWithNock, KEY, ORG, T0 } from './harness.js';
import { completed, running } from './sample-jobs.js';
import { placeholderBody } from '../../../generators/placeholder.js';
import { httpError, ok, serveStatus } from './answers.js';

interceptWithNock();

const env = { CONFORMANCE_BASE_URL: BASE, CAPTAIN_API_KEY: KEY, CAPTAIN_ORG_ID: ORG };

async function watch(args: string[], environment: Record<string, string | undefined> = env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWatch(args, { env: environment, out: (l) => out.push(l), err: (l) => err.push(l), clock: new VirtualClock(T0) });
  return { code, out, err };
}

test('a conforming timeline prints one line per answer and exits 0', async () => {
  serveStatus('j1', [ok(running('j1')), ok(placeholderBody('j1')), ok(completed('j1'))]);
  const { code, out } = await watch(['j1']);
  expect(code).toBe(0);
  expect(out).toHaveLength(7);
  expect(out[1]).toContain('#0    +0.0s  running stage=embedding files=1/2 failed=0 skipped=0 eta=3s');
  expect(out[2]).toContain('#1    +3.0s  placeholder (unknown, retry shortly)');
  expect(out.at(-1)).toBe('verdict: conforms');
  expect(out.join('\n')).not.toContain(KEY);
});

test('a regression after a terminal status is reported and exits 1', async () => {
  serveStatus('j1', [ok(completed('j1', { status: 'running', completed_at: null })), ok(completed('j1', { completed_at: null }))]);
  const { code, out } = await watch(['j1']);
  expect(code).toBe(1);
  expect(out.join('\n')).toContain('MUST JS-STATE');
  expect(out.at(-1)).toBe('verdict: does not conform');
});

test('a job that cannot be followed says why, judges what it saw, and exits 1', async () => {
  serveStatus('j1', [ok(running('j1')), httpError(404, { detail: 'Job not found' })]);
  const { code, out } = await watch(['j1']);
  expect(code).toBe(1);
  expect(out).toContain(
    'could not follow the job: job j1: the status endpoint answered HTTP 404: {"detail":"Job not found"}; retrying cannot fix a 404',
  );
  expect(out).toContain('timeline of 2 answers: 0 MUST and 0 SHOULD findings');
  expect(out.at(-1)).toBe('verdict: does not conform');
});

test('a mistyped job id (404 on the first poll) or a wrong key (401) cannot be judged: it says what to check and exits 2', async () => {
  serveStatus('j-typo', [httpError(404, { detail: 'Job not found' })]);
  const missing = await watch(['j-typo']);
  expect(missing.code).toBe(2);
  expect(missing.out.at(-1)).toBe(
    'verdict: cannot judge: job j-typo was not found (HTTP 404): check the job id, the organization (CAPTAIN_ORG_ID) and CONFORMANCE_BASE_URL (without /v2)',
  );
  expect(missing.out.join('\n')).not.toContain('does not conform');
  expect(missing.out.join('\n')).not.toContain('1 requests');
  nock.cleanAll();
  serveStatus('j1', [httpError(401, { detail: 'Invalid API key' })]);
  const rejected = await watch(['j1']);
  expect(rejected.code).toBe(2);
  expect(rejected.out.at(-1)).toMatch(/^verdict: cannot judge: the key was rejected \(HTTP 401\): check CAPTAIN_API_KEY/);
  expect(rejected.out.join('\n')).not.toContain(KEY);
});

test('usage errors exit 2 without a request', async () => {
  expect((await watch([])).code).toBe(2);
  expect((await watch(['j1', '--files-limit', '0'])).code).toBe(2);
  expect((await watch(['j1', '--collection', 'c'])).code).toBe(2);
  const missing = await watch(['j1'], {});
  expect(missing.code).toBe(2);
  expect(missing.err.join('\n')).toContain('CONFORMANCE_BASE_URL is not set');
});
