// The floor of a conformance run against a real-time target, from the run's own record (exchanges.har): the
// longest job it waited for, plus its requests at CONFORMANCE_MAX_RPS (docs/performance.md, "A staging run near
// its floor"). `tsx bench/run-floor.ts <reports/conformance> [max-rps]` prints it for any run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Har, HarEntry } from '../src/har/har-format.js';
import { isKnownStatus, isTerminal } from '../src/model/status.js';

export interface JobWait {
  jobId: string;
  /**
   * From the request that created it (or, for a job created through the fault hook, its first answer) to the
   * end of the first answer that showed it ended, after one that showed it unfinished: a job first seen ended
   * was not waited for (a shared job created early and read later).
   */
  seconds: number;
  /** The test that waited for it. */
  test: string;
}

export interface RunFloor {
  /** The requests the run sent the API, as given (a count at the target), or those of the record. */
  requests: number;
  maxRps: number;
  /** requests / maxRps: the least time the run's requests take at the rate limit. */
  requestSeconds: number;
  longestJob: JobWait | undefined;
  /** longest job + requestSeconds: the floor of the issue's definition. */
  floorSeconds: number;
  /** max(longest job, requestSeconds): no schedule of these requests and jobs ends sooner. */
  lowerBoundSeconds: number;
}

const JOB_PATH = /\/v2\/jobs\/([^/?#]+)/;

function bodyOf(entry: HarEntry): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(entry.response.content.text ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** For every job the record shows ending: how long the run had to wait for it, longest first. */
export function jobWaits(entries: readonly HarEntry[]): JobWait[] {
  const started = new Map<string, number>();
  const unfinished = new Set<string>();
  const waits = new Map<string, JobWait>();
  for (const entry of entries) {
    const at = Date.parse(entry.startedDateTime);
    const body = bodyOf(entry);
    const created = entry.request.method === 'POST' && entry.response.status < 300 && typeof body?.job_id === 'string';
    const jobId = created ? (body!.job_id as string) : JOB_PATH.exec(entry.request.url)?.[1];
    if (jobId === undefined) continue;
    if (!started.has(jobId)) started.set(jobId, at);
    const status = body?.status;
    if (created || typeof status !== 'string' || !isKnownStatus(status)) continue;
    if (!isTerminal(status)) unfinished.add(jobId);
    else if (unfinished.has(jobId) && !waits.has(jobId))
      waits.set(jobId, { jobId, seconds: (at + entry.time - started.get(jobId)!) / 1000, test: entry._test ?? '' });
  }
  return [...waits.values()].sort((a, b) => b.seconds - a.seconds);
}

export function runFloor(entries: readonly HarEntry[], maxRps: number, requests = entries.length): RunFloor {
  const longestJob = jobWaits(entries)[0];
  const requestSeconds = Number.isFinite(maxRps) ? requests / maxRps : 0;
  const longest = longestJob?.seconds ?? 0;
  return {
    requests,
    maxRps,
    requestSeconds,
    longestJob,
    floorSeconds: longest + requestSeconds,
    lowerBoundSeconds: Math.max(longest, requestSeconds),
  };
}

/** The entries of a run's exchanges.har (a folder holding it, or the file). */
export function harEntries(where: string): HarEntry[] {
  const file = where.endsWith('.har') ? where : path.join(where, 'exchanges.har');
  return (JSON.parse(readFileSync(file, 'utf8')) as Har).log.entries;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [where = 'reports/conformance', rps = '10'] = process.argv.slice(2);
  const floor = runFloor(harEntries(where), Number(rps));
  const job = floor.longestJob;
  console.log(
    `${floor.requests} requests recorded: ${floor.requestSeconds.toFixed(1)} s at ${floor.maxRps}/s; longest job waited for ${job ? `${job.seconds.toFixed(1)} s (${job.jobId}, ${job.test})` : 'none'}\n` +
      `floor ${floor.floorSeconds.toFixed(1)} s (longest job + requests at the rate); no schedule ends before ${floor.lowerBoundSeconds.toFixed(1)} s`,
  );
}
