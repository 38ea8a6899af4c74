// The timeline judge: everything the oracle can say about answers of the job-status endpoint, one job's
// timeline at a time. Start judging, show it each answer as it arrives (`observe`), and ask what the
// timeline says (`assessment`): every answer's own findings, then the lifecycle across them, and every
// requirement some check ran on, so a report can tell "held" from "never looked at". The conformance
// support, `watch` and the batch `judgeTimeline` all judge this way: one answer, classified once, judged once.
import type { Exchange } from './exchange.js';
import { duplicateKey } from './classify.js';
import type { Finding, FindingContext } from './finding.js';
import { addJudgement, NO_FINDINGS, type Assessment, type JudgementSink } from './judgement.js';
import type { Lifecycle } from './following.js';
import type { Observation, Timeline } from './observation.js';
import { checkPageSize } from './page-checks.js';
import { PreviousAnswers } from './previous-answers.js';
import { checkAnswer, checkContentType, checkJobIdEcho, checkNoServerError, checkPlaceholderShape } from './response-checks.js';
import { checkSnapshotSchema } from './snapshot-schema.js';
import { checkSnapshotState } from './state-checks.js';
import { followLifecycle } from './transition-checks.js';

export interface StatusRequest {
  /** The job_id in the request path. */
  jobId: string;
  /** files_limit of every poll; when undefined, each poll's own request URL says (absent: the default 50). */
  filesLimit?: number;
}

/** One job's timeline being judged, an answer at a time. */
export interface TimelineJudge {
  /**
   * Judges the next answer of the timeline (its `index` is its place in the timeline) and returns the
   * findings about that answer alone; the lifecycle across answers speaks only in `assessment()`.
   */
  observe(observation: Observation): readonly Finding[];
  /** What the timeline says so far: every answer's findings in order, the lifecycle's last, and each requirement judged once. */
  assessment(): Assessment;
}

/** The files_limit a recorded request asked for, undefined when it asked for none. */
export function filesLimitOf(exchange: Exchange): number | undefined {
  if (!exchange.request.url.includes('files_limit=')) return undefined; // the usual poll: no regex
  const match = /[?&]files_limit=([^&#]*)/.exec(exchange.request.url);
  if (!match) return undefined;
  let value: number;
  try {
    value = Number(decodeURIComponent(match[1]!));
  } catch {
    return undefined; // a malformed escape is not a files_limit
  }
  return Number.isInteger(value) ? value : undefined;
}

/** The files_limit a snapshot's page is judged against; only a snapshot has a page (and only its URL is read). */
function pageSizeAskedFor(observation: Observation, request: StatusRequest): number | undefined {
  return observation.kind === 'snapshot' ? (request.filesLimit ?? filesLimitOf(observation.exchange)) : undefined;
}

/** A body that parsed: valid UTF-8 (JS-SHAPE-006), and plain JSON, with no byte-order mark and no repeated key (JS-SHAPE-009). */
function checkEncoding(exchange: Exchange, parsed: unknown, ctx: FindingContext, out: JudgementSink): void {
  const repeated = duplicateKey(exchange.body, parsed);
  addJudgement(out, 'JS-SHAPE-006', ctx, exchange.invalidUtf8 === true && 'body is not valid UTF-8 (the bad bytes were read as U+FFFD)');
  addJudgement(
    out,
    'JS-SHAPE-009',
    ctx,
    (exchange.bom === true || exchange.body.charCodeAt(0) === 0xfeff) &&
      'body starts with a byte-order mark (RFC 8259 section 8.1: senders must not add one)',
    repeated !== undefined && `duplicate key ${JSON.stringify(repeated)} in one object: a client keeps only one of the values`,
  );
}

/** An answer that is no job state: an HTTP error, a redirect, no answer at all. */
function checkHttpError(exchange: Exchange, status: number, ctx: FindingContext, out: JudgementSink): void {
  checkAnswer(exchange, ctx, out);
  checkNoServerError(exchange, ctx, out);
  // A job's status lives at its documented URL: a redirect is no answer, and the suite follows none.
  if (status >= 300 && status <= 399)
    addJudgement(out, 'JS-ERR-004', ctx, `the status endpoint answered ${exchange.error ?? `HTTP ${status} (a redirect)`}`);
}

/** Every requirement one answer of the status endpoint lets the oracle judge, into `out`; `filesLimit` is the page size asked for. */
function checkStatusAnswer(observation: Observation, request: StatusRequest, filesLimit: number | undefined, out: JudgementSink): void {
  const ctx = { jobId: request.jobId, pollIndex: observation.index };
  const exchange = observation.exchange;
  if (exchange.status === 0) return;
  if (observation.kind === 'http-error') return checkHttpError(exchange, observation.status, ctx, out);
  checkContentType(exchange, ctx, out);
  switch (observation.kind) {
    case 'malformed':
      addJudgement(out, 'JS-SHAPE-006', ctx, observation.reason);
      return;
    case 'placeholder':
      checkEncoding(exchange, observation.placeholder, ctx, out);
      // Trouble answered as documented: a 200 placeholder, not a 5xx.
      out.add('JS-PH-001', NO_FINDINGS);
      checkJobIdEcho(observation.placeholder, request.jobId, ctx, out);
      checkPlaceholderShape(observation.placeholder, ctx, out);
      return;
    case 'snapshot':
      checkEncoding(exchange, observation.snapshot, ctx, out);
      checkJobIdEcho(observation.snapshot, request.jobId, ctx, out);
      checkSnapshotSchema(observation.snapshot, ctx, out);
      checkSnapshotState(observation.snapshot, ctx, out);
      checkPageSize(observation.snapshot, filesLimit, ctx, out);
      return;
  }
}

/** The one judge: each answer's checks into one list of findings, the lifecycle beside them. */
class Judge implements TimelineJudge, JudgementSink {
  private readonly findings: Finding[] = [];
  private readonly exercised = new Set<string>();
  private readonly previous = new PreviousAnswers();
  private readonly lifecycle: Lifecycle;

  constructor(private readonly request: StatusRequest) {
    this.lifecycle = followLifecycle(request.jobId);
  }

  add(requirement: string, findings: readonly Finding[]): void {
    this.exercised.add(requirement);
    for (let i = 0; i < findings.length; i++) this.findings.push(findings[i]!);
  }

  observe(observation: Observation): readonly Finding[] {
    const before = this.findings.length;
    const filesLimit = pageSizeAskedFor(observation, this.request);
    const repeat = this.previous.repeat(observation, filesLimit);
    // An answer repeating one that held, to the byte, would be judged the same: nothing new to record.
    if (repeat !== 'same judgement') {
      checkStatusAnswer(observation, this.request, filesLimit, this);
      this.previous.record(observation, filesLimit, this.findings.length === before);
    }
    // Beside the answer, while it is in cache; the lifecycle's judgements still come last.
    this.lifecycle.step(observation, repeat !== 'new');
    return this.findings.length === before ? NO_FINDINGS : this.findings.slice(before);
  }

  assessment(): Assessment {
    const findings = this.findings.slice();
    const exercised = new Set(this.exercised);
    for (const judgement of this.lifecycle.judgements()) {
      exercised.add(judgement.requirement);
      for (const f of judgement.findings) findings.push(f);
    }
    return { findings, exercised: [...exercised] };
  }
}

/** Starts judging one job's timeline: `observe` each answer in order, then read `assessment()`. */
export function startJudging(request: StatusRequest): TimelineJudge {
  return new Judge(request);
}

/** A whole timeline judged at once: every answer, then the lifecycle across them. */
export function judgeTimeline(timeline: Timeline, request: StatusRequest): Finding[] {
  const judge = startJudging(request);
  for (const observation of timeline) judge.observe(observation);
  return judge.assessment().findings;
}
