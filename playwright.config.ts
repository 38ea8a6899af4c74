import { defineConfig } from '@playwright/test';

// One runner for everything: unit and property tests, API conformance tests, the report in a browser.
export default defineConfig({
  outputDir: 'reports/test-results',
  workers: 2, // the machines have 2 cores
  forbidOnly: !!process.env.CI,
  retries: 0, // a flaky test is a bug, never retried into silence
  reporter: [['list']],
  projects: [
    {
      name: 'unit',
      testDir: 'tests/unit',
    },
  ],
});
