// Judging recorded traffic: a 200 MB HAR of generated conforming jobs (20 MB with --quick) judged by the
// recorded judge in a child process (read, parse, group by job, judge each timeline), beside the live
// oracle judging the same observations in memory (classify and judge, as the conformance support does).
// Figures: exchanges per second and MB per second for the file, the child's peak resident memory, and the
// oracle's observations per second; the recording must judge every exchange and find nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedTraffic } from '../generators/recorded-traffic.js';
import { entryOf } from '../src/har/har-entry.js';
import { HarWriter } from '../src/har/har-file.js';
import { classify } from '../src/oracle/classify.js';
import { startJudging } from '../src/oracle/judge.js';
import type { BenchOptions, BenchResult } from './run.js';

const SEED = 20_261_202;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default async function recordedBench(options: BenchOptions): Promise<BenchResult> {
  const megabytes = options.quick ? 20 : 200;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-recorded-'));
  try {
    const file = path.join(dir, 'large.har');
    const traffic = recordedTraffic(SEED, 50);
    const writeStarted = performance.now();
    const writer = new HarWriter(file, { name: 'recorded.bench', version: '1' });
    let jobs = 0;
    let exchanges = 0;
    while (writer.bytesWritten < megabytes * 1024 * 1024) {
      for (const exchange of traffic.copy(jobs++).exchanges) {
        writer.add(entryOf(exchange, { baseUrl: 'https://api.runcaptain.com' }));
        exchanges += 1;
      }
    }
    writer.close();
    const writeMs = performance.now() - writeStarted;
    const bytes = statSync(file).size;

    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'recorded-judge-child.ts'), file], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    });
    const failures: string[] = [];
    let judged: { ms: number; judged: number; jobs: number; findings: number; maxRssKb: number; heapLimitMb: number } | undefined;
    try {
      judged = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as typeof judged;
    } catch {
      failures.push(`the judge's child failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
    }
    if (judged && judged.judged !== exchanges) failures.push(`the judge judged ${judged.judged} of ${exchanges} exchanges`);
    if (judged && judged.findings !== 0) failures.push(`the judge found ${judged.findings} findings in conforming traffic`);

    // The live oracle on the same observations: each job's answers classified and judged in memory.
    let liveMs = 0;
    let observations = 0;
    let liveFindings = 0;
    for (let i = 0; i < jobs; i++) {
      const job = traffic.copy(i); // made outside the timing: only classifying and judging are timed
      const liveStarted = performance.now();
      const judge = startJudging({ jobId: job.jobId });
      job.exchanges.forEach((exchange, index) => judge.observe(classify(exchange, index)));
      liveFindings += judge.assessment().findings.length;
      liveMs += performance.now() - liveStarted;
      observations += job.exchanges.length;
    }
    if (liveFindings !== 0) failures.push(`the live oracle found ${liveFindings} findings in the same traffic`);

    const mb = bytes / 2 ** 20;
    const lines = [
      `HAR of ${mb.toFixed(0)} MB: ${exchanges} exchanges of ${jobs} jobs (written in ${(writeMs / 1000).toFixed(1)} s)`,
      ...(judged
        ? [
            `recorded judge (child process, heap limit ${judged.heapLimitMb.toFixed(0)} MB): ${(judged.ms / 1000).toFixed(1)} s, ${Math.round(judged.judged / (judged.ms / 1000))} exchanges/s, ${(mb / (judged.ms / 1000)).toFixed(1)} MB/s, peak RSS ${(judged.maxRssKb / 1024).toFixed(0)} MB`,
          ]
        : []),
      `live oracle on the same observations (in memory, no file): ${(liveMs / 1000).toFixed(1)} s, ${Math.round(observations / (liveMs / 1000))} observations/s`,
      ...(judged ? [`reading the recording costs ${(judged.ms / liveMs).toFixed(1)}x the oracle's own time`] : []),
    ];
    return {
      lines,
      failures,
      figures: {
        harMegabytes: Math.round(mb),
        exchanges,
        jobs,
        ...(judged
          ? {
              judgeSeconds: judged.ms / 1000,
              judgeExchangesPerSecond: judged.judged / (judged.ms / 1000),
              judgePeakRssMb: judged.maxRssKb / 1024,
            }
          : {}),
        liveObservationsPerSecond: observations / (liveMs / 1000),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
