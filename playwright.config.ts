import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { externalTargetFrom, reportsDirFrom } from './src/settings/settings.js';

// Where a run writes its outputs; CONFORMANCE_REPORTS_DIR gives a run that drives the suite (tests/verdicts) its own.
// Every other setting is checked by global setup, which fails the run with one message before any request.
const reports = reportsDirFrom(process.env);
// Against an external target a run waits on real time, and waiting costs no CPU: more spec files wait at once,
// while the rate and the budget stay the run's (global setup). `--workers=N` says otherwise.
const external = externalTargetFrom(process.env);
const EXTERNAL_WORKERS = 8;

// One runner for everything: unit and property tests, API conformance tests, the report in a browser.
export default defineConfig({
  outputDir: path.join(reports, 'test-results'),
  // The machines have 2 cores. `npm test` raises the total to 4 (--workers=4) for the verdicts project,
  // whose child runs wait on their targets' virtual time about half of their life; the others stay at 2.
  workers: external ? EXTERNAL_WORKERS : 2,
  forbidOnly: !!process.env.CI,
  // Checks the settings, then starts the embedded simulator on an ephemeral loopback port unless CONFORMANCE_BASE_URL names a target.
  globalSetup: './tests/global-setup.ts',
  retries: 0, // a flaky test is a bug, never retried into silence
  reporter: [
    ['list'],
    ['junit', { outputFile: path.join(reports, 'junit.xml') }],
    ['html', { outputFolder: path.join(reports, 'playwright'), open: 'never' }],
    // Per-requirement conformance report from the evidence tests attach (src/evidence/attach.ts).
    ['./src/report/reporter.ts', { outputDir: path.join(reports, 'conformance') }],
  ],
  projects: [
    {
      name: 'unit',
      testDir: 'tests/unit',
      workers: 2,
    },
    {
      // API tests against the target, one file per requirement area (spec/requirements.yaml).
      name: 'conformance',
      testDir: 'tests/conformance',
      ...(external ? {} : { workers: 2 }),
      // Fixtures and hooks only: each test's own timeout follows the target (time scale, request rate, job
      // budget), set by the `conformance` fixture and extended by every wait (tests/conformance/support/pace.ts).
      timeout: 120_000,
    },
    {
      // The generated HTML report opened in Debian's Chromium (tests/report/fixture is its input suite).
      name: 'report',
      testDir: 'tests/report',
      // One at a time: the dispatcher hands the verdicts' child runs (the run's long pole) a worker only once the
      // projects before them are at their caps or done, so with 2 here they waited for the report's last test.
      workers: 1,
      testIgnore: '**/fixture/**',
    },
    {
      // The suite's own verdicts: real conformance runs, in child processes, against targets that break one requirement at a time.
      name: 'verdicts',
      testDir: 'tests/verdicts',
      timeout: 300_000,
    },
  ],
});
