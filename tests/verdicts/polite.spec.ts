// A polite client, measured at the target: a real conformance run against a simulator whose rate limit is
// BELOW the suite's CONFORMANCE_MAX_RPS (so 429s do come), behind a proxy that logs every request. Over the
// whole run the mean rate stays at or under CONFORMANCE_MAX_RPS, and after every 429 the same request comes
// again no sooner than its Retry-After. Both follow from lower bounds the client keeps itself (its spacing,
// its waits), so neither depends on how fast the machine is. The busiest second, which delivery jitter on a
// loaded machine can crowd, is reported and not asserted: it is a figure, not a bound. The rate is the run's, not each
// worker's: the workers take their turns from one coordinator (tools/rate-coordinator.ts); processes that ask for more
// than the rate at once are held to it at the target in tests/unit/tools/rate-coordinator.spec.ts. The request budget's end
// (a clear message, inconclusive requirements, a ceiling at the target across workers) is tests/verdicts/inconclusive.spec.ts.
import { startSimulator } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { expect, test } from './support/fixtures.js';
import { startRewritingProxy } from '../../tools/rewriting-proxy.js';
import { apiRequests, meanRate, peakInWindow, retryAfterWaits, trafficLog } from './support/traffic-log.js';

const MAX_RPS = 8;
const WORKERS = 2;
/** Per API key and one-second window: below MAX_RPS, so the suite meets 429s. */
const SIMULATOR_RATE_LIMIT = 5;
/**
 * The coordinator gives the run's turns 1000 / MAX_RPS = 125 ms apart at least, whichever worker asks, so n of
 * the run's requests span (n - 1) spacings or more when given their turns. Arriving, the span can shrink only by
 * how much later the first arrived than the last: one turn's and one request's delivery, a fraction of a run of
 * many seconds. The mean over the run may be that fraction over the limit, never more: ALLOWANCE is the factor for it.
 */
const ALLOWANCE = 1.1;
/** libuv keeps time in whole milliseconds: a timer may fire up to 1 ms before its exact real-time mark. */
const TIMER_GRANULARITY_MS = 1;
const FILES = ['tests/conformance/generated.spec.ts', 'tests/conformance/transitions.spec.ts', 'tests/conformance/state.spec.ts'];

test('against a rate-limited target the run keeps to CONFORMANCE_MAX_RPS on average and waits out every Retry-After', async ({
  suite,
}, testInfo) => {
  const simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    control: true,
    rateLimit: SIMULATOR_RATE_LIMIT,
    apiKey: 'polite-key',
    orgId: 'polite-org',
    otherOrg: null,
  });
  const log = trafficLog();
  const front = await startRewritingProxy(simulator.baseUrl, log.rewrite);
  try {
    const run = await suite.run({
      baseUrl: front.baseUrl,
      apiKey: simulator.apiKey,
      orgId: simulator.orgId,
      files: FILES,
      workers: WORKERS,
      env: { CONFORMANCE_MAX_RPS: String(MAX_RPS), CONFORMANCE_SCENARIOS: '8' },
      timeoutMs: 240_000,
    });
    const api = apiRequests(log.entries);
    const arrivals = api.map((e) => e.arrivedAt);
    const peak = peakInWindow(arrivals);
    const mean = meanRate(arrivals);
    const limited = api.filter((e) => e.status === 429);
    const waits = retryAfterWaits(api);
    testInfo.annotations.push(
      {
        type: 'requests',
        description: `${api.length} to the API (${log.entries.length - api.length} to /_sim/, not counted), ${limited.length} answered 429`,
      },
      {
        type: 'measured rate',
        description: `mean ${mean.toFixed(2)}/s (at most ${MAX_RPS} x ${ALLOWANCE}); the busiest 1 s window held ${peak.count} (a figure, not a bound); limit CONFORMANCE_MAX_RPS=${MAX_RPS}`,
      },
      {
        type: 'Retry-After',
        description: `${waits.length} honoured; shortest margin ${Math.min(...waits.map((w) => (w.waitedMs ?? Infinity) - w.askedMs)).toFixed(1)} ms`,
      },
    );
    console.log(testInfo.annotations.map((a) => `${a.type}: ${a.description}`).join('\n'));

    expect(run.results.requirements.length, `the run wrote its verdicts\n${run.output.slice(-3000)}`).toBeGreaterThan(0);
    expect(api.length, 'the run talked to the target').toBeGreaterThan(50);
    expect(mean, `mean of ${mean.toFixed(2)} requests per second over the run`).toBeLessThanOrEqual(MAX_RPS * ALLOWANCE);

    // The target's limit is below the suite's rate: 429s came, or the Retry-After check below proves nothing.
    expect(limited.length, 'the simulator answered some requests 429').toBeGreaterThan(0);
    expect(waits.length, 'the 429s carried a readable Retry-After').toBe(limited.length);
    const early = waits.filter((w) => w.waitedMs !== undefined && w.waitedMs < w.askedMs - TIMER_GRANULARITY_MS);
    expect(early, 'requests sent again before their Retry-After had passed').toEqual([]);
    expect(
      waits.some((w) => w.waitedMs !== undefined),
      'some 429 was followed by the same request again',
    ).toBe(true);
  } finally {
    await front.close();
    await simulator.close();
  }
});
