// Recorded traffic of many jobs, for judging HAR files at scale (tests and the bench): the status answers of
// generated conforming timelines, each copied under fresh job ids. Seeded and pure; callers write the file.
import fc from 'fast-check';
import type { Exchange } from '../src/oracle/exchange.js';
import { scenarioTimelineArbitrary } from './timeline.js';

export interface RecordedJob {
  jobId: string;
  exchanges: Exchange[];
}

/** A job's answers under another job id (in the URL and in every body). */
function renamed(exchanges: readonly Exchange[], from: string, to: string): Exchange[] {
  return exchanges.map((e) => ({
    ...e,
    request: { ...e.request, url: e.request.url.split(from).join(to) },
    body: e.body.split(from).join(to),
  }));
}

/** `pool` generated conforming timelines (at most 40 files each), as jobs; `copy(i)` is the i-th job of an endless supply. */
export function recordedTraffic(seed: number, pool = 50): { jobs: RecordedJob[]; copy: (i: number) => RecordedJob } {
  const generated = fc.sample(scenarioTimelineArbitrary({ scenario: { maxFiles: 40 }, minPolls: 4 }), { seed, numRuns: pool });
  const jobs = generated.map((g) => ({ jobId: g.request.jobId, exchanges: g.timeline.map((o) => o.exchange) }));
  return {
    jobs,
    copy: (i) => {
      const job = jobs[i % jobs.length]!;
      const jobId = `${job.jobId}-copy${i}`;
      return { jobId, exchanges: renamed(job.exchanges, job.jobId, jobId) };
    },
  };
}
