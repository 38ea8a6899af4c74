// --rate-limit N: per API key, beyond N requests in a one-second window of the real clock, a 429
// with an integer Retry-After and an Error body; the control API is exempt. No timing is asserted.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import { checkErrorBody } from '../../../src/oracle/response-checks.js';
import { RateLimiter } from '../../../src/simulator/rate-limiter.js';
import { get, post, startManual, type Sim } from './harness.js';

test.describe('the window (injected real clock)', () => {
  test('N requests fit a second, the next is refused until the oldest leaves the window', () => {
    let now = 10_000;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('k'), limiter.take('k')]).toEqual([{ ok: true }, { ok: true }]);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('other')).toEqual({ ok: true });
    now += 999;
    expect(limiter.take('k').ok).toBe(false);
    now += 1;
    expect(limiter.take('k')).toEqual({ ok: true });
  });

  test('refused requests do not use up the window, and a limit below 1 is refused', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    limiter.take('k');
    for (let i = 0; i < 5; i++) expect(limiter.take('k').ok).toBe(false);
    now = 1000;
    expect(limiter.take('k').ok).toBe(true);
    expect(() => new RateLimiter(0)).toThrow(RangeError);
  });
});

test.describe('over HTTP', () => {
  let sim: Sim;
  test.afterEach(async () => {
    await sim.close();
  });

  const burst = async (n: number, key?: string) => {
    const answers = [];
    for (let i = 0; i < n; i++) answers.push(await get(sim, '/v2/jobs/00000000-0000-4000-8000-000000000000', key ? { key } : {}));
    return answers;
  };

  test('beyond N per second a key gets 429 with an integer Retry-After >= 1, then is served again after waiting it', async () => {
    // The limit's real clock is the test's: the burst falls in one window however slow the machine, and the wait is not slept.
    let realMs = 50_000;
    sim = await startManual({ rateLimit: 3, rateLimitNow: () => realMs, otherOrg: { apiKey: 'second-key', orgId: 'second-org' } });
    const answers = await burst(10);
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, ...Array(7).fill(429)]);
    const last = limited.at(-1)!;
    expect(last.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(findingsOfCheck(checkErrorBody, last, {})).toEqual([]);
    expect(last.json).toMatchObject({ detail: expect.any(String) });
    expect((await burst(1, 'second-key'))[0]!.status).toBe(404); // another key has its own window
    expect((await get(sim, '/_sim/health')).status).toBe(200); // the control API is exempt
    for (let i = 0; i < 5; i++) expect((await post(sim, '/_sim/clock/advance', { seconds: 1 })).status).toBe(200);
    // Just short of the Retry-After given the key is still refused; once it has passed, it is served again.
    realMs += Number(last.headers['retry-after']) * 1000 - 1;
    expect((await burst(1))[0]!.status).toBe(429);
    realMs += 1;
    expect((await burst(1))[0]!.status).toBe(404);
  });

  test('with the variant dialect and no control API the limit still holds, Retry-After as an HTTP date', async () => {
    sim = await startManual({ rateLimit: 1, dialect: 'vendor-variant', control: false });
    const answers = await burst(3);
    const limited = answers.find((a) => a.status === 429);
    expect(limited, JSON.stringify(answers.map((a) => a.status))).toBeDefined();
    expect(Date.parse(limited!.headers['retry-after']!)).toBeGreaterThan(Date.parse(limited!.headers.date!));
    expect(findingsOfCheck(checkErrorBody, limited!, {})).toEqual([]);
  });

  test('without --rate-limit nothing is limited', async () => {
    sim = await startManual();
    expect((await burst(20)).every((a) => a.status === 404)).toBe(true);
  });
});
