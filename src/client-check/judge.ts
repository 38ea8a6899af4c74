// The pure judge of one client on one scenario: what the simulator received (the request log) and the one
// line the client printed, against the job's truth. It returns every requirement's status in the scenario
// with its findings; a finding is charged to its first cause only (a placeholder that ended the wait is
// JS-CLIENT-002, not also a wrong conclusion; a client that never concluded is not also over its request
// bound), so each break shows as the requirement it breaks (docs/client-check.md).
import type { Level, Profile } from '../contract/catalog.js';
import { readRetryAfter } from '../model/retry-after.js';
import { isKnownStatus, isTerminal } from '../model/status.js';
import type { Observation } from '../oracle/observation.js';
import type { LoggedRequest } from '../simulator/request-log.js';
import { observationsOf } from './answers.js';
import { conclusionOf, describeConclusion, type Conclusion } from './conclusion.js';
import { CLIENT, CLIENT_REQUIREMENT_IDS, clientLevel, type ClientRequirementId } from './requirements.js';
import type { ClientScenario } from './scenario.js';
import { truthOf } from './truth.js';

export interface ClientProcessEnd {
  exitCode: number | null;
  signal: string | null;
  /** The check stopped it at the deadline. */
  stoppedAtDeadline: boolean;
  startedAtMs: number;
  endedAtMs: number;
  /** The end of its standard output and error (the check keeps a bounded tail). */
  stdout: string;
  stderr: string;
}

export interface ScenarioRun {
  scenario: ClientScenario;
  jobId: string;
  /** Real epoch ms the job was created (the scenario's second 0). */
  createdAtMs: number;
  deadlineS: number;
  /** What the simulator received, in order (bounded: `requestsTotal` counts those past the bound too). */
  requests: readonly LoggedRequest[];
  requestsTotal: number;
  /** Requests of the reference poller on the same scenario; null when it was not run. */
  referenceRequests: number | null;
  client: ClientProcessEnd;
}

export interface ClientFinding {
  requirement: ClientRequirementId;
  level: Level;
  scenario: string;
  /** A stable name of what went wrong, e.g. `deadline`, `not-json`, `early-retry`. */
  cause: string;
  message: string;
  /** The request it points at (its `seq` in the log). */
  seq?: number;
}

export type ScenarioStatus = 'passed' | 'failed' | 'not-exercised' | 'masked';

export interface RequirementInScenario {
  id: ClientRequirementId;
  status: ScenarioStatus;
  findings: ClientFinding[];
  /** Why it was not judged here. */
  note?: string;
}

export interface ScenarioJudgement {
  scenario: string;
  title: string;
  conclusion: Conclusion;
  /** What the client should have concluded, in words. */
  truth: string;
  exitCode: number | null;
  stoppedAtDeadline: boolean;
  durationMs: number;
  requests: number;
  referenceRequests: number | null;
  requirements: RequirementInScenario[];
}

const RETRY_AFTER_TOLERANCE_MS = 50;
const BUSY_MEDIAN_MS = 200;
const BACKOFF_MEDIAN_MS = 250;
const FLOOD_PER_SECOND = 50;
const UNKNOWN_JOB_MAX_REQUESTS = 10;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The facts the checks share, computed once. */
interface Facts {
  run: ScenarioRun;
  conclusion: Conclusion;
  /** GET /v2/jobs/{job_id}, with and without files_cursor, and how the oracle classifies each answer. */
  status: { entry: LoggedRequest; observation: Observation; poll: boolean }[];
  polls: LoggedRequest[];
  queryFound: boolean;
}

type Problem = { cause: string; message: string; seq?: number } | null;

class Outcomes {
  private readonly by = new Map<ClientRequirementId, RequirementInScenario>();

  constructor(
    private readonly scenario: string,
    private readonly profile: Profile,
  ) {
    for (const id of CLIENT_REQUIREMENT_IDS) this.by.set(id, { id, status: 'not-exercised', findings: [] });
  }

  judged(id: ClientRequirementId, problem: Problem): void {
    const entry = this.by.get(id)!;
    if (!problem) {
      if (entry.status !== 'failed') entry.status = 'passed';
      return;
    }
    entry.status = 'failed';
    entry.findings.push({ requirement: id, level: clientLevel(id, this.profile), scenario: this.scenario, ...problem });
  }

  mask(id: ClientRequirementId, note: string): void {
    const entry = this.by.get(id)!;
    entry.status = 'masked';
    entry.note = note;
    entry.findings = [];
  }

  failed(id: ClientRequirementId): boolean {
    return this.by.get(id)!.status === 'failed';
  }

  anyFailedBut(id: ClientRequirementId): boolean {
    return [...this.by.values()].some((r) => r.id !== id && r.status === 'failed');
  }

  list(): RequirementInScenario[] {
    return [...this.by.values()];
  }
}

function resultCount(body: string): number {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    return ['search_results', 'results', 'relevant_documents'].reduce(
      (n, key) => n + (Array.isArray(value[key]) ? (value[key] as unknown[]).length : 0),
      0,
    );
  } catch {
    return 0;
  }
}

function factsOf(run: ScenarioRun): Facts {
  const jobPath = `/v2/jobs/${encodeURIComponent(run.jobId)}`;
  const entries = run.requests.filter((r) => r.method === 'GET' && r.path === jobPath);
  const observations = observationsOf(entries);
  const status = entries.map((entry, i) => ({
    entry,
    observation: observations[i]!,
    poll: !new URLSearchParams(entry.query).has('files_cursor'),
  }));
  const queryFound = run.requests.some(
    (r) => r.method === 'POST' && /^\/v\d+\/collections\/[^/]+\/query$/.test(r.path) && r.status === 200 && resultCount(r.answerBody) > 0,
  );
  return { run, conclusion: conclusionOf(run.client.stdout), status, polls: status.filter((s) => s.poll).map((s) => s.entry), queryFound };
}

/** The problems every conclusion can have, whatever the job: the check stopped it, it never asked, it gave up, it printed no conclusion. */
function endProblem(f: Facts, expected: string): Problem {
  const { client } = f.run;
  if (client.stoppedAtDeadline)
    return { cause: 'deadline', message: `still running at the deadline (${f.run.deadlineS} s): stopped with no conclusion, ${expected}` };
  if (f.run.requestsTotal === 0)
    return {
      cause: 'exited-at-once',
      message: `exited (code ${client.exitCode ?? client.signal}) after ${sec(client.endedAtMs - client.startedAtMs)} without sending a request`,
    };
  if (client.exitCode !== 0)
    return {
      cause: 'gave-up',
      message: `gave up (exit code ${client.exitCode ?? client.signal}) after ${f.run.requestsTotal} requests, ${expected}`,
    };
  if (f.conclusion.kind === 'none')
    return { cause: f.conclusion.cause, message: `exited 0 with ${describeConclusion(f.conclusion)}, ${expected}` };
  return null;
}

function conclusionProblem(f: Facts, truthStatus: string, endS: number): Problem {
  const expected = `though the job ends "${truthStatus}" at second ${endS.toFixed(1)}`;
  const ended = endProblem(f, expected);
  if (ended) return ended;
  if (f.conclusion.kind === 'indexed')
    return f.queryFound
      ? null
      : { cause: 'indexed-unproven', message: 'concluded {"indexed": true} but no query answer it received returned a result' };
  if (f.conclusion.kind === 'status' && f.conclusion.status !== truthStatus)
    return { cause: 'wrong-status', message: `concluded "${f.conclusion.status}", ${expected}` };
  return null;
}

function mediaProblem(f: Facts, truthStatus: string, searchableS: number, budgetS: number): Problem {
  const expected = `though its content was searchable from second ${searchableS.toFixed(1)} (budget ${budgetS} s)`;
  const ended = endProblem(f, expected);
  if (ended) return ended;
  const atS = (f.run.client.endedAtMs - f.run.createdAtMs) / 1000;
  if (f.conclusion.kind === 'indexed' && !f.queryFound)
    return { cause: 'indexed-unproven', message: 'concluded {"indexed": true} but no query answer it received returned the content' };
  if (f.conclusion.kind === 'status' && f.conclusion.status !== truthStatus)
    return { cause: 'wrong-status', message: `concluded "${f.conclusion.status}", but the job ends "${truthStatus}"` };
  if (atS > searchableS + budgetS)
    return {
      cause: 'late',
      message: `concluded at second ${atS.toFixed(1)}, ${(atS - searchableS).toFixed(1)} s after its content was searchable: never through the query endpoint within the ${budgetS} s budget`,
    };
  return null;
}

function unknownJobProblem(f: Facts): Problem {
  const { client } = f.run;
  const n = f.run.requestsTotal;
  if (client.stoppedAtDeadline)
    return {
      cause: 'polled-on',
      message: `still polling at the deadline (${f.run.deadlineS} s) after ${n} requests answered 404 Job not found`,
    };
  if (n === 0) return { cause: 'exited-at-once', message: 'exited without asking for the job' };
  if (client.exitCode === 0)
    return { cause: 'concluded', message: `exited 0 with ${describeConclusion(f.conclusion)} for a job that does not exist (404)` };
  if (n > UNKNOWN_JOB_MAX_REQUESTS)
    return { cause: 'too-many', message: `sent ${n} requests before giving up on a 404 (at most ${UNKNOWN_JOB_MAX_REQUESTS})` };
  return null;
}

/** The last status answer the client had received when it ended. */
function lastAnswer(f: Facts): Observation | undefined {
  const seen = f.status.filter((s) => s.entry.answeredAtMs <= f.run.client.endedAtMs);
  return seen.at(-1)?.observation;
}

function judgeConclusion(f: Facts, out: Outcomes): void {
  const { scenario } = f.run;
  if (!scenario.job) {
    out.judged(CLIENT.unknownJob, unknownJobProblem(f));
    return;
  }
  const truth = truthOf(scenario.job, scenario.faults);
  const media = scenario.mediaQuery !== undefined;
  const id = media ? CLIENT.media : CLIENT.conclusion;
  const problem = media
    ? mediaProblem(f, truth.status, truth.searchableS, scenario.mediaBudgetS ?? 20)
    : conclusionProblem(f, truth.status, truth.endS);
  const placeholders = f.status.filter((s) => s.observation.kind === 'placeholder' && s.entry.answeredAtMs <= f.run.client.endedAtMs);
  const endedOnPlaceholder = problem && !['deadline', 'exited-at-once'].includes(problem.cause) && lastAnswer(f)?.kind === 'placeholder';
  if (endedOnPlaceholder) {
    out.judged(CLIENT.placeholder, {
      cause: 'ended-on-placeholder',
      message: `ended its wait on the placeholder (answer #${placeholders.at(-1)!.entry.seq}): ${problem.message}`,
      seq: placeholders.at(-1)!.entry.seq,
    });
    return;
  }
  out.judged(id, problem);
  if (placeholders.length > 0) out.judged(CLIENT.placeholder, null);
}

function judgeRetryAfter(f: Facts, out: Outcomes): void {
  const requests = f.run.requests;
  for (const [i, entry] of requests.entries()) {
    if (entry.status !== 429) continue;
    const reading = readRetryAfter(entry.answerHeaders['retry-after'], entry.answeredAtMs);
    if (!reading?.valid) continue;
    const notBefore = entry.answeredAtMs + reading.delayMs;
    const next = requests.slice(i + 1).find((r) => r.receivedAtMs >= entry.receivedAtMs);
    if (next && next.receivedAtMs < notBefore - RETRY_AFTER_TOLERANCE_MS) {
      out.judged(CLIENT.retryAfter, {
        cause: 'early-retry',
        message: `request #${next.seq} came ${sec(next.receivedAtMs - entry.answeredAtMs)} after a 429 whose Retry-After (${entry.answerHeaders['retry-after']}) asked for ${sec(reading.delayMs)}`,
        seq: next.seq,
      });
    } else out.judged(CLIENT.retryAfter, null);
  }
}

function judgeBackoff(f: Facts, out: Outcomes): void {
  const requests = f.run.requests;
  const gaps: { gap: number; seq: number }[] = [];
  let errors = 0;
  for (const [i, entry] of requests.entries()) {
    if (entry.status < 500) continue;
    errors += 1;
    const next = requests[i + 1];
    if (next) gaps.push({ gap: next.receivedAtMs - entry.answeredAtMs, seq: next.seq });
  }
  if (errors === 0) return;
  const immediate = gaps.length >= 2 && median(gaps.map((g) => g.gap)) < BACKOFF_MEDIAN_MS;
  out.judged(
    CLIENT.backoff,
    immediate
      ? {
          cause: 'no-backoff',
          message: `retried ${gaps.length} 5xx answers with no back-off (median gap under ${BACKOFF_MEDIAN_MS} ms: ${gaps.map((g) => `${Math.round(g.gap)} ms`).join(', ')})`,
          seq: gaps[0]!.seq,
        }
      : null,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

function peakPerSecond(requests: readonly LoggedRequest[]): number {
  let peak = 0;
  let from = 0;
  for (let to = 0; to < requests.length; to++) {
    while (requests[to]!.receivedAtMs - requests[from]!.receivedAtMs >= 1000) from += 1;
    peak = Math.max(peak, to - from + 1);
  }
  return peak;
}

function judgeBusy(f: Facts, out: Outcomes): void {
  const peak = peakPerSecond(f.run.requests);
  if (peak > FLOOD_PER_SECOND || f.run.requestsTotal > f.run.requests.length) {
    out.judged(CLIENT.busy, {
      cause: 'flood',
      message: `flooded the simulator: ${f.run.requestsTotal} requests, up to ${peak} in one second (at most ${FLOOD_PER_SECOND})${f.run.requestsTotal > f.run.requests.length ? `; the log kept the first ${f.run.requests.length}` : ''}`,
    });
    return;
  }
  const gaps: number[] = [];
  const polls = f.status.filter((s) => s.poll);
  for (let i = 1; i < polls.length; i++) {
    const before = polls[i - 1]!.entry;
    if (before.status >= 200 && before.status < 300) gaps.push(polls[i]!.entry.receivedAtMs - before.answeredAtMs);
  }
  if (polls.length < 2) return;
  const typical = median(gaps);
  out.judged(
    CLIENT.busy,
    gaps.length >= 5 && typical < BUSY_MEDIAN_MS
      ? {
          cause: 'busy',
          message: `polled with a median gap of ${Math.round(typical)} ms after an answer (${polls.length} polls; at least ${BUSY_MEDIAN_MS} ms)`,
        }
      : null,
  );
}

function judgeStops(f: Facts, out: Outcomes): void {
  const terminal = f.status.find(
    (s) => s.observation.kind === 'snapshot' && isKnownStatus(s.observation.snapshot.status) && isTerminal(s.observation.snapshot.status),
  );
  if (!terminal) return;
  const after = f.polls.filter((p) => p.receivedAtMs > terminal.entry.answeredAtMs);
  out.judged(
    CLIENT.stops,
    after.length > 0
      ? {
          cause: 'polled-after-end',
          message: `sent ${after.length} more poll(s) after the terminal answer #${terminal.entry.seq} (${(terminal.observation as { snapshot: { status: string } }).snapshot.status})`,
          seq: after[0]!.seq,
        }
      : null,
  );
}

function nextCursorOf(entry: LoggedRequest): string | null {
  try {
    const body = JSON.parse(entry.answerBody) as { files_page?: { next_cursor?: unknown } | null };
    const next = body.files_page?.next_cursor;
    return typeof next === 'string' && next !== '' ? next : null;
  } catch {
    return null;
  }
}

function judgePages(f: Facts, out: Outcomes): void {
  const pages = f.status.filter((s) => !s.poll).map((s) => s.entry);
  if (pages.length === 0) return;
  const asked = pages.map((p) => new URLSearchParams(p.query).get('files_cursor') ?? '');
  const repeated = pages.find((_, i) => asked.indexOf(asked[i]!) !== i);
  if (repeated) {
    out.judged(CLIENT.pages, {
      cause: 'repeated-page',
      message: `asked for the same page twice (request #${repeated.seq})`,
      seq: repeated.seq,
    });
    return;
  }
  const unfollowed = pages.find((p) => p.status === 200 && nextCursorOf(p) !== null && !asked.includes(nextCursorOf(p)!));
  out.judged(
    CLIENT.pages,
    unfollowed
      ? {
          cause: 'walk-incomplete',
          message: `stopped walking the files: the page of request #${unfollowed.seq} gave a next_cursor it never followed`,
          seq: unfollowed.seq,
        }
      : null,
  );
}

function judgeCredentials(f: Facts, out: Outcomes): void {
  const requests = f.run.requests;
  if (requests.length === 0) return;
  const withoutKey = requests.filter((r) => r.key !== 'right');
  const withoutOrg = requests.filter((r) => r.organization !== 'right');
  const first = withoutKey[0] ?? withoutOrg[0];
  if (!first) return out.judged(CLIENT.credentials, null);
  const parts = [
    withoutKey.length ? `${withoutKey.length} without the right Bearer key` : '',
    withoutOrg.length ? `${withoutOrg.length} without the right X-Organization-ID` : '',
  ].filter(Boolean);
  out.judged(CLIENT.credentials, {
    cause: withoutKey.length ? `key-${first.key}` : `organization-${first.organization}`,
    message: `${parts.join(' and ')} of ${requests.length} requests (first: #${first.seq} ${first.method} ${first.path})`,
    seq: first.seq,
  });
}

function judgeBound(f: Facts, out: Outcomes): void {
  const reference = f.run.referenceRequests;
  if (reference === null) return;
  const bound = 3 * reference + 10;
  out.judged(
    CLIENT.bounded,
    f.run.requestsTotal > bound
      ? {
          cause: 'too-many-requests',
          message: `sent ${f.run.requestsTotal} requests where the reference poller sent ${reference} (at most ${bound})`,
        }
      : null,
  );
}

/** Every client requirement's status in one scenario, with its findings. */
export function judgeScenario(run: ScenarioRun, profile: Profile = 'default'): ScenarioJudgement {
  const f = factsOf(run);
  const out = new Outcomes(run.scenario.name, profile);
  judgeConclusion(f, out);
  judgeRetryAfter(f, out);
  judgeBackoff(f, out);
  judgeBusy(f, out);
  judgeCredentials(f, out);
  judgePages(f, out);
  const concluded = ![CLIENT.conclusion, CLIENT.placeholder, CLIENT.media, CLIENT.unknownJob].some((id) => out.failed(id));
  if (concluded) judgeStops(f, out);
  else out.mask(CLIENT.stops, 'not judged here: the client did not reach its conclusion');
  if (!out.anyFailedBut(CLIENT.bounded)) judgeBound(f, out);
  else out.mask(CLIENT.bounded, 'not judged here: another requirement failed first');
  const truth = run.scenario.job ? truthOf(run.scenario.job, run.scenario.faults) : null;
  return {
    scenario: run.scenario.name,
    title: run.scenario.title,
    conclusion: f.conclusion,
    truth: truth
      ? run.scenario.mediaQuery
        ? `{"indexed": true} from second ${truth.searchableS.toFixed(1)}, or {"status": "${truth.status}"} (second ${truth.endS.toFixed(1)})`
        : `{"status": "${truth.status}"} (second ${truth.endS.toFixed(1)})`
      : 'give up: exit non-zero on 404',
    exitCode: run.client.exitCode,
    stoppedAtDeadline: run.client.stoppedAtDeadline,
    durationMs: run.client.endedAtMs - run.client.startedAtMs,
    requests: run.requestsTotal,
    referenceRequests: run.referenceRequests,
    requirements: out.list(),
  };
}
