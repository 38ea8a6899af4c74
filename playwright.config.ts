import { defineConfig } from '@playwright/test';

// One runner for everything: unit and property tests, API conformance tests, the report in a browser.
export default defineConfig({
  outputDir: 'reports/test-results',
  workers: 2, // the machines have 2 cores
  forbidOnly: !!process.env.CI,
  // Starts the embedded simulator on an ephemeral loopback port unless CONFORMANCE_BASE_URL names a target.
  globalSetup: './tests/conformance/support/global-setup.ts',
  retries: 0, // a flaky test is a bug, never retried into silence
  reporter: [
    ['list'],
    ['junit', { outputFile: 'reports/junit.xml' }],
    ['html', { outputFolder: 'reports/playwright', open: 'never' }],
    // Per-requirement conformance report from the evidence tests attach (src/report/evidence.ts).
    ['./src/report/reporter.ts', { outputDir: 'reports/conformance' }],
  ],
  projects: [
    {
      name: 'unit',
      testDir: 'tests/unit',
    },
    {
      // API tests against the target, one file per requirement area (spec/requirements.yaml).
      name: 'conformance',
      testDir: 'tests/conformance',
      timeout: 120_000,
    },
    {
      // The generated HTML report opened in Debian's Chromium (tests/report/fixture is its input suite).
      name: 'report',
      testDir: 'tests/report',
      testIgnore: '**/fixture/**',
    },
  ],
});
