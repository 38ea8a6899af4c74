import { requirements } from '../../src/evidence/attach.js';
import { parseRetryAfter } from '../../src/model/retry-after.js';
import { test, expect } from './support/fixtures.js';
import { scenario } from './support/scenarios.js';

test.describe('rate limits: 429 and Retry-After', () => {
  test(
    'a burst of 429s carries Retry-After, the poller waits that long, and the limit lifts as announced',
    requirements('JS-RATE-001', 'JS-RATE-002', 'JS-ERR-002'),
    async ({ sim, collection, conformance }) => {
      const jobId = await sim.play(scenario(collection));
      await sim.rateLimit(jobId, 3, 1);
      // Each 429 is judged in the timeline (JS-RATE-001, JS-ERR-002); a limit that never lifts ends the
      // wait on a 429, which waitFor reports under JS-RATE-002.
      const result = await conformance.waitFor(jobId);
      // A wait given up is judged (a 429 that never lifts is a JS-RATE-002 finding, a SHOULD): MUST findings fail the
      // test; otherwise the poller's waits cannot be read, which the report says instead of breaking the run.
      if (!result) {
        await conformance.expectConforms();
        conformance.cannotJudge(
          'the limit never lifted: the poller gave up on a 429, so its waits were not measured',
          'JS-RATE-002',
          false,
        );
        return;
      }
      const timeline = result.timeline;
      const limited = timeline.filter((o) => o.kind === 'http-error' && o.status === 429);
      expect(limited.length, 'the rate-limit fault took effect').toBeGreaterThan(0);
      const waits = limited.map((o) => {
        const next = timeline[o.index + 1];
        expect(next, 'the poller asked again').toBeDefined();
        return {
          announcedMs: parseRetryAfter(o.exchange.headers['retry-after'], Date.parse(o.exchange.receivedAt)),
          waitedMs: Date.parse(next!.exchange.receivedAt) - Date.parse(o.exchange.receivedAt),
        };
      });
      // A 429 without a usable Retry-After is a JS-RATE-001 finding (the oracle's, a SHOULD): nothing announced, nothing to honour.
      await conformance.expectConforms();
      const announced = waits.filter((w): w is { announcedMs: number; waitedMs: number } => w.announcedMs !== undefined);
      if (announced.length === 0)
        conformance.cannotJudge('no 429 announced a usable Retry-After, so no wait could be held to one', 'JS-RATE-002', false);
      for (const { announcedMs, waitedMs } of announced) {
        // The reference poller honours Retry-After: a lower bound on its own wait, so it cannot flake on a slow machine.
        expect(waitedMs, `the poller waited the Retry-After of ${announcedMs} ms`).toBeGreaterThanOrEqual(announcedMs);
      }
    },
  );
});
