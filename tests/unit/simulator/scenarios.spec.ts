// The simulator is the executable form of the spec: generated scenarios, played over HTTP and
// polled to their end (through every file page at every poll), leave the oracle nothing to find.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { scenarioArbitrary } from '../../../generators/scenario.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { terminalSecond } from '../../../src/model/progression.js';
import type { Scenario } from '../../../src/model/scenario.js';
import { isJobStatus, isTerminal } from '../../../src/model/status.js';
import { checkFilesWalk } from '../../../src/oracle/page-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { judgeTimeline } from '../../../src/oracle/judge.js';
import type { Finding } from '../../../src/oracle/finding.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { advance, get, jsonOf, post, startManual, type Sim } from './harness.js';

const DEFAULT_FC_SEED = 20260305;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : DEFAULT_FC_SEED;
const RUNS = 200;
/** Polls after the first terminal snapshot, where after-terminal placeholders can land. */
const POLLS_AFTER_END = 3;

interface Played {
  findings: Finding[];
  polls: number;
  lastStatus: string | undefined;
}

/** Follows next_cursor from a first page to the end; the pages as fetched. */
async function walkFrom(sim: Sim, jobId: string, first: JobSnapshot, limitQuery: string): Promise<JobSnapshot[]> {
  const pages = [first];
  let cursor = first.files_page?.next_cursor;
  while (cursor && pages.length <= 600) {
    const page = jsonOf<JobSnapshot>(await get(sim, `/v2/jobs/${jobId}?${limitQuery}files_cursor=${encodeURIComponent(cursor)}`));
    pages.push(page);
    cursor = page.files_page?.next_cursor;
  }
  return pages;
}

async function play(sim: Sim, scenario: Scenario, pollCount: number, filesLimit: number | undefined): Promise<Played> {
  const created = await post(sim, '/_sim/scenarios', scenario);
  if (created.status !== 201) throw new Error(`scenario refused (${created.status}): ${created.body}`);
  const jobId = jsonOf<{ job_id: string }>(created).job_id;
  const end = terminalSecond(scenario);
  const natural = scenario.pendingSeconds + scenario.stageSeconds.reduce((a, b) => a + b, 0) + scenario.mediaLagSeconds;
  const horizon = Number.isFinite(end) ? end : natural + 30; // a stuck job is polled well past its natural end
  const step = Math.max(0.25, horizon / pollCount);
  const limitQuery = filesLimit === undefined ? '' : `files_limit=${filesLimit}&`;
  const timeline: Observation[] = [];
  const findings: Finding[] = [];
  let afterEnd = -1;
  for (let i = 0; i < pollCount * 2 + POLLS_AFTER_END + 2; i++) {
    const observation = classify(await get(sim, `/v2/jobs/${jobId}?${limitQuery}`.replace(/[?&]$/, '')), i);
    timeline.push(observation);
    if (observation.kind === 'snapshot') {
      const pages = await walkFrom(sim, jobId, observation.snapshot, limitQuery);
      findings.push(...findingsOfCheck(checkFilesWalk, pages, { jobId, ...(filesLimit !== undefined ? { filesLimit } : {}) }));
      if (afterEnd < 0 && isTerminal(observation.snapshot.status)) afterEnd = 0;
    }
    if (afterEnd >= 0 && afterEnd++ >= POLLS_AFTER_END) break;
    if (!Number.isFinite(end) && i * step > horizon) break;
    await advance(sim, step);
  }
  findings.push(...judgeTimeline(timeline, { jobId, ...(filesLimit !== undefined ? { filesLimit } : {}) }));
  const last = [...timeline].reverse().find((o) => o.kind === 'snapshot');
  return { findings, polls: timeline.length, lastStatus: last?.kind === 'snapshot' ? last.snapshot.status : undefined };
}

test(`${RUNS} generated scenarios played over HTTP leave the oracle nothing to find`, async () => {
  test.setTimeout(300_000);
  console.log(`scenario playback: fast-check seed ${seed} (set FC_SEED to replay another)`);
  test.info().annotations.push({ type: 'seed', description: String(seed) });
  const sim = await startManual();
  const ends = new Map<string, number>();
  let totalPolls = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary({ maxFiles: 60, ends: ['run', 'cancel', 'fail', 'stuck'] }),
        fc.integer({ min: 6, max: 20 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        async (scenario, pollCount, filesLimit) => {
          const played = await play(sim, scenario, pollCount, filesLimit);
          if (played.findings.length > 0) {
            throw new Error(`${played.findings.length} findings, first: ${JSON.stringify(played.findings.slice(0, 3), null, 1)}`);
          }
          const finished = played.lastStatus ?? 'none';
          if (Number.isFinite(terminalSecond(scenario)) && !(isJobStatus(finished) && isTerminal(finished))) {
            throw new Error(`the job should have ended but was last seen ${finished} after ${played.polls} polls`);
          }
          ends.set(finished, (ends.get(finished) ?? 0) + 1);
          totalPolls += played.polls;
        },
      ),
      { seed, numRuns: RUNS, endOnFailure: false },
    );
  } finally {
    await sim.close();
  }
  console.log(`scenario playback: ${totalPolls} polls; last statuses ${JSON.stringify(Object.fromEntries(ends))}`);
  // The sample exercised every way a job ends.
  expect([...ends.keys()]).toEqual(expect.arrayContaining(['completed', 'completed_with_failures', 'failed', 'cancelled', 'running']));
});
