// The real suite against every hostile case at once: one short conformance run (a few spec files, a
// few generated scenarios) in a child process, against the simulator behind the hostile target, which
// deals its jobs out to the cases. The run must end (exit 1, not a crash), write its three outputs,
// keep the canary key out of every file and of its console, stay small, and name each case in a
// finding about a job that case was served on. One test per case reads the shared run.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../src/simulator/clock.js';
import { artifactsUnder } from '../report/artifacts.js';
import { EXPECTED } from '../hostile/expectations.js';
import { HOSTILE_CASES, startHostileTarget, type HostileCase } from '../hostile/target.js';
import { HOSTILE_RUN_FILES } from '../hostile/run-files.js';
import { expect, test } from '@playwright/test';
import { SuiteRunner } from '../../tools/suite-run.js';
import { readNote, removeNote, writeNote } from '../../tools/run-notes.js';

const SCENARIOS = 16;
const RESULTS_LIMIT_BYTES = 5 * 1024 * 1024;
const REPORTS_LIMIT_BYTES = 25 * 1024 * 1024;

/** A finding of the run, with the job it is about. */
interface JobFinding {
  requirement: string;
  message: string;
  jobId: string | undefined;
}

/** What the tests read of the shared run, noted on disk so a worker restarted after a failing test reuses it. */
interface HostileRunSummary {
  outDir: string;
  exitCode: number | null;
  outputTail: string;
  outputBytes: number;
  unhandled: string[];
  written: Record<string, boolean>;
  leaks: string[];
  resultsBytes: number;
  reportsBytes: number;
  served: Partial<Record<HostileCase, number>>;
  jobs: Record<string, HostileCase>;
  otherOriginRequests: number;
  findings: JobFinding[];
}

// The run's note: this Playwright run's only (its run id and runner pid), removed with the outputs or by global teardown.
const NOTE = 'hostile-cases';

async function hostileRun(): Promise<HostileRunSummary> {
  const noted = readNote<HostileRunSummary>(NOTE);
  if (noted && existsSync(noted.outDir)) return noted;
  const canary = `canary-${randomBytes(12).toString('hex')}`;
  const id = randomBytes(6).toString('hex');
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: SUITE_TIME_SCALE,
    control: true,
    apiKey: canary,
    orgId: `hostile-org-${id}`,
  });
  const hostile = await startHostileTarget({ upstream: sim.baseUrl });
  const suite = new SuiteRunner();
  try {
    const run = await suite.run({
      baseUrl: hostile.baseUrl,
      apiKey: canary,
      orgId: sim.orgId,
      env: { CONFORMANCE_MAX_RPS: 'Infinity', CONFORMANCE_SCENARIOS: String(SCENARIOS) },
      files: HOSTILE_RUN_FILES,
      workers: 2,
      timeoutMs: 240_000,
      keepOutput: true,
    });
    const encodings = [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary)];
    const artifacts = artifactsUnder(run.outDir);
    const summary: HostileRunSummary = {
      outDir: run.outDir,
      exitCode: run.exitCode,
      outputTail: run.output.slice(-3000),
      outputBytes: run.output.length,
      unhandled: run.output.split('\n').filter((line) => /unhandled(Rejection| promise| error)|uncaught exception/i.test(line)),
      written: Object.fromEntries(
        ['conformance/index.html', 'conformance/results.json', 'junit.xml'].map((f) => [f, existsSync(path.join(run.outDir, f))]),
      ),
      leaks: [
        ...artifacts.filter((a) => encodings.some((e) => a.content.includes(e))).map((a) => path.relative(run.outDir, a.name)),
        ...(encodings.some((e) => run.output.includes(e)) ? ['(console output)'] : []),
      ],
      resultsBytes: statSync(path.join(run.conformanceDir, 'results.json')).size,
      reportsBytes: artifacts.filter((a) => !a.name.includes('!')).reduce((sum, a) => sum + a.content.length, 0),
      served: Object.fromEntries(hostile.served),
      jobs: Object.fromEntries(hostile.jobs),
      otherOriginRequests: hostile.other.requests.length,
      findings: run.results.requirements.flatMap((r) => r.findings.map((f) => ({ requirement: r.id, message: f.message, jobId: f.jobId }))),
    };
    writeNote(NOTE, summary);
    return summary;
  } finally {
    suite.stopAll();
    await hostile.close();
    await sim.close();
  }
}

test.describe('the suite against a target that answers badly in every way at once', () => {
  let summary: HostileRunSummary;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    summary = await hostileRun();
  });

  test.afterAll(() => {
    // The outputs stay for reading when the run went wrong (its note then goes with the run, at global teardown).
    if (summary && summary.exitCode === 1 && summary.leaks.length === 0 && !process.env.HOSTILE_KEEP_OUTPUT) {
      rmSync(summary.outDir, { recursive: true, force: true });
      removeNote(NOTE);
    }
  });

  test('the run ends with exit code 1, not a crash, and writes index.html, results.json and junit.xml', () => {
    test.info().annotations.push({ type: 'conformance run output', description: summary.outDir });
    expect(summary.exitCode, summary.outputTail).toBe(1);
    expect(summary.written).toEqual({ 'conformance/index.html': true, 'conformance/results.json': true, 'junit.xml': true });
    expect(summary.unhandled).toEqual([]);
    expect(Object.keys(summary.served).sort(), 'every case answered at least one poll').toEqual([...HOSTILE_CASES].sort());
  });

  test('the canary key is in no file the run wrote and not in its console output', () => {
    expect(summary.leaks).toEqual([]);
  });

  test('the report stays small however much the target sent', () => {
    expect(summary.resultsBytes).toBeLessThan(RESULTS_LIMIT_BYTES);
    expect(summary.reportsBytes).toBeLessThan(REPORTS_LIMIT_BYTES);
    expect(summary.outputBytes).toBeLessThan(1024 * 1024);
  });

  test('no request, and so no key, followed a redirect to the other host', () => {
    expect(summary.otherOriginRequests).toBe(0);
  });

  for (const name of HOSTILE_CASES) {
    const expected = EXPECTED[name];
    test(`${expected.title}: a finding about a job it was served on names it`, () => {
      const jobs = Object.entries(summary.jobs)
        .filter(([, c]) => c === name)
        .map(([job]) => job);
      expect(summary.served[name] ?? 0, `the target answered ${name} at least once`).toBeGreaterThan(0);
      expect(jobs, `the jobs ${name} was dealt to`).not.toEqual([]);
      // Only findings about this case's own jobs: another case's finding with the same words proves nothing here.
      const own = summary.findings.filter((f) => f.jobId !== undefined && jobs.includes(f.jobId));
      const named = own.filter((f) => f.requirement === expected.requirement && expected.finding.test(f.message));
      expect(
        named,
        `no ${expected.requirement} finding about jobs ${jobs.join(', ')} matches ${expected.finding}; their findings:\n${own
          .slice(0, 40)
          .map((f) => `${f.requirement}: ${f.message}`)
          .join('\n')}`,
      ).not.toEqual([]);
    });
  }
});
