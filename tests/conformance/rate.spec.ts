import { requirements } from '../../src/report/evidence.js';
import { checkRetryAfter, parseJson } from '../../src/oracle/index.js';
import { test, expect } from './support/fixtures.js';
import { scenario } from './support/scenarios.js';

test.describe('rate limits: 429 and Retry-After', () => {
  test(
    'a burst of 429s carries Retry-After, and the poller waits at least that long before asking again',
    requirements('JS-RATE-001', 'JS-RATE-002', 'JS-ERR-002'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection));
      await sim.rateLimit(jobId, 3, 1);
      const result = await conformance.waitFor(jobId);
      expect(result?.outcome).toBe('terminal');
      const timeline = result!.timeline;
      const limited = timeline.filter((o) => o.kind === 'http-error' && o.status === 429);
      expect(limited).toHaveLength(3);
      for (const o of limited) {
        conformance.record(...checkRetryAfter(o.exchange, { jobId, pollIndex: o.index }));
        const next = timeline[o.index + 1];
        expect(next, 'the poller asked again').toBeDefined();
        const waitedMs = Date.parse(next!.exchange.receivedAt) - Date.parse(o.exchange.receivedAt);
        // JS-RATE-002 is a lower bound on the client's own wait, so it cannot flake on a slow machine.
        conformance.judge('JS-RATE-002', waitedMs >= 1_000, `the poller asked again ${waitedMs} ms after a 429 with Retry-After: 1`, { jobId });
        expect(parseJson(o.exchange.body).ok).toBe(true);
      }
      await conformance.expectConforms();
    },
  );
});
