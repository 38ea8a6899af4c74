// `CONFORMANCE_BASE_URL=http://127.0.0.1:PORT npm run conformance` against a separately started
// simulator gives the same verdicts as the embedded run: the suite judges the API, not where it runs.
import { expect, targetOf, test } from './support/fixtures.js';
import { statuses } from './support/suite-run.js';

test('the whole suite gives the same per-requirement verdicts against an external simulator and embedded', async ({ simulator, suite }) => {
  const sim = await simulator();
  // One after the other: each run uses both cores, as `npm run conformance` does.
  const external = await suite.run({ ...targetOf(sim, sim.baseUrl), timeoutMs: 180_000 });
  const embedded = await suite.run({ timeoutMs: 180_000 });

  expect(external.results.target).toMatchObject({ baseUrl: sim.baseUrl, kind: 'external', controllable: true });
  expect(embedded.results.target).toMatchObject({ kind: 'simulator', controllable: true });
  expect(embedded.results.target.baseUrl).not.toBe(sim.baseUrl);

  const verdicts = statuses(external.results);
  expect(verdicts, 'the same requirements, each with the same status').toEqual(statuses(embedded.results));
  const notPassed = Object.entries(verdicts).filter(([, status]) => status !== 'passed');
  expect(notPassed, `external run:\n${external.output}`).toEqual([]);
  expect(Object.keys(verdicts).length).toBeGreaterThanOrEqual(50);
  expect(external.results.summary.verdict).toBe('conformant');
  expect(embedded.results.summary.verdict).toBe('conformant');
  expect(external.exitCode, external.output).toBe(0);
  expect(embedded.exitCode, embedded.output).toBe(0);
});
