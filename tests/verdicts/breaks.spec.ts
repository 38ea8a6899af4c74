// The suite can fail: behind a proxy that breaks one requirement, the area's spec file judges the target
// not conformant and names that requirement, and the run's exit code follows docs/ARCHITECTURE.md, "Fixed interfaces" (non-zero
// exactly when a MUST failed). Breaks share runs (tools/breaks/break-runs.ts): each run aims at most one break
// at each area's requests, so each area's tests meet one defect, as in a run of that break alone.
import path from 'node:path';
import { TEST_HEADER, testHeaderValue } from '../../tools/test-header.js';
import { BREAKS, type Break } from '../../tools/breaks/breaks.js';
import { aimedByArea, AREAS, planBreakRuns } from '../../tools/breaks/break-runs.js';
import { expect, test } from './support/fixtures.js';
import { failedIds, targetOf } from '../../tools/suite-run.js';
import { compareWithRecorded } from './support/recorded-equivalence.js';
import { requirement } from '../../src/contract/catalog.js';

const specOf = (area: string) => `tests/conformance/${area}.spec.ts`;
const CHILD_TIMEOUT_MS = 240_000;
const RUNS = planBreakRuns(BREAKS);

// The runs side by side; the breaks of one run in order, in one worker, which makes the run once.
test.describe.configure({ mode: 'parallel' });

test('every area has at least one break, and every break is in exactly one run with no other break of its area', () => {
  expect(new Set(BREAKS.map((b) => b.area))).toEqual(new Set(AREAS));
  expect(RUNS.flatMap((run) => run.breaks)).toHaveLength(BREAKS.length);
  expect(new Set(RUNS.flatMap((run) => run.breaks))).toEqual(new Set(BREAKS));
  for (const run of RUNS) expect(new Set(run.breaks.map((b) => b.area)).size, run.title).toBe(run.breaks.length);
});

test("a run aims each break at its own area's requests: another area's, and requests that name no test, pass straight on", async () => {
  const tagging = (area: Break['area']): Break => ({
    requirement: `JS-${area}`,
    level: 'MUST',
    area,
    defect: 'tags the answer',
    rewrite: () => async (request, forward) => ({ ...(await forward(request)), body: Buffer.from(area) }),
  });
  const rewrite = aimedByArea([tagging('auth'), tagging('cancel')], {
    main: { apiKey: 'k', orgId: 'o' },
    other: { apiKey: 'k2', orgId: 'o2' },
  });
  const upstream = async () => ({ status: 200, headers: {}, body: Buffer.from('untouched') });
  const answer = async (test?: string) =>
    (
      await rewrite({ method: 'GET', url: '/v2/jobs/j', headers: test ? { [TEST_HEADER]: test } : {}, body: Buffer.alloc(0) }, upstream)
    ).body.toString();
  expect(await answer(testHeaderValue(path.resolve('tests/conformance/auth.spec.ts'), 12))).toBe('auth');
  expect(await answer('tests/conformance/cancel.spec.ts:40')).toBe('cancel');
  expect(await answer('tests/conformance/state.spec.ts:7')).toBe('untouched');
  expect(await answer()).toBe('untouched');
  expect(await answer('tests/conformance/auth.spec.ts')).toBe('untouched');
});

for (const planned of RUNS) {
  test.describe(planned.title, () => {
    test.describe.configure({ mode: 'default' });

    for (const broken of planned.breaks) {
      const verdict = broken.level === 'MUST' ? 'not conformant' : 'warned, with no MUST failed';
      test(`${broken.requirement} (${broken.level}${broken.profile ? `, ${broken.profile} profile` : ''}): a target that ${broken.defect} is ${verdict}`, async ({
        simulator,
        rewritingProxy,
        runOnce,
      }, testInfo) => {
        testInfo.setTimeout(CHILD_TIMEOUT_MS + 30_000);
        const run = await runOnce(planned.title, async () => {
          const sim = await simulator();
          const tenants = { main: { apiKey: sim.apiKey, orgId: sim.orgId }, other: sim.otherOrg! };
          const front = await rewritingProxy(sim.baseUrl, aimedByArea(planned.breaks, tenants));
          const target = targetOf(sim, front.baseUrl);
          const files = planned.breaks.map((b) => specOf(b.area));
          return { ...target, files, timeoutMs: CHILD_TIMEOUT_MS, env: { ...target.env, ...planned.env } };
        });
        const failed = failedIds(run.results);
        testInfo.annotations.push({ type: 'failed requirements', description: failed.join(', ') });
        testInfo.annotations.push({ type: 'run', description: `${planned.title}: ${planned.breaks.map((b) => b.requirement).join(', ')}` });
        const requirement = run.results.requirements.find((r) => r.id === broken.requirement);
        // Caught only by a finding that names the broken requirement, never by an unrelated assertion.
        expect(requirement?.status, `${broken.requirement} after a run that failed ${failed.join(', ') || 'nothing'}\n${run.output}`).toBe(
          'failed',
        );
        expect(requirement?.findings.length, 'a finding names the broken requirement').toBeGreaterThan(0);
        expect(requirement?.level).toBe(broken.level);
        expect(run.results.target.controllable, 'the proxy forwards /_sim/, so the target stays controllable').toBe(true);
        if (broken.level === 'MUST') {
          expect(run.results.summary.verdict).toBe('not-conformant');
          expect(run.exitCode, run.output).toBe(1);
          expect(run.results.summary.exitCode).toBe(1);
        } else {
          // A SHOULD-only run warns; a failed MUST would mean the suite turned a SHOULD into a failure. The run
          // selects a few areas' spec files: a partial run, judged on the selected tests (conformant, or
          // incomplete where one of them left a MUST unexercised), which exits 0.
          const failedMust = run.results.requirements.filter((r) => r.status === 'failed' && r.level === 'MUST').map((r) => r.id);
          expect(failedMust, run.output).toEqual([]);
          expect(run.results.summary.partial, 'a run of some spec files says it is partial').toBe(true);
          expect(['conformant', 'incomplete'], run.output).toContain(run.results.summary.verdict);
          expect(run.results.summary.runBroken, run.results.summary.brokenBecause.join('\n')).toBe(false);
          expect(run.exitCode, run.output).toBe(0);
        }
      });
    }

    // Made last, on the run its breaks' tests made: judging what the run exchanged repeats its judgement.
    test(`judging the exchanges.har of the run gives the statuses and findings the run gave, for every requirement traffic can show`, async ({
      runOnce,
    }) => {
      const run = await runOnce(planned.title, async () => {
        throw new Error(`the run "${planned.title}" was not made by the tests before this one`);
      });
      const comparison = compareWithRecorded(run.conformanceDir, run.results);
      const context = JSON.stringify(comparison.recorded.recorded.skipped);
      expect(comparison.statusDifferences, context).toEqual([]);
      expect(comparison.onlyRecorded, context).toEqual([]);
      expect(comparison.onlyLive, context).toEqual([]);
      // Not by judging nothing: a break of a requirement the oracle judges from answers is in the run's traffic,
      // so the recording fails it too (the conformance-judged ones need the test's intent: not-covered).
      for (const broken of planned.breaks.filter((b) => requirement(b.requirement).oracle)) {
        const recorded = comparison.recorded.requirements.find((r) => r.id === broken.requirement);
        expect(recorded?.status, `${broken.requirement} in the recording of "${planned.title}": ${context}`).toBe('failed');
      }
    });
  });
}
