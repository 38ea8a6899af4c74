import { test, expect } from '@playwright/test';
import { parseRetryAfter } from '../../../src/model/retry-after.js';
import { fullJitter } from '../../../src/client/backoff.js';
import { seededRandom } from '../../../src/model/random.js';
import { baseName, findMatch, matchesFile } from '../../../src/client/file-match.js';
import { isMediaUri } from '../../../src/client/media.js';
import { budgetedFetch, memoryLedger, RequestBudgetExhausted } from '../../../src/client/request-budget.js';

const NOW = Date.parse('2026-03-01T10:00:00.000Z');

test('Retry-After is read as delay-seconds or as an HTTP-date, anything else is ignored', () => {
  expect(parseRetryAfter('7', NOW)).toBe(7000);
  expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', NOW)).toBe(30_000);
  expect(parseRetryAfter('Sun, 01 Mar 2026 09:59:00 GMT', NOW)).toBe(0);
  for (const bad of [undefined, '', '1.5', '-3', 'soon']) expect(parseRetryAfter(bad, NOW)).toBeUndefined();
});

test('full jitter stays under an exponential ceiling capped at maxMs, and the seed replays it', () => {
  const policy = { baseMs: 1000, maxMs: 8000 };
  const a = seededRandom(9);
  const b = seededRandom(9);
  for (let attempt = 1; attempt <= 8; attempt++) {
    const wait = fullJitter(attempt, policy, a);
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThanOrEqual(Math.min(8000, 1000 * 2 ** (attempt - 1)));
    expect(fullJitter(attempt, policy, b)).toBe(wait);
  }
});

test('a query result references a file by base name, uri or document_id', () => {
  expect(baseName('s3://bucket/videos/My%20Intro.mp4?versionId=3')).toBe('My Intro.mp4');
  expect(matchesFile({ filename: 'intro.mp4' }, 's3://b/v/intro.mp4')).toBe(true);
  expect(matchesFile({ uri: 's3://b/v/intro.mp4' }, { uri: 's3://b/v/intro.mp4', filename: 'other' })).toBe(true);
  expect(matchesFile({ document_id: 'd1' }, { documentId: 'd1' })).toBe(true);
  expect(matchesFile({ filename: 'intro.mp4' }, 's3://b/v/outro.mp4')).toBe(false);
  expect(matchesFile({ filename: '' }, { documentId: 'x' })).toBe(false);
  expect(findMatch({ relevant_documents: [{ filename: 'intro.mp4' }] }, 's3://b/intro.mp4')).toEqual({ filename: 'intro.mp4' });
  expect(findMatch({ search_results: 'oops' as never }, 's3://b/intro.mp4')).toBeUndefined();
});

test('media files are told by extension', () => {
  expect(isMediaUri('s3://b/v/clip.MP4')).toBe(true);
  expect(isMediaUri('s3://b/podcast.mp3?x=1')).toBe(true);
  expect(isMediaUri('s3://b/report.pdf')).toBe(false);
  expect(isMediaUri('s3://b.mp4/noext')).toBe(false);
});

test('the request budget is a ceiling shared through its ledger: past it every call fails with a named error, none is sent', async () => {
  const ledger = memoryLedger(3);
  let sent = 0;
  const inner: typeof fetch = async () => {
    sent += 1;
    return new Response('{}');
  };
  // Two fetches, as two workers of one run, sharing the run's ledger.
  const a = budgetedFetch({ maxRequests: 3, perSecond: Infinity }, inner, ledger);
  const b = budgetedFetch({ maxRequests: 3, perSecond: Infinity }, inner, ledger);
  await a.fetch('http://127.0.0.1/1');
  await b.fetch('http://127.0.0.1/2');
  await a.fetch('http://127.0.0.1/3');
  await expect(b.fetch('http://127.0.0.1/4')).rejects.toThrow(RequestBudgetExhausted);
  await expect(a.fetch('http://127.0.0.1/5')).rejects.toThrow('request budget of 3 requests exhausted');
  expect(sent).toBe(3);
  expect(a.sent()).toBe(3);
});
