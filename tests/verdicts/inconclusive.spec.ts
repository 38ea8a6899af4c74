// The suite's own trouble is never charged to the target: an exhausted request budget and an unreachable
// target leave requirements inconclusive with their cause and no finding, and a test that fails on a
// SHOULD alone leaves its MUSTs inconclusive, never passed and never conformant (DESIGN section 6).
import { createServer } from 'node:net';
import { BREAKS } from './support/breaks.js';
import { expect, targetOf, test } from './support/fixtures.js';

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

test('an exhausted request budget makes requirements inconclusive with that cause, charges no finding, and exits 1', async ({
  simulator,
  suite,
}) => {
  const sim = await simulator();
  const target = targetOf(sim, sim.baseUrl);
  const run = await suite.run({
    ...target,
    files: ['tests/conformance/state.spec.ts'],
    workers: 1,
    timeoutMs: CHILD_TIMEOUT_MS,
    env: { ...target.env, CONFORMANCE_REQUEST_BUDGET: '6' },
  });
  expect(findingsOf(run), run.output).toEqual([]);
  const inconclusive = run.results.requirements.filter((r) => r.status === 'inconclusive');
  expect(inconclusive.length, run.output).toBeGreaterThan(0);
  expect(inconclusive.flatMap((r) => r.inconclusive.map((n) => n.cause)).join('\n')).toContain('request budget of 6 requests exhausted');
  expect(run.results.summary).toMatchObject({ verdict: 'incomplete', runBroken: true, exitCode: 1 });
  expect(run.results.summary.brokenBecause.join('\n')).toContain('request budget');
  expect(run.exitCode, run.output).toBe(1);
});

test('an unreachable target makes every requirement it covers inconclusive, names it, charges no finding, and exits 1', async ({
  suite,
}) => {
  const baseUrl = `http://127.0.0.1:${await closedPort()}`;
  const run = await suite.run({
    baseUrl,
    apiKey: 'sim-key',
    files: ['tests/conformance/shape.spec.ts'],
    workers: 1,
    timeoutMs: CHILD_TIMEOUT_MS,
  });
  expect(findingsOf(run), run.output).toEqual([]);
  const shape = run.results.requirements.find((r) => r.id === 'JS-SHAPE-001');
  expect(shape?.status).toBe('inconclusive');
  expect(shape?.inconclusive[0]?.cause).toMatch(/the target is unreachable: .*ECONNREFUSED/);
  expect(run.results.summary).toMatchObject({ verdict: 'incomplete', runBroken: true, exitCode: 1 });
  expect(run.exitCode, run.output).toBe(1);
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
  expect(run.results.summary.verdict).toBe('incomplete');
  expect(run.results.summary.exitCode).toBe(1);
  expect(run.exitCode, run.output).toBe(1);
});
