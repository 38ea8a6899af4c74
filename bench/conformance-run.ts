// One conformance run (`playwright test --project=conformance`) in a child process, timed from spawn
// to exit, through the verdict tests' runner (fresh output folder, the target given by environment).
import { SuiteRunner, type SuiteRunOptions } from '../tools/suite-run.js';
import type { SimulatorHandle } from '../src/simulator/server.js';

export interface TimedRun {
  scenarios: number;
  workers: number | undefined;
  wallMs: number;
  exitCode: number | null;
  verdict: string;
  /** The run's last lines when it did not exit 0. */
  tail?: string;
  startedAt: number;
  endedAt: number;
}

export interface RunSettings {
  scenarios: number;
  workers?: number;
  /** A simulator (or a proxy in front of it) the bench started; without it the suite embeds its own. */
  target?: { simulator: SimulatorHandle; baseUrl: string };
  timeoutMs: number;
}

export async function timedConformanceRun(settings: RunSettings): Promise<TimedRun> {
  const runner = new SuiteRunner();
  const { simulator, baseUrl } = settings.target ?? {};
  const options: SuiteRunOptions = {
    timeoutMs: settings.timeoutMs,
    ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
    // A loopback simulator behind the bench's proxy counts as an external target, whose defaults
    // (10 requests/s, 5,000 requests) are for staging: lifted, as for the embedded simulator.
    env: { CONFORMANCE_SCENARIOS: String(settings.scenarios), CONFORMANCE_MAX_RPS: 'Infinity', CONFORMANCE_REQUEST_BUDGET: '10000000' },
    ...(simulator && baseUrl
      ? {
          baseUrl,
          apiKey: simulator.apiKey,
          orgId: simulator.orgId,
          ...(simulator.otherOrg ? { otherApiKey: simulator.otherOrg.apiKey, otherOrgId: simulator.otherOrg.orgId } : {}),
        }
      : {}),
  };
  const startedAt = performance.now();
  try {
    const run = await runner.run(options);
    const endedAt = performance.now();
    return {
      scenarios: settings.scenarios,
      workers: settings.workers,
      wallMs: endedAt - startedAt,
      exitCode: run.exitCode,
      verdict: run.results.summary.verdict,
      ...(run.exitCode === 0 ? {} : { tail: run.output.slice(-1500) }),
      startedAt,
      endedAt,
    };
  } finally {
    runner.stopAll();
    runner.removeOutputs();
  }
}
