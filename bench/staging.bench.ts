// A staging run near its floor (issue 25): the whole suite against a separately started simulator, with the
// external defaults (10 requests/s, 5,000 requests), for 1, 2, 4 and 8 tests at once (--workers), each run's
// wall time, its requests at the target and its floor side by side (bench/run-floor.ts). The simulator runs
// at time scale 10 by default (four time-scale-1 runs would take over 15 minutes): `npm run bench -- staging
// --time-scale=1` for real time; `--quick` runs 1 and 8 at time scale 100.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultFor, VARIABLE_LIST } from '../src/settings/variables.js';
import { startSimulator } from '../src/simulator/server.js';
import { SuiteRunner } from '../tools/suite-run.js';
import type { BenchOptions, BenchResult } from './run.js';
import { lineChart } from './line-chart.js';
import { startLoggingProxy, type LoggedExchange } from './request-log.js';
import { harEntries, runFloor, type RunFloor } from './run-floor.js';

/** The external target's default rate: the run keeps to it, and the floor is at it. */
const MAX_RPS = defaultFor(
  VARIABLE_LIST.find((v) => v.setting === 'maxRps')!,
  'external',
) as number;
const TARGET_RATIO = 2;

interface StagingRun {
  workers: number;
  timeScale: number;
  wallSeconds: number;
  exitCode: number | null;
  verdict: string;
  /** Requests that reached the API (the proxy's count; the fault hook's /_sim/ apart). */
  requests: number;
  controlRequests: number;
  floor: RunFloor;
  tail?: string;
}

function timeScaleOf(argv: readonly string[], quick: boolean): number {
  const given = argv.find((a) => a.startsWith('--time-scale='));
  return given ? Number(given.slice('--time-scale='.length)) : quick ? 100 : 10;
}

async function stagingRun(workers: number, timeScale: number): Promise<StagingRun> {
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale });
  const log: LoggedExchange[] = [];
  const proxy = await startLoggingProxy(simulator.baseUrl, log);
  const runner = new SuiteRunner();
  try {
    const startedAt = performance.now();
    const run = await runner.run({
      baseUrl: proxy.baseUrl,
      apiKey: simulator.apiKey,
      orgId: simulator.orgId,
      ...(simulator.otherOrg ? { otherApiKey: simulator.otherOrg.apiKey, otherOrgId: simulator.otherOrg.orgId } : {}),
      workers,
      timeoutMs: 30 * 60_000,
      keepOutput: true,
    });
    const wallSeconds = (performance.now() - startedAt) / 1000;
    const api = log.filter((e) => !e.url.startsWith('/_sim/'));
    // Job waits are real seconds (the record's clock), at whatever time scale the simulator ran.
    const floor = runFloor(harEntries(run.conformanceDir), MAX_RPS, api.length);
    rmSync(run.outDir, { recursive: true, force: true });
    return {
      workers,
      timeScale,
      wallSeconds,
      exitCode: run.exitCode,
      verdict: run.results.summary.verdict,
      requests: api.length,
      controlRequests: log.length - api.length,
      floor,
      ...(run.exitCode === 0 ? {} : { tail: run.output.slice(-1500) }),
    };
  } finally {
    runner.stopAll();
    await proxy.close();
    await simulator.close();
  }
}

const s = (seconds: number) => `${seconds.toFixed(1)} s`;

export default async function (options: BenchOptions): Promise<BenchResult> {
  const timeScale = timeScaleOf(process.argv, options.quick);
  const workerCounts = options.quick ? [1, 8] : [1, 2, 4, 8];
  const runs: StagingRun[] = [];
  for (const workers of workerCounts) runs.push(await stagingRun(workers, timeScale));
  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(
    path.join(dir, 'staging-workers.svg'),
    lineChart({
      title: `A staging run (time scale ${timeScale}, ${MAX_RPS} requests/s): wall time and floor by tests at once`,
      xLabel: 'tests at once (--workers)',
      yLabel: 'seconds',
      logX: true,
      series: [
        { name: 'wall time', points: runs.map((r) => ({ x: r.workers, y: r.wallSeconds })) },
        { name: 'floor (longest job + requests at the rate)', points: runs.map((r) => ({ x: r.workers, y: r.floor.floorSeconds })) },
        { name: `requests / ${MAX_RPS} per s`, points: runs.map((r) => ({ x: r.workers, y: r.floor.requestSeconds })) },
      ],
    }),
  );
  const row = (r: StagingRun) =>
    `  ${String(r.workers).padStart(2)} at once: ${s(r.wallSeconds).padStart(8)} wall, ${r.requests} requests (+${r.controlRequests} to /_sim/), floor ${s(r.floor.floorSeconds)} (longest job ${s(r.floor.longestJob?.seconds ?? 0)} + ${s(r.floor.requestSeconds)} of requests), wall / floor ${(r.wallSeconds / r.floor.floorSeconds).toFixed(2)}x (target ${TARGET_RATIO}x), exit ${r.exitCode}, ${r.verdict}`;
  const failures = runs
    .filter((r) => r.exitCode !== 0 || r.verdict !== 'conformant')
    .map((r) => `staging run with ${r.workers} workers exited ${r.exitCode}, verdict ${r.verdict}: ${r.tail ?? ''}`);
  return {
    lines: [
      `simulator at time scale ${timeScale}, ${MAX_RPS} requests/s, the external defaults`,
      ...runs.map(row),
      'chart: bench/staging-workers.svg',
    ],
    figures: { timeScale, maxRps: MAX_RPS, targetRatio: TARGET_RATIO, runs: runs.map(({ tail: _tail, ...r }) => r) },
    failures,
  };
}
