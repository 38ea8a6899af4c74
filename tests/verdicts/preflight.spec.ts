// The suite's own trouble is told apart before any test: a wrong key and an unreachable target each end the
// run as broke (exit 2) in seconds, with one cause and its fix, no finding and no test run; a mistyped
// variable is warned about; `--list` leaves the last report alone; a `--grep` run says it is partial.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { targetOf, type SuitePlay } from '../../tools/suite-run.js';
import { apiRequests, trafficLog } from './support/traffic-log.js';

/** A loopback port nothing listens on: bound, read, and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const FAST_MS = 30_000;
const MAX_LINES = 40;

type Written = { summary: { verdict: string; exitCode: number }; requirements: Array<{ status: string; findings: unknown[] }> };

function writtenResults(run: SuitePlay): Written {
  return JSON.parse(readFileSync(path.join(run.conformanceDir, 'results.json'), 'utf8')) as Written;
}

/** The run broke before any test: exit 2, a short console naming the cause once, a report that charges nothing. */
function expectBrokeBeforeAnyTest(run: SuitePlay, elapsedMs: number, cause: RegExp): void {
  const lines = run.output.trimEnd().split('\n');
  expect(run.exitCode, run.output).toBe(2);
  expect(elapsedMs, 'seconds, not minutes').toBeLessThan(FAST_MS);
  expect(lines.length, run.output).toBeLessThan(MAX_LINES);
  expect(run.output, 'no test ran').not.toMatch(/Running \d+ tests?/);
  expect(run.output).toContain('THE RUN BROKE, no verdict against the target (exit code 2)');
  expect(run.output.match(cause)?.length, `the cause, once:\n${run.output}`).toBe(1);
  const results = writtenResults(run);
  expect(results.summary).toMatchObject({ verdict: 'broke', exitCode: 2 });
  expect(
    results.requirements.flatMap((r) => r.findings),
    'no finding against the target',
  ).toEqual([]);
  expect(new Set(results.requirements.map((r) => r.status))).toEqual(new Set(['inconclusive']));
}

test.describe.configure({ mode: 'parallel' });

test('a wrong key is broke, not the API failing: exit 2, one cause and its fix, no finding, in seconds', async ({
  simulator,
  rewritingProxy,
  suite,
}) => {
  const sim = await simulator();
  const traffic = trafficLog();
  const proxy = await rewritingProxy(sim.baseUrl, traffic.rewrite);
  const target = targetOf(sim, proxy.baseUrl);
  const started = Date.now();
  const run = await suite.play({
    ...target,
    apiKey: 'cap_wrong_key',
    // A mistyped variable is warned about, not silently ignored.
    env: { ...target.env, CONFORMANCE_BASEURL: proxy.baseUrl },
    timeoutMs: 60_000,
  });
  expectBrokeBeforeAnyTest(run, Date.now() - started, /the key was rejected \(HTTP 401\)/g);
  expect(run.output).toContain('Fix: check CAPTAIN_API_KEY');
  expect(run.output).toContain(
    'warning: CONFORMANCE_BASEURL is not a setting of the suite and is ignored; did you mean CONFORMANCE_BASE_URL?',
  );
  expect(run.output).not.toContain('cap_wrong_key');
  expect(apiRequests(traffic.entries).length, 'the preflight alone reached the target').toBeLessThanOrEqual(2);
});

test('an unreachable target is broke: exit 2, one cause and its fix, no finding, in seconds', async ({ suite }) => {
  const baseUrl = `http://127.0.0.1:${await closedPort()}`;
  const started = Date.now();
  const run = await suite.play({ baseUrl, apiKey: 'sim-key', timeoutMs: 60_000 });
  expectBrokeBeforeAnyTest(run, Date.now() - started, /the target is unreachable/g);
  expect(run.output).toContain('Fix: check CONFORMANCE_BASE_URL');
});

test('a base URL ending in /v2 is broke with a hint to drop the suffix', async ({ simulator, suite }) => {
  const sim = await simulator();
  const run = await suite.play({ ...targetOf(sim, `${sim.baseUrl}/v2`), timeoutMs: 60_000 });
  expect(run.exitCode, run.output).toBe(2);
  expect(run.output).toContain(`Drop the /v2 suffix: the suite adds /v2/... itself (CONFORMANCE_BASE_URL=${sim.baseUrl})`);
});

test('--list runs nothing and leaves the last report untouched', async ({ suite }) => {
  const outDir = suite.scratch();
  const conformance = path.join(outDir, 'conformance');
  mkdirSync(conformance, { recursive: true });
  const file = path.join(conformance, 'results.json');
  writeFileSync(file, '{"the":"last report"}\n');
  const before = statSync(file).mtimeMs;
  const listed = await suite.command(['test', '--project=conformance', '--list'], { CONFORMANCE_REPORTS_DIR: outDir }, 60_000);
  expect(listed.exitCode, listed.output).toBe(0);
  expect(listed.output).toMatch(/Total: \d+ tests? in \d+ files?/);
  expect(readFileSync(file, 'utf8')).toBe('{"the":"last report"}\n');
  expect(statSync(file).mtimeMs).toBe(before);
});

test('a --grep run calls what it did not select not-selected, never "not covered", and says it is partial', async ({ suite }) => {
  const run = await suite.run({ files: ['tests/conformance/pagination.spec.ts'], grep: 'files_limit=0 is rejected', timeoutMs: 120_000 });
  const results = run.results as typeof run.results & { summary: { partial: boolean; selection: string[] } };
  expect(results.summary.partial, run.output).toBe(true);
  expect(results.summary.selection).toEqual(['--grep=files_limit=0 is rejected', 'tests/conformance/pagination.spec.ts']);
  const statuses = new Set(results.requirements.map((r) => r.status));
  expect(statuses.has('not-selected')).toBe(true);
  expect(statuses.has('not-covered'), 'a test outside the selection may cover it').toBe(false);
  expect(results.requirements.find((r) => r.id === 'JS-PAGE-003')?.status).toBe('passed');
  expect(run.output).toContain('partial run (--grep=files_limit=0 is rejected tests/conformance/pagination.spec.ts)');
  expect(run.exitCode, run.output).toBe(0);
});
