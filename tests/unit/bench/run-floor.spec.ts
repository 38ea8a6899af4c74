// The floor of a run from its record (bench/run-floor.ts): a job's wait runs from its creation to the first answer
// that shows it ended after one that showed it unfinished; a job first seen ended was not waited for.
import { expect, test } from '@playwright/test';
import type { HarEntry } from '../../../src/har/har-format.js';
import { jobWaits, runFloor } from '../../../bench/run-floor.js';

const T0 = Date.parse('2026-12-02T04:00:00.000Z');

function entry(atSeconds: number, method: string, url: string, status: number, body: unknown, test = 'a test'): HarEntry {
  return {
    startedDateTime: new Date(T0 + atSeconds * 1000).toISOString(),
    time: 100,
    request: { method, url, httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'application/json', text: JSON.stringify(body) },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 100, receive: 0 },
    _test: test,
  };
}

const job = (id: string) => `http://t/v2/jobs/${id}`;

test('the longest wait runs from the create request to the answer that showed the job ended; a job first seen ended is no wait', () => {
  const entries = [
    entry(0, 'POST', 'http://t/v2/collections/c/index/text', 202, { job_id: 'a', status: 'pending' }),
    entry(1, 'GET', job('a'), 200, { job_id: 'a', status: 'running' }),
    entry(30, 'GET', job('a'), 200, { job_id: 'a', status: 'completed' }, 'the waiting test'),
    entry(31, 'GET', job('a'), 200, { job_id: 'a', status: 'completed' }),
    // Created early, read late: already ended when first seen.
    entry(2, 'POST', 'http://t/v2/collections/c/index/file', 202, { job_id: 'b', status: 'pending' }),
    entry(90, 'GET', job('b'), 200, { job_id: 'b', status: 'completed' }),
    // Played through the fault hook: its wait starts at its first answer.
    entry(5, 'GET', job('c'), 200, { job_id: 'c', status: 'pending' }),
    entry(15, 'GET', job('c'), 200, { job_id: 'c', status: 'cancelled' }),
  ];
  expect(jobWaits(entries).map((w) => [w.jobId, w.seconds, w.test])).toEqual([
    ['a', 30.1, 'the waiting test'],
    ['c', 10.1, 'a test'],
  ]);
  const floor = runFloor(entries, 2, 40);
  expect([floor.requestSeconds, floor.floorSeconds, floor.lowerBoundSeconds]).toEqual([20, 50.1, 30.1]);
});
