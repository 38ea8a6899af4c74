// The suite's own trouble is never charged to the target: an exhausted request budget leaves requirements
// inconclusive with their cause and no finding (an unreachable target is the preflight's: preflight.spec.ts), and a test that fails on a
// SHOULD alone leaves its MUSTs inconclusive, never passed and never conformant (docs/ARCHITECTURE.md, "Fixed interfaces").
import { createServer } from 'node:net';
import { BREAKS } from '../../tools/breaks/breaks.js';
import { expect, test, type RunOnce, type StartProxy, type StartSimulator } from './support/fixtures.js';
import { targetOf } from '../../tools/suite-run.js';
import { apiRequests, trafficLog } from './support/traffic-log.js';

const CHILD_TIMEOUT_MS = 120_000;

/** A loopback port nothing listens on: bound, read, and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const findingsOf = (run: { results: { requirements: Array<{ findings: unknown[] }> } }) =>
  run.results.requirements.flatMap((r) => r.findings);

test.describe.configure({ mode: 'parallel' });

test.describe('a tiny CONFORMANCE_REQUEST_BUDGET, one run shared by these tests', () => {
  test.describe.configure({ mode: 'default' });
  const BUDGET = 6;
  /** Requests that reached the target's API, counted by a logging proxy in front of it (known to the test that made the run). */
  let arrived: number | undefined;

  const budgetRun = (runOnce: RunOnce, simulator: StartSimulator, rewritingProxy: StartProxy) =>
    runOnce('budget', async () => {
      const sim = await simulator();
      const log = trafficLog();
      const front = await rewritingProxy(sim.baseUrl, async (request, forward) => {
        const response = await log.rewrite(request, forward);
        arrived = apiRequests(log.entries).length;
        return response;
      });
      arrived = 0;
      const target = targetOf(sim, front.baseUrl);
      // Two spec files and two workers: the budget is the run's, whichever worker spends it.
      return {
        ...target,
        files: ['tests/conformance/state.spec.ts', 'tests/conformance/transitions.spec.ts'],
        workers: 2,
        timeoutMs: CHILD_TIMEOUT_MS,
        env: { ...target.env, CONFORMANCE_REQUEST_BUDGET: String(BUDGET) },
      };
    });

  test('it is a ceiling at the target: no more requests arrive, and the run says why it stopped', async ({
    runOnce,
    simulator,
    rewritingProxy,
  }) => {
    const run = await budgetRun(runOnce, simulator, rewritingProxy);
    expect(arrived, 'this test made the run, so the proxy counted its requests').toBeDefined();
    expect(arrived!, 'requests to the API at the target').toBeLessThanOrEqual(BUDGET);
    expect(run.output, 'the console names the cause').toContain(`request budget of ${BUDGET} requests exhausted`);
    expect(run.results.summary).toMatchObject({ verdict: 'broke', runBroken: true, exitCode: 2 });
    expect(run.exitCode, run.output).toBe(2);
  });

  test('it makes requirements inconclusive with that cause, charges no finding, and exits 2 (broke)', async ({
    runOnce,
    simulator,
    rewritingProxy,
  }) => {
    const run = await budgetRun(runOnce, simulator, rewritingProxy);
    expect(findingsOf(run), run.output).toEqual([]);
    const inconclusive = run.results.requirements.filter((r) => r.status === 'inconclusive');
    expect(inconclusive.length, run.output).toBeGreaterThan(0);
    expect(inconclusive.flatMap((r) => r.inconclusive.map((n) => n.cause)).join('\n')).toContain(
      `request budget of ${BUDGET} requests exhausted`,
    );
    expect(run.results.summary).toMatchObject({ verdict: 'broke', runBroken: true, exitCode: 2 });
    expect(run.results.summary.brokenBecause.join('\n')).toContain('request budget');
    expect(run.exitCode, run.output).toBe(2);
  });
});

test('a test that fails on a SHOULD finding alone leaves its MUSTs inconclusive and the run never conformant', async ({
  simulator,
  rewritingProxy,
  suite,
}) => {
  // Completed jobs end completed_with_errors (a SHOULD, JS-SHAPE-007): the test that expects "completed" fails.
  const vendorStatus = BREAKS.find((b) => b.requirement === 'JS-SHAPE-007')!;
  const sim = await simulator();
  const front = await rewritingProxy(
    sim.baseUrl,
    vendorStatus.rewrite({ main: { apiKey: sim.apiKey, orgId: sim.orgId }, other: sim.otherOrg! }),
  );
  const run = await suite.run({
    ...targetOf(sim, front.baseUrl),
    files: ['tests/conformance/transitions.spec.ts'],
    grep: 'a completed job keeps its status',
    workers: 1,
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  const byId = (id: string) => run.results.requirements.find((r) => r.id === id);
  expect(byId('JS-SHAPE-007')?.status, run.output).toBe('failed');
  for (const id of ['JS-TRANS-001', 'JS-TRANS-005']) {
    expect(byId(id)?.status, `${id}\n${run.output}`).toBe('inconclusive');
    expect(byId(id)?.inconclusive[0]?.cause).toMatch(/the test failed before this check ran/);
  }
  expect(run.results.summary.verdict, 'a test that broke with no MUST finding proves nothing: the run broke').toBe('broke');
  expect(run.results.summary.exitCode).toBe(2);
  expect(run.exitCode, run.output).toBe(2);
});
