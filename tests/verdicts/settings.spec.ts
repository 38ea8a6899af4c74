// A bad setting ends the run in global setup, before any request (exit 2): one message naming every bad variable,
// no test run, nothing at the target, no report that could be taken for a verdict.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { targetOf } from '../../tools/suite-run.js';
import { trafficLog } from './support/traffic-log.js';

test('CONFORMANCE_MAX_RPS=fast stops the run with one message naming it, before any request', async ({
  simulator,
  rewritingProxy,
  suite,
}) => {
  const sim = await simulator({ apiKey: 'cap_dev_SettingsVerdictKey' });
  const traffic = trafficLog();
  const proxy = await rewritingProxy(sim.baseUrl, traffic.rewrite);
  const target = targetOf(sim, proxy.baseUrl);
  const run = await suite.play({
    ...target,
    env: { ...target.env, CONFORMANCE_MAX_RPS: 'fast', CONFORMANCE_SEED: 'abc' },
    timeoutMs: 60_000,
  });
  expect(run.exitCode, "the configuration is the suite's trouble, never the API's: exit 2").toBe(2);
  expect(run.output).toContain('2 settings are not valid');
  expect(run.output).toContain('The run broke before any request (exit code 2).');
  expect(run.output).toContain(
    'CONFORMANCE_MAX_RPS="fast": expected a positive number of requests per second, e.g. 10 or 0.5, or Infinity for no limit',
  );
  expect(run.output).toContain('CONFORMANCE_SEED="abc": expected a whole number from -2147483648 to 2147483647');
  expect(run.output).not.toContain('cap_dev_SettingsVerdictKey');
  expect(run.output, 'no test ran').not.toMatch(/Running \d+ tests?/);
  expect(traffic.entries, 'requests that reached the target, /_sim/ included').toEqual([]);
  expect(existsSync(path.join(run.conformanceDir, 'results.json'))).toBe(false);
});
