// The conformance run against its floor, and how its cost grows. Every run is the real suite in a
// child process against a simulator this bench starts, behind a logging proxy, so each run's requests
// are counted. The floor: the smallest run's requests replayed back to back on loopback against a
// server that answers from the log (no simulator work, no waiting). Targets (issue 15): run / floor <= 2.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/simulator/server.js';
import { SUITE_TIME_SCALE } from '../src/simulator/clock.js';
import type { BenchOptions, BenchResult } from './run.js';
import { timedConformanceRun, type TimedRun } from './conformance-run.js';
import { lineChart } from './line-chart.js';
import { fmt, ratio, verdict } from './measure.js';
import { startLoggingProxy, startReplayer, type LoggedExchange } from './request-log.js';

const TARGET = 2;
const REPLAY_ROUNDS = 3;
const PARALLEL = 8;

interface Measured extends TimedRun {
  requests: number;
  /** First request received -> last answer sent, in ms. */
  spanMs: number;
  /** Spawn -> first request: the runner's start-up (Playwright, transpiling, global setup, workers). */
  startupMs: number;
  /** Time within the span when at least one request was in flight at the proxy; the rest is the suite waiting (virtual time, its own work). */
  busyMs: number;
  log: LoggedExchange[];
}

async function measuredRun(scenarios: number, workers: number | undefined): Promise<Measured> {
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: SUITE_TIME_SCALE });
  const log: LoggedExchange[] = [];
  const proxy = await startLoggingProxy(simulator.baseUrl, log);
  try {
    const run = await timedConformanceRun({ scenarios, workers, target: { simulator, baseUrl: proxy.baseUrl }, timeoutMs: 240_000 });
    const first = log[0]?.receivedAt ?? run.startedAt;
    const last = Math.max(...log.map((e) => e.answeredAt), first);
    return { ...run, requests: log.length, spanMs: last - first, startupMs: first - run.startedAt, busyMs: inFlightMs(log), log };
  } finally {
    await proxy.close();
    await simulator.close();
  }
}

/** The union of the exchanges' [received, answered] intervals. */
function inFlightMs(log: readonly LoggedExchange[]): number {
  const spans = log.map((e) => [e.receivedAt, e.answeredAt] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let [from, to] = spans[0] ?? [0, 0];
  for (const [start, end] of spans) {
    if (start > to) {
      busy += to - from;
      [from, to] = [start, end];
    } else to = Math.max(to, end);
  }
  return busy + (to - from);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function (options: BenchOptions): Promise<BenchResult> {
  const scenarioCounts = options.quick ? [20, 80] : [100, 400, 1600];
  const workerCounts = options.quick ? [1, 2] : [1, 2, 4];
  const base = scenarioCounts[0]!;
  const runs: Measured[] = [];
  for (const scenarios of scenarioCounts) runs.push(await measuredRun(scenarios, 2));
  for (const workers of workerCounts.filter((w) => w !== 2)) runs.push(await measuredRun(base, workers));
  const failures = runs
    .filter((r) => r.exitCode !== 0)
    .map(
      (r) => `conformance run (${r.scenarios} scenarios, ${r.workers} workers) exited ${r.exitCode}, verdict ${r.verdict}: ${r.tail ?? ''}`,
    );

  // The floor of the smallest run, replayed sequentially and PARALLEL at a time, best of REPLAY_ROUNDS interleaved.
  const floorRun = runs[0]!;
  const replayer = await startReplayer(floorRun.log);
  let sequentialMs = Infinity;
  let parallelMs = Infinity;
  try {
    for (let round = 0; round < REPLAY_ROUNDS; round++) {
      sequentialMs = Math.min(sequentialMs, await replayer.replay(1));
      parallelMs = Math.min(parallelMs, await replayer.replay(PARALLEL));
    }
  } finally {
    await replayer.close();
  }
  const vsFloor = floorRun.wallMs / sequentialMs;
  const spanVsFloor = floorRun.spanMs / sequentialMs;

  const byScenarios = runs.filter((r) => r.workers === 2).sort((a, b) => a.scenarios - b.scenarios);
  const byWorkers = runs.filter((r) => r.scenarios === base).sort((a, b) => (a.workers ?? 0) - (b.workers ?? 0));
  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(
    `${dir}conformance-scenarios.svg`,
    lineChart({
      title: 'Conformance run: wall time by generated scenarios (2 workers)',
      xLabel: 'generated scenarios (CONFORMANCE_SCENARIOS)',
      yLabel: 'seconds',
      logX: true,
      series: [
        { name: 'wall time', points: byScenarios.map((r) => ({ x: r.scenarios, y: r.wallMs / 1000 })) },
        { name: 'requests span', points: byScenarios.map((r) => ({ x: r.scenarios, y: r.spanMs / 1000 })) },
      ],
    }),
  );
  writeFileSync(
    `${dir}conformance-workers.svg`,
    lineChart({
      title: `Conformance run: wall time by workers (${base} scenarios)`,
      xLabel: 'workers (--workers)',
      yLabel: 'seconds',
      logX: true,
      series: [
        { name: 'wall time', points: byWorkers.map((r) => ({ x: r.workers ?? 2, y: r.wallMs / 1000 })) },
        { name: 'requests span', points: byWorkers.map((r) => ({ x: r.workers ?? 2, y: r.spanMs / 1000 })) },
      ],
    }),
  );

  const row = (r: Measured) =>
    `  ${String(r.scenarios).padStart(5)} scenarios, ${r.workers} worker(s): ${seconds(r.wallMs).padStart(7)} wall (start-up ${seconds(r.startupMs)}, requests span ${seconds(r.spanMs)}, of it a request in flight ${seconds(r.busyMs)}), ${fmt(r.requests)} requests, exit ${r.exitCode}, ${r.verdict}`;
  return {
    lines: [
      ...runs.map(row),
      `floor: the ${fmt(floorRun.requests)} requests of the ${base}-scenario run replayed on loopback from the log: ${seconds(sequentialMs)} back to back, ${seconds(parallelMs)} ${PARALLEL} at a time (best of ${REPLAY_ROUNDS})`,
      `target run / floor <= ${TARGET}: wall ${ratio(vsFloor)} -> ${verdict(vsFloor <= TARGET)}${vsFloor > TARGET ? ` (over by ${ratio(vsFloor / TARGET)} the target)` : ''}; requests span alone ${ratio(spanVsFloor)}`,
      `charts: bench/conformance-scenarios.svg, bench/conformance-workers.svg`,
    ],
    figures: {
      runs: runs.map(({ log: _log, startedAt: _s, endedAt: _e, ...r }) => r),
      floor: {
        run: { scenarios: base, workers: 2, requests: floorRun.requests },
        sequentialMs,
        parallelMs,
        parallelConnections: PARALLEL,
        rounds: REPLAY_ROUNDS,
      },
      ratioWallToFloor: vsFloor,
      ratioSpanToFloor: spanVsFloor,
      target: TARGET,
      met: vsFloor <= TARGET,
    },
    failures,
  };
}
