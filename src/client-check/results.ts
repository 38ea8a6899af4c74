// The client report's data (reports/client/results.json): the verdict, each client requirement with its
// status and findings, and per scenario the client's requests beside the job's true timeline. Pure.
import type { Profile } from '../contract/catalog.js';
import type { ScenarioOutcome } from './outcome.js';
import { observationsOf } from './answers.js';
import type { ScenarioJudgement } from './judge.js';
import { truthOf } from './truth.js';
import { requirementResults, summaryOf, type ClientRequirementResult, type ClientSummary } from './verdict.js';

export const CLIENT_RESULTS_SCHEMA_VERSION = 1;

/** One request on the timeline, in seconds after the job's creation. */
export interface TimelineRequest {
  seq: number;
  atS: number;
  method: string;
  /** The path with the job id shortened to {job_id}, and the files_cursor flag. */
  what: string;
  status: number;
  /** snapshot:<status>, placeholder, http-error, malformed, or query / other for other endpoints. */
  answer: string;
}

export interface ScenarioTimeline {
  /** The job's true lifecycle, seconds after creation; null for an unknown job. */
  job: { startS: number; endS: number; status: string; searchableS: number | null } | null;
  clientStartS: number;
  clientEndS: number;
  requests: TimelineRequest[];
  /** Requests past the log's bound: counted, not drawn. */
  notDrawn: number;
  /** When the wire faults were in play (a burst from its start, until it was spent), seconds after creation. */
  faults: { kind: string; fromS: number; untilS: number | null }[];
}

export interface ScenarioResult extends ScenarioJudgement {
  dialect: string;
  faults: string[];
  seed?: number;
  timeline: ScenarioTimeline;
  stderrTail: string;
}

export interface ClientResults {
  schemaVersion: number;
  kind: 'client-check';
  client: { command: string[] };
  profile: Profile;
  seed: number;
  deadlineS: number;
  startedAt: string;
  finishedAt: string;
  /** Set when the check itself could not run (exit 2): the cause and the fix, no verdict against the client. */
  broke?: string;
  summary: ClientSummary;
  requirements: ClientRequirementResult[];
  scenarios: ScenarioResult[];
}

const MAX_DRAWN = 600;

function timelineOf(outcome: ScenarioOutcome): ScenarioTimeline {
  const { run } = outcome;
  const at = (ms: number) => Math.round(ms - run.createdAtMs) / 1000;
  const jobPath = `/v2/jobs/${encodeURIComponent(run.jobId)}`;
  const shown = run.requests.slice(0, MAX_DRAWN);
  const statusEntries = shown.filter((r) => r.method === 'GET' && r.path === jobPath);
  const observations = new Map(statusEntries.map((entry, i) => [entry.seq, observationsOf([entry])[0]!] as const));
  const requests = shown.map((r): TimelineRequest => {
    const observation = observations.get(r.seq);
    const answer = observation
      ? observation.kind === 'snapshot'
        ? `snapshot:${String(observation.snapshot.status)}`
        : observation.kind
      : /\/query$/.test(r.path)
        ? 'query'
        : 'other';
    const what = `${r.path.replace(jobPath, '/v2/jobs/{job_id}')}${new URLSearchParams(r.query).has('files_cursor') ? '?files_cursor=…' : ''}`;
    return { seq: r.seq, atS: at(r.receivedAtMs), method: r.method, what, status: r.status, answer };
  });
  const job = run.scenario.job;
  const truth = job ? truthOf(job, run.scenario.faults) : null;
  return {
    job:
      job && truth
        ? {
            startS: job.pendingSeconds,
            endS: truth.endS,
            status: truth.status,
            searchableS: Number.isFinite(truth.searchableS) && job.files.some((f) => f.media) ? truth.searchableS : null,
          }
        : null,
    clientStartS: at(run.client.startedAtMs),
    clientEndS: at(run.client.endedAtMs),
    requests,
    notDrawn: run.requestsTotal - requests.length,
    faults: run.scenario.faults.flatMap((f) =>
      f.kind === 'status-as'
        ? []
        : [{ kind: f.kind === 'latency' ? `slow answers (${f.ms} ms)` : f.kind, fromS: f.fromS, untilS: 'untilS' in f ? f.untilS : null }],
    ),
  };
}

export interface ResultsMeta {
  command: string[];
  profile: Profile;
  seed: number;
  deadlineS: number;
  startedAt: string;
  finishedAt: string;
}

export function clientResultsOf(outcomes: readonly ScenarioOutcome[], meta: ResultsMeta): ClientResults {
  const judgements = outcomes.map((o) => o.judgement);
  const requirements = requirementResults(judgements, meta.profile);
  return {
    schemaVersion: CLIENT_RESULTS_SCHEMA_VERSION,
    kind: 'client-check',
    client: { command: meta.command },
    profile: meta.profile,
    seed: meta.seed,
    deadlineS: meta.deadlineS,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    summary: summaryOf(requirements),
    requirements,
    scenarios: outcomes.map((o) => ({
      ...o.judgement,
      dialect: o.run.scenario.dialect,
      faults: o.run.scenario.faults.map((f) => f.kind),
      ...(o.run.scenario.seed !== undefined ? { seed: o.run.scenario.seed } : {}),
      timeline: timelineOf(o),
      stderrTail: o.run.client.stderr.slice(-2000),
    })),
  };
}

/** The results of a check that could not run. */
export function brokeResults(cause: string, meta: ResultsMeta): ClientResults {
  return {
    ...clientResultsOf([], meta),
    broke: cause,
    summary: { requirements: 0, passed: 0, failed: 0, warned: 0, notCovered: 0, verdict: 'incomplete' },
  };
}
