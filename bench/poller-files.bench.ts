// The poller's requests per job as jobs grow: generated jobs of 1, 50 and 500 files played on a
// virtual clock (bench/poller.bench.ts's target), waitForJob beside the fixed 5 s poller. Charted.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { scenarioArbitrary } from '../generators/scenario.js';
import { terminalSecond } from '../src/model/progression.js';
import type { BenchOptions, BenchResult } from './run.js';
import { lineChart } from './line-chart.js';
import { fixedPoller, INTERVAL_MS, referencePoller } from './poller.bench.js';

const SEED = 20_260_417;
const FILE_COUNTS = [1, 50, 500];

export default async function (options: BenchOptions): Promise<BenchResult> {
  const jobs = options.quick ? 30 : 100;
  const rows: { files: number; jobs: number; waitForJob: number; fixed: number }[] = [];
  for (const files of FILE_COUNTS) {
    const scenarios = fc
      .sample(scenarioArbitrary({ minFiles: files, maxFiles: files }), { seed: SEED, numRuns: jobs })
      .filter((s) => Number.isFinite(terminalSecond(s)));
    let ours = 0;
    let fixed = 0;
    for (const [i, scenario] of scenarios.entries()) {
      ours += (await referencePoller(scenario, SEED + i)).requests;
      fixed += (await fixedPoller(scenario, SEED + i, INTERVAL_MS)).requests;
    }
    rows.push({ files, jobs: scenarios.length, waitForJob: ours / scenarios.length, fixed: fixed / scenarios.length });
  }
  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(
    `${dir}poller-files.svg`,
    lineChart({
      title: 'Requests per job by file count (virtual clock)',
      xLabel: 'files in the job',
      yLabel: 'requests per job',
      logX: true,
      series: [
        { name: 'waitForJob', points: rows.map((r) => ({ x: r.files, y: r.waitForJob })) },
        { name: `fixed ${INTERVAL_MS / 1000} s poller`, points: rows.map((r) => ({ x: r.files, y: r.fixed })) },
      ],
    }),
  );
  return {
    lines: [
      ...rows.map(
        (r) =>
          `${String(r.files).padStart(4)} files: waitForJob ${r.waitForJob.toFixed(1)} requests per job, fixed ${INTERVAL_MS / 1000} s poller ${r.fixed.toFixed(1)} (${(r.waitForJob / r.fixed).toFixed(2)}x), ${r.jobs} generated jobs (seed ${SEED})`,
      ),
      'chart: bench/poller-files.svg',
    ],
    figures: { seed: SEED, rows },
  };
}
