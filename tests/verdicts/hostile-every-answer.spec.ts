// The real suite against a target that never answers well: every status answer of every job broken (JSON
// nested 1,000 deep, then `status: null`, on every poll until the job budget runs out), every answer of
// every endpoint broken, and every answer stalled. Whatever the target does, the run ends, reports, keeps
// its artifacts, its console and its memory within fixed bounds, and says what it could not do. The runs
// are short (a few spec files, half the default job budget at the simulator's time scale) yet thousands of
// broken polls, past the size at which a run that kept every poll's finding broke these bounds; the pure
// report builder is held to the same bounds at 40,000 broken polls (tests/unit/report/results.spec.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { filesUnder } from '../report/artifacts.js';
import { HOSTILE_CASES, startHostileTarget, type HostileTargetOptions } from '../hostile/target.js';
import { expect, test } from '@playwright/test';
import { SuiteRunner, type RunResults } from '../../tools/suite-run.js';
import { watchPeakMemory, type PeakMemory } from './support/peak-memory.js';
import { HOSTILE_RUN_FILES } from '../hostile/run-files.js';
import { STALLED_AFTER } from '../../tools/stall-ledger.js';

const MB = 1024 * 1024;
/** Whatever the target does (issue 22's bounds): results.json, index.html, the whole reports folder, the console. */
export const BOUNDS = { resultsJson: 20 * MB, indexHtml: 10 * MB, reportsFolder: 50 * MB, console: 1 * MB };
/** The runner holds every test's attachments until the run ends: their caps keep it well under this. */
const MEMORY_BOUND = 1024 * MB;

interface EveryAnswerRun {
  exitCode: number | null;
  output: string;
  results: RunResults | undefined;
  sizes: { resultsJson: number; indexHtml: number; reportsFolder: number; console: number };
  memory: PeakMemory;
  seconds: number;
  /** Broken answers the target sent. */
  served: number;
}

const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

interface RunPlan {
  files?: readonly string[];
  /** More settings of the child run (a shorter job budget, fewer scenarios). */
  env?: Record<string, string>;
}

async function everyAnswerRun(target: Omit<HostileTargetOptions, 'upstream'>, plan: RunPlan = {}): Promise<EveryAnswerRun> {
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE, control: true, apiKey: canary });
  const hostile = await startHostileTarget({ ...target, upstream: sim.baseUrl });
  const suite = new SuiteRunner();
  let watch: { stop(): PeakMemory } | undefined;
  const started = Date.now();
  try {
    const run = await suite.play({
      baseUrl: hostile.baseUrl,
      apiKey: canary,
      orgId: sim.orgId,
      env: { CONFORMANCE_MAX_RPS: 'Infinity', CONFORMANCE_SCENARIOS: '16', ...plan.env },
      files: plan.files ?? HOSTILE_RUN_FILES,
      workers: 2,
      timeoutMs: 600_000,
      onSpawn: (pid) => (watch = watchPeakMemory(pid)),
    });
    const seconds = (Date.now() - started) / 1000;
    const memory = watch!.stop();
    const resultsFile = path.join(run.conformanceDir, 'results.json');
    expect(run.output, 'the canary key is not in the console').not.toContain(canary);
    return {
      exitCode: run.exitCode,
      output: run.output,
      results: existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults) : undefined,
      sizes: {
        resultsJson: size(resultsFile),
        indexHtml: size(path.join(run.conformanceDir, 'index.html')),
        reportsFolder: filesUnder(run.outDir).reduce((sum, file) => sum + size(file), 0),
        console: Buffer.byteLength(run.output),
      },
      memory,
      seconds,
      served: [...hostile.served.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    watch?.stop();
    suite.stopAll();
    suite.removeOutputs();
    await hostile.close();
    await sim.close();
  }
}

/** The bounds, and the figures in the test's annotations for whoever wants to see them. */
function expectBounded(run: EveryAnswerRun): void {
  const info = `${JSON.stringify({ ...run.sizes, memory: run.memory, seconds: run.seconds, served: run.served })}`;
  test.info().annotations.push({ type: 'every-answer run', description: info });
  expect(run.results, `the run wrote results.json:\n${run.output.slice(-3000)}`).toBeDefined();
  expect(run.sizes.resultsJson, info).toBeLessThan(BOUNDS.resultsJson);
  expect(run.sizes.indexHtml, info).toBeLessThan(BOUNDS.indexHtml);
  expect(run.sizes.reportsFolder, info).toBeLessThan(BOUNDS.reportsFolder);
  expect(run.sizes.console, info).toBeLessThan(BOUNDS.console);
  expect(run.memory.processes, 'the child run was watched').toBeGreaterThan(1);
  expect(run.memory.runnerBytes, info).toBeLessThan(MEMORY_BOUND);
  expect(run.memory.workerBytes, info).toBeLessThan(MEMORY_BOUND);
  expect(run.output.split('\n').filter((l) => /unhandled(Rejection| promise| error)|uncaught exception/i.test(l))).toEqual([]);
}

test.describe('the suite against a target that never answers well', () => {
  // Independent runs (each its own simulator, hostile target and outputs): in parallel, the three short ones run beside
  // the long one instead of after it, where they were the last half minute of `npm test` on one worker.
  test.describe.configure({ mode: 'parallel', timeout: 600_000 });

  test('every status answer broken, 1,000 deep then status: null, until each job runs out of time: a bounded report, each repeated finding once with its polls', async () => {
    // Half the default job budget (3 s of real time a job at the simulator's time scale): thousands of polls still.
    const run = await everyAnswerRun(
      { everyStatus: [{ case: 'nested-1000', polls: 10 }, { case: 'status-null' }] },
      { env: { CONFORMANCE_JOB_BUDGET_S: '300' } },
    );
    expectBounded(run);
    // Past the size at which a report that kept every poll's finding and timeline broke the HTML and console bounds.
    // Hundreds of polls at least (how many follows the machine's speed: the job budget is time).
    expect(run.served, 'the target broke hundreds of answers').toBeGreaterThan(300);
    // However many polls: results.json lists no finding twice (same requirement, words, job and test).
    const listed = run.results!.requirements.flatMap((r) => r.findings.map((f) => JSON.stringify([r.id, f.message, f.jobId, f.test])));
    expect(listed.length - new Set(listed).size, 'findings listed more than once').toBe(0);
    expect(run.exitCode, run.output.slice(-3000)).toBe(1);
    const shape = run.results!.requirements.find((r) => r.id === 'JS-SHAPE-001')!;
    expect(shape.status).toBe('failed');
    const folded = shape.findings.filter((f) => /status must be string \(got null\)/.test(f.message) && (f.repeats?.count ?? 0) > 1);
    expect(folded.length, 'status: null on many polls of a job is one finding with its count and ranges').toBeGreaterThan(0);
    expect(folded[0]!.repeats!.polls.length).toBeGreaterThan(0);
    // The console says a repeated failure once per failing test (and once more in the run's last lines), not once per poll.
    const said = run.output.split('\n').filter((l) => l.includes('JobStatus /status must be string (got null)')).length;
    const failing = new Set(
      run
        .results!.requirements.flatMap((r) => r.tests)
        .filter((t) => t.status === 'failed')
        .map((t) => t.id),
    ).size;
    expect(said, `${failing} failing tests`).toBeLessThanOrEqual(failing + 5);
  });

  test('every answer of every endpoint broken (each hostile case in turn, the stall aside, the preflight let through): the run ends, reports, and stays bounded', async () => {
    const run = await everyAnswerRun(
      { everyAnswer: HOSTILE_CASES.filter((c) => c !== 'slow-loris') },
      { files: ['tests/conformance/shape.spec.ts'] },
    );
    expectBounded(run);
    expect(run.exitCode, run.output.slice(-3000)).not.toBe(0);
    expect(run.served, 'the run got past the preflight to its tests').toBeGreaterThan(3);
  });

  // A stall costs the request timeout per request: CONFORMANCE_REQUEST_TIMEOUT_S=2 makes the bound quick to prove. It
  // is the same at the default 30 s: the whole suite against a target that stalls every answer took 230 s on the
  // shared machine (docs/hostile-targets.md), within the 10 minutes the run may take.
  for (const [what, target] of [
    ['every answer', { everyAnswer: ['slow-loris'] }],
    ['every status answer', { everyStatus: [{ case: 'slow-loris' }] }],
  ] as const) {
    test(`${what} stalled: the run stops sending after a few timed-out requests in a row, reports, and says the target stalls`, async () => {
      const run = await everyAnswerRun(target, { files: ['tests/conformance/shape.spec.ts'], env: { CONFORMANCE_REQUEST_TIMEOUT_S: '2' } });
      expectBounded(run);
      expect(run.exitCode, run.output.slice(-3000)).not.toBe(0);
      expect(run.output).toMatch(/the target stalls/);
      expect(run.results!.summary.runBroken).toBe(true);
      expect(run.results!.summary.brokenBecause.join('\n')).toMatch(/TargetStalls: the target stalls/);
      // The bound that holds for any run, however many tests: STALLED_AFTER timed-out requests in a row (with those in
      // flight beside them), then no more requests, so the run lasts a few request timeouts.
      expect(run.served, 'stalled answers before the run stopped sending').toBeLessThanOrEqual(STALLED_AFTER + 4);
    });
  }
});
