// One verdict, however the run is made: the whole conformance suite with one CONFORMANCE_SEED gives every
// requirement the same status and finding count on the embedded simulator, on an external one reached
// through a pass-through proxy (the control for every break: the proxy alone changes nothing), and as two
// shards merged by `playwright merge-reports`; with another seed (other generated scenarios) the same
// statuses. The runs are made once and shared by these tests, in order, in one worker. A small-scale
// version of `npm run verdicts:repeat` (scripts/repeat.ts), which runs ten. Seeds are drawn like a property
// test's: printed and annotated, and FC_SEED replays them.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzip } from '../report/artifacts.js';
import { expect, test } from './support/fixtures.js';
import { passThrough } from '../../tools/rewriting-proxy.js';
import { targetOf, type SuiteRun, type SuiteRunOptions } from '../../tools/suite-run.js';
import { divergences, verdictsOf, verdictTable } from '../../tools/verdict-comparison.js';
import { compareWithRecorded } from './support/recorded-equivalence.js';

/** The tests named by the entries of an exchanges.har. */
function testsInHar(file: string): Set<string> {
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: Array<{ _test?: string }> } };
  return new Set(har.log.entries.flatMap((e) => (e._test === undefined ? [] : [e._test])));
}

/** One per generated batch: the seed still decides every scenario, and each run stays short on 2 cores. */
const SCENARIOS = '4';
const CHILD_TIMEOUT_MS = 180_000;

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 1 + Math.floor(Math.random() * 2 ** 31 - 2);
const otherSeed = ((seed + 7919) % (2 ** 31 - 1)) + 1;
const seeded = (s: number) => ({ CONFORMANCE_SEED: String(s), CONFORMANCE_SCENARIOS: SCENARIOS });

/** The tests a shard's blob recorded as ended (the blob's report.jsonl events). */
function testsInBlob(zip: string): string[] {
  const ids: string[] = [];
  for (const member of unzip(readFileSync(zip))) {
    if (!member.name.endsWith('.jsonl')) continue;
    for (const line of member.content.toString('utf8').split('\n')) {
      if (!line.includes('"onTestEnd"')) continue;
      const event = JSON.parse(line) as { params?: { test?: { testId?: string } } };
      if (event.params?.test?.testId) ids.push(event.params.test.testId);
    }
  }
  return ids;
}

function expectConformant(run: SuiteRun, label: string): void {
  expect(run.results.requirements.length, label).toBeGreaterThanOrEqual(50);
  expect(run.output, `${label} played its seed's generated scenarios`).toMatch(/CONFORMANCE_SEED=\d+, batch 1\/4/);
  expect(run.results.summary.verdict, `${label}\n${run.output.slice(-3000)}`).toBe('conformant');
  expect(run.exitCode, label).toBe(0);
}

test.describe('one verdict, however the run is made', () => {
  test.describe.configure({ mode: 'default' });

  test.beforeAll(() => {
    const replay = `FC_SEED=${seed} npx playwright test --project=verdicts tests/verdicts/invariance.spec.ts`;
    console.log(`invariance: CONFORMANCE_SEED=${seed}, other seed ${otherSeed}; CONFORMANCE_SCENARIOS=${SCENARIOS}; replay: ${replay}`);
  });
  test.beforeEach(({}, testInfo) => {
    testInfo.annotations.push({ type: 'seed', description: `${seed} (other seed ${otherSeed}); replay with FC_SEED=${seed}` });
    testInfo.setTimeout(3 * CHILD_TIMEOUT_MS);
  });

  const embedded = (s: number) => async (): Promise<SuiteRunOptions> => ({ env: seeded(s), timeoutMs: CHILD_TIMEOUT_MS });

  test('the same seed gives every requirement the same status and finding count on the embedded simulator and on an external one behind a pass-through proxy', async ({
    runOnce,
    simulator,
    rewritingProxy,
  }, testInfo) => {
    let front = '';
    let upstream = '';
    // Side by side: each child runs one worker and waits on its simulator's clock half the time.
    const [inside, outside] = await Promise.all([
      runOnce(`embedded ${seed}`, embedded(seed)),
      runOnce(`proxied ${seed}`, async () => {
        const sim = await simulator();
        const proxy = await rewritingProxy(sim.baseUrl, passThrough);
        [front, upstream] = [proxy.baseUrl, sim.baseUrl];
        const target = targetOf(sim, proxy.baseUrl);
        return { ...target, env: { ...target.env, ...seeded(seed) }, timeoutMs: CHILD_TIMEOUT_MS };
      }),
    ]);

    const runs = [inside, outside].map((r) => verdictsOf(r.results));
    const table = verdictTable([`embedded ${seed}`, `external ${seed}`], runs, { findings: true });
    await testInfo.attach('verdicts per run', { body: table, contentType: 'text/plain' });
    expect(divergences(runs, { findings: true }), `seed ${seed}: statuses or finding counts differ\n${table}`).toEqual([]);
    expect(inside.results.target).toMatchObject({ kind: 'simulator', controllable: true });
    expect(outside.results.target).toMatchObject({ kind: 'external', controllable: true });
    // This test is its group's first: it made the proxied run, so the proxy's and the simulator's addresses are known.
    expect(front, 'the proxied run was made by this test').not.toBe('');
    expect(outside.results.target.baseUrl).toBe(front);
    expect(outside.results.target.baseUrl).not.toBe(upstream);
    expectConformant(inside, `embedded ${seed}`);
    expectConformant(outside, `external ${seed} through a pass-through proxy`);
  });

  test('another seed plays other scenarios and gives every requirement the same status', async ({ runOnce }, testInfo) => {
    const first = await runOnce(`embedded ${seed}`, embedded(seed));
    const other = await runOnce(`embedded ${otherSeed}`, embedded(otherSeed));
    const runs = [first, other].map((r) => verdictsOf(r.results));
    const table = verdictTable([`seed ${seed}`, `seed ${otherSeed}`], runs, { findings: false });
    await testInfo.attach('verdicts per run', { body: table, contentType: 'text/plain' });
    expect(other.output).toContain(`CONFORMANCE_SEED=${otherSeed}, batch 1/4`);
    expect(first.output).toContain(`CONFORMANCE_SEED=${seed}, batch 1/4`);
    expect(divergences(runs, { findings: false }), `seeds ${seed}, ${otherSeed}: statuses differ\n${table}`).toEqual([]);
    expectConformant(other, `seed ${otherSeed}`);
  });

  test('two shards merged by merge-reports give every requirement the status and findings of the unsharded run', async ({
    runOnce,
    suite,
  }) => {
    const whole = await runOnce(`embedded ${seed}`, embedded(seed));
    const dir = suite.scratch();
    const blobs = path.join(dir, 'all-blob-reports');
    mkdirSync(blobs);
    // The shards side by side, one worker each, as the CI matrix runs them.
    const shardTests = await Promise.all(
      [1, 2].map(async (shard) => {
        const blobDir = path.join(dir, `blob-${shard}`);
        const run = await suite.command(
          ['test', '--project=conformance', `--shard=${shard}/2`, '--reporter=blob', '--workers=1'],
          { ...seeded(seed), CONFORMANCE_REPORTS_DIR: path.join(dir, `shard-${shard}`), PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir },
          CHILD_TIMEOUT_MS,
        );
        const zips = readdirSync(blobDir).filter((f) => f.endsWith('.zip'));
        expect(zips, `shard ${shard} left one blob (exit ${run.exitCode}):\n${run.output.slice(-3000)}`).toHaveLength(1);
        const zip = zips[0] as string;
        copyFileSync(path.join(blobDir, zip), path.join(blobs, `shard-${shard}-${zip}`));
        return testsInBlob(path.join(blobDir, zip));
      }),
    );
    const mergedDir = path.join(dir, 'merged');
    const merge = await suite.command(
      ['merge-reports', '--config', 'playwright.config.ts', blobs],
      { ...seeded(seed), CONFORMANCE_REPORTS_DIR: mergedDir },
      CHILD_TIMEOUT_MS,
    );

    // Each shard ran a share of the tests, none twice, and together all of the unsharded run's.
    const [first = [], second = []] = shardTests;
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    const wholeRun = JSON.parse(readFileSync(path.join(whole.conformanceDir, 'results.json'), 'utf8')) as { run: { tests: number } };
    expect(first.length + second.length).toBe(wholeRun.run.tests);

    const merged = JSON.parse(readFileSync(path.join(mergedDir, 'conformance', 'results.json'), 'utf8')) as SuiteRun['results'];
    const runs = [whole.results, merged].map(verdictsOf);
    expect([...runs[0]!.values()].filter((r) => r.status === 'passed').length, 'the unsharded run judged something').toBeGreaterThan(0);
    expect(
      divergences(runs, { findings: true }),
      `${verdictTable(['unsharded', 'merged'], runs, { findings: true })}\n${merge.output.slice(-3000)}`,
    ).toEqual([]);
    expect(runs[1]!.size, 'the merged report lists every requirement the unsharded run lists').toBe(runs[0]!.size);
    // exchanges.har is written from the tests' attachments: the merged one holds every test's exchanges.
    const tests = testsInHar(path.join(whole.conformanceDir, 'exchanges.har'));
    expect(tests.size).toBeGreaterThan(10);
    expect(testsInHar(path.join(mergedDir, 'conformance', 'exchanges.har'))).toEqual(tests);
  });

  test("judging the run's exchanges.har gives the run's statuses and findings for every requirement traffic can show", async ({
    runOnce,
    suite,
  }) => {
    const whole = await runOnce(`embedded ${seed}`, embedded(seed));
    const comparison = compareWithRecorded(whole.conformanceDir, whole.results);
    expect(comparison.judged.length, 'the recording let the oracle judge most requirements').toBeGreaterThan(30);
    expect(comparison.statusDifferences).toEqual([]);
    expect(comparison.onlyRecorded).toEqual([]);
    expect(comparison.onlyLive).toEqual([]);
    expect(comparison.recorded.recorded.skipped).toEqual([]);
    // Grouped by job id alone, as any other recording is (no test, no timeline named), the verdicts hold too.
    const har = JSON.parse(readFileSync(path.join(whole.conformanceDir, 'exchanges.har'), 'utf8')) as {
      log: { entries: Array<Record<string, unknown>> };
    };
    for (const entry of har.log.entries) for (const field of ['_test', '_timeline', '_receivedAt']) delete entry[field];
    const plainDir = suite.scratch();
    writeFileSync(path.join(plainDir, 'exchanges.har'), JSON.stringify(har));
    const plain = compareWithRecorded(plainDir, whole.results);
    expect(plain.statusDifferences).toEqual([]);
    expect(plain.onlyRecorded).toEqual([]);
  });
});
