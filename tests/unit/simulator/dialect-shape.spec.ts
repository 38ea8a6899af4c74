// The pure pieces behind the variant dialect: spellings, ids, Retry-After values and live drift.
import { test, expect } from '@playwright/test';
import { isWellFormedJobId } from '../../../src/simulator/job-id.js';
import { touched, withLiveFields } from '../../../src/simulator/live-fields.js';
import { retryAfterValue } from '../../../src/simulator/retry-after.js';
import { withOffset } from '../../../src/simulator/timestamp-spelling.js';
import { PLAIN, VENDOR_VARIANT } from '../../../src/simulator/dialect.js';
import { shapeSnapshot } from '../../../src/simulator/dialect-shape.js';
import { billingOf } from '../../../src/model/billing.js';
import type { JobSnapshot } from '../../../src/model/job.js';

test('withOffset spells the same instant with +00:00 and microseconds, and leaves other text alone', () => {
  expect(withOffset('2026-03-05T10:00:00.123Z')).toBe('2026-03-05T10:00:00.123000+00:00');
  expect(withOffset('2026-03-05T10:00:00Z')).toBe('2026-03-05T10:00:00.000000+00:00');
  expect(Date.parse(withOffset('2026-03-05T10:00:00.123Z'))).toBe(Date.parse('2026-03-05T10:00:00.123Z'));
  expect(withOffset('not a time')).toBe('not a time');
});

test('a job id is well formed when it is a token of letters, digits, - and _', () => {
  for (const id of ['00000000-0000-0000-0000-000000000000', 'job_01HZX3Q8M4V7', 'a']) expect(isWellFormedJobId(id), id).toBe(true);
  for (const id of ['', '<script>', '../../etc', 'a b', 'x%y', 'v1.2', '-lead']) expect(isWellFormedJobId(id), id).toBe(false);
});

test('Retry-After is the seconds as given, or an HTTP date at least that far ahead of the real clock', () => {
  expect(retryAfterValue(3, false)).toBe('3');
  expect(retryAfterValue(0, false)).toBe('0');
  const now = Date.parse('2026-03-05T10:00:00.400Z');
  expect(retryAfterValue(2, true, now)).toBe('Thu, 05 Mar 2026 10:00:03 GMT');
  expect(Date.parse(retryAfterValue(2, true, now))).toBeGreaterThanOrEqual(now + 2000);
});

test('live drift only ever lowers credits remaining and moves updated_at forward, from the seed', () => {
  const first = touched(undefined, 1_000, 7, 'job');
  const second = touched(first, 500, 7, 'job');
  expect(second.creditsSpentElsewhere).toBeGreaterThan(first.creditsSpentElsewhere);
  expect(second.touchedAtMs).toBe(1_000); // a clock read that is not later never moves it back
  expect(touched(undefined, 1_000, 7, 'job')).toEqual(first);
  const done = {
    job_id: 'job',
    status: 'completed',
    updated_at: '1970-01-01T00:00:00.500Z',
    estimated_time_remaining_seconds: 0,
    billing: billingOf(3),
  } as JobSnapshot;
  const live = withLiveFields(done, second);
  expect(live.billing!.credits).toEqual({ used: 3, remaining: Math.round((99_997 - second.creditsSpentElsewhere) * 100) / 100 });
  expect(live.updated_at).toBe('1970-01-01T00:00:01.000Z');
  expect(live.estimated_time_remaining_seconds).toBeNull();
});

test('the plain dialect serves the model snapshot untouched', () => {
  const s = { job_id: 'j', status: 'pending', files: [], created_at: '2026-03-05T10:00:00.000Z' } as JobSnapshot;
  expect(shapeSnapshot(s, PLAIN)).toBe(s);
  expect(shapeSnapshot(s, VENDOR_VARIANT)).toMatchObject({ files: null, created_at: '2026-03-05T10:00:00.000000+00:00' });
});
