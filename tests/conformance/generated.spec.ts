import fc from 'fast-check';
import { annotateSeed, requirements } from '../../src/evidence/attach.js';
import { scenarioArbitrary } from '../../generators/scenario.js';
import { settings } from '../../src/settings/settings.js';
import { test, expect } from './support/fixtures.js';

// Property-based conformance: generated scenarios played through the controlled target, each polled
// to its end by the reference poller and judged whole. CONFORMANCE_SEED replays a run; how many scenarios
// follows the time there is (fewer on a slow or rate-limited target) unless CONFORMANCE_SCENARIOS says.
const SEED = settings().seed;
const BATCHES = 4; // spread over both workers
const CONCURRENCY = 25; // virtual time runs for every job at once; the target serves them side by side

test.describe('generated scenarios', () => {
  test.describe.configure({ mode: 'parallel' });

  for (let batch = 0; batch < BATCHES; batch++) {
    test(
      `batch ${batch + 1} of ${BATCHES}: every generated scenario's lifecycle conforms`,
      requirements(
        'JS-TRANS-001',
        'JS-TRANS-002',
        'JS-TRANS-003',
        'JS-TRANS-004',
        'JS-TRANS-005',
        'JS-TRANS-006',
        'JS-TRANS-007',
        'JS-PH-004',
        'JS-STATE-010',
      ),
      async ({ sim, collection, conformance, pace }, testInfo) => {
        const count = pace.scenarioCount(settings().scenarios, CONCURRENCY);
        const all = count === 0 ? [] : fc.sample(scenarioArbitrary({ maxFiles: 40, maxStageSeconds: 10 }), { seed: SEED, numRuns: count });
        const mine = all.filter((_, i) => i % BATCHES === batch).map((s) => ({ ...s, collection }));
        // The seeds table shows the command, so the report says how many scenarios ran and how to replay them.
        annotateSeed(testInfo, {
          seed: SEED,
          command: `CONFORMANCE_SEED=${SEED} CONFORMANCE_SCENARIOS=${count} npm run conformance -- tests/conformance/generated.spec.ts`,
        });
        testInfo.annotations.push({
          type: 'generated scenarios',
          description: `${mine.length} of ${count} (batch ${batch + 1} of ${BATCHES})`,
        });
        console.log(`generated scenarios: CONFORMANCE_SEED=${SEED}, batch ${batch + 1}/${BATCHES}, ${mine.length} of ${count} scenarios`);
        const outcomes: string[] = [];
        for (let start = 0; start < mine.length; start += CONCURRENCY) {
          // Settled, not all: one job's trouble must not drop its siblings' timelines from the evidence.
          const settled = await Promise.allSettled(
            mine.slice(start, start + CONCURRENCY).map(async (scenario, i) => {
              const jobId = await sim.play(scenario);
              const result = await conformance.waitFor(jobId);
              outcomes.push(result ? `${result.outcome}:${'status' in result ? result.status : ''}` : 'no-result');
              if (!result) testInfo.annotations.push({ type: 'scenario', description: JSON.stringify({ index: start + i, scenario }) });
            }),
          );
          const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
          if (failure) throw failure.reason;
        }
        expect(outcomes).toHaveLength(mine.length);
        await conformance.expectConforms();
      },
    );
  }
});
