// Fixtures of the verdict tests: a simulator (control API on, the suite's time scale), a rewriting proxy
// in front of it, and the conformance suite run in child processes. Everything started here is closed
// or killed when the test ends, whatever its outcome.
import { randomBytes } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../../../src/simulator/clock.js';
import { startRewritingProxy, type Rewrite, type RewritingProxy } from '../../../tools/rewriting-proxy.js';
import { SharedRuns } from './shared-runs.js';
import { SuiteRunner, type SuiteRun, type SuiteRunOptions } from '../../../tools/suite-run.js';

type WorkerFixtures = { sharedRuns: SharedRuns };

/** Starts a simulator on an ephemeral loopback port with its own keys (or `apiKey`, e.g. a canary). */
export type StartSimulator = (options?: { apiKey?: string }) => Promise<SimulatorHandle>;
/** Starts a rewriting proxy in front of `upstream`. */
export type StartProxy = (upstream: string, rewrite: Rewrite) => Promise<RewritingProxy>;
/**
 * The child run named `key`, made by the first test that asks (`options` is called then, and may start
 * the simulator and proxy the run needs: the run is over before that test's fixtures close them).
 */
export type RunOnce = (key: string, options: () => Promise<SuiteRunOptions>) => Promise<SuiteRun>;

type Fixtures = {
  simulator: StartSimulator;
  rewritingProxy: StartProxy;
  suite: SuiteRunner;
  runOnce: RunOnce;
};

export const test = base.extend<Fixtures, WorkerFixtures>({
  sharedRuns: [
    async ({}, use) => {
      const shared = new SharedRuns();
      try {
        await use(shared);
      } finally {
        shared.close();
      }
    },
    { scope: 'worker' },
  ],
  runOnce: async ({ sharedRuns }, use, testInfo) => {
    const read: SuiteRun[] = [];
    await use(async (key, options) => {
      const run = await sharedRuns.run(key, options);
      read.push(run);
      return run;
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      sharedRuns.keepOutputs();
      for (const run of read) testInfo.annotations.push({ type: 'conformance run output', description: run.outDir });
    }
  },
  simulator: async ({}, use) => {
    const started: SimulatorHandle[] = [];
    try {
      await use(async (options = {}) => {
        const id = randomBytes(6).toString('hex');
        const simulator = await startSimulator({
          port: 0,
          host: '127.0.0.1',
          timeScale: SUITE_TIME_SCALE,
          control: true,
          apiKey: options.apiKey ?? `verdicts-key-${id}`,
          orgId: `verdicts-org-${id}`,
          otherOrg: { apiKey: `verdicts-other-key-${id}`, orgId: `verdicts-other-org-${id}` },
        });
        started.push(simulator);
        return simulator;
      });
    } finally {
      await Promise.all(started.map((s) => s.close()));
    }
  },
  rewritingProxy: async ({}, use) => {
    const started: RewritingProxy[] = [];
    try {
      await use(async (upstream: string, rewrite: Rewrite) => {
        const proxy = await startRewritingProxy(upstream, rewrite);
        started.push(proxy);
        return proxy;
      });
    } finally {
      await Promise.all(started.map((p) => p.close()));
    }
  },
  suite: async ({}, use, testInfo) => {
    const runner = new SuiteRunner();
    try {
      await use(runner);
    } finally {
      runner.stopAll();
      if (testInfo.status === testInfo.expectedStatus) runner.removeOutputs();
      else for (const dir of runner.outputDirs) testInfo.annotations.push({ type: 'conformance run output', description: dir });
    }
  },
});

export { expect };
