// Everything the oracle can say about answers of the job-status endpoint: one exchange at a time
// (assessObservation), then a whole timeline (assessTimeline) with the transitions across it. Each
// says which requirements it judged, so a report can tell "held" from "never looked at".
import type { Exchange } from '../../../../src/oracle/exchange.js';
import { classify, duplicateKey } from '../../../../src/oracle/classify.js';
import type { Finding, FindingContext } from '../../../../src/oracle/finding.js';
import {
  assessmentOf,
  findingsOf,
  judge,
  JudgedList,
  NO_FINDINGS,
  TimelineFindings,
  TimelineJudgements,
  type Assessment,
  type Judged,
  type Judgements,
} from './judged.js';
import type { Observation, Timeline } from '../../../../src/oracle/observation.js';
import { judgePageSize } from './page-checks.js';
import { PreviousAnswers } from './previous-answers.js';
import {
  checkErrorBody,
  checkNoServerError,
  checkPlaceholderShape,
  checkRetryAfter,
  contentTypeFailure,
  jobIdEchoFailure,
} from './response-checks.js';
import { judgeSnapshotSchema } from './snapshot-schema.js';
import { judgeSnapshotState } from './state-checks.js';
import { followLifecycle } from './transition-checks.js';

export interface StatusRequest {
  /** The job_id in the request path. */
  jobId: string;
  /** files_limit of every poll; when undefined, each poll's own request URL says (absent: the default 50). */
  filesLimit?: number;
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

export interface Judgement {
  observation: Observation;
  findings: Finding[];
}

/** Findings of a check as the judgement of one requirement (judged whenever the check applies). */
function as(requirement: string, findings: Finding[]): Judged {
  return { requirement, findings: findings.filter((f) => f.requirement === requirement) };
}

/** A check's findings about `requirement` into `out`; the check may speak of others, which are dropped. */
function addAs(out: Judgements, requirement: string, findings: Finding[]): void {
  out.add(requirement, findings.length === 0 ? NO_FINDINGS : as(requirement, findings).findings);
}

/** Splits findings of a check that judges several requirements into one judgement each. */
function addSplit(out: Judgements, requirements: readonly string[], findings: Finding[]): void {
  if (findings.length === 0) {
    for (const id of requirements) out.add(id, NO_FINDINGS);
    return;
  }
  const ids = [...requirements, ...findings.map((f) => f.requirement).filter((id) => !requirements.includes(id))];
  for (const id of new Set(ids)) out.add(id, as(id, findings).findings);
}

/** Statuses whose body must be an Error (JS-ERR-002); 422 carries a ValidationError (JS-ERR-003). */
const ERROR_BODY_STATUSES = [401, 403, 404, 429];

/** An answer of any endpoint judged into `out`: its content type, its error body, and a 429's Retry-After. */
function judgeAnswerInto(out: Judgements, exchange: Exchange, ctx: FindingContext): void {
  if (exchange.status === 0) return;
  if (exchange.body.length > 0) judge(out, 'JS-SHAPE-005', ctx, contentTypeFailure(exchange));
  const status = exchange.status;
  if (status === 429) addAs(out, 'JS-RATE-001', checkRetryAfter(exchange, ctx));
  const errorBody = checkErrorBody(exchange, ctx);
  if (status === 422) addAs(out, 'JS-ERR-003', errorBody);
  else if (ERROR_BODY_STATUSES.includes(status)) addAs(out, 'JS-ERR-002', errorBody);
}

/**
 * An answer of any endpoint: its content type, its error body, and a 429's Retry-After. No answer at
 * all (status 0) is the suite's or the network's trouble: nothing of the target's to judge.
 */
export function assessAnswer(exchange: Exchange, ctx: FindingContext = {}): Judged[] {
  const out = new JudgedList();
  judgeAnswerInto(out, exchange, ctx);
  return out.judged;
}

/** A body that parsed: valid UTF-8 (JS-SHAPE-006), and plain JSON, with no byte-order mark and no repeated key (JS-SHAPE-009). */
function judgeEncodingInto(out: Judgements, exchange: Exchange, parsed: unknown, ctx: FindingContext): void {
  const repeated = duplicateKey(exchange.body, parsed);
  judge(out, 'JS-SHAPE-006', ctx, exchange.invalidUtf8 === true && 'body is not valid UTF-8 (the bad bytes were read as U+FFFD)');
  judge(
    out,
    'JS-SHAPE-009',
    ctx,
    (exchange.bom === true || exchange.body.charCodeAt(0) === 0xfeff) &&
      'body starts with a byte-order mark (RFC 8259 section 8.1: senders must not add one)',
    repeated !== undefined && `duplicate key ${JSON.stringify(repeated)} in one object: a client keeps only one of the values`,
  );
}

/** Every requirement one answer of the status endpoint lets the oracle judge, and how each came out. */
export function assessObservationJudgements(observation: Observation, request: StatusRequest): Judged[] {
  const out = new JudgedList();
  judgeStatusAnswerInto(out, observation, request, pageSizeAskedFor(observation, request));
  return out.judged;
}

/** An answer that is no job state: an HTTP error, a redirect, no answer at all. */
function judgeHttpErrorInto(out: Judgements, exchange: Exchange, status: number, ctx: FindingContext): void {
  judgeAnswerInto(out, exchange, ctx);
  if (status >= 500) addAs(out, 'JS-PH-001', checkNoServerError(exchange, ctx));
  // A job's status lives at its documented URL: a redirect is no answer, and the suite follows none.
  if (status >= 300 && status <= 399)
    judge(out, 'JS-ERR-004', ctx, `the status endpoint answered ${exchange.error ?? `HTTP ${status} (a redirect)`}`);
}

/** Appends the judgements of one answer to `out`; `filesLimit` is the page size the poll asked for. */
function judgeStatusAnswerInto(out: Judgements, observation: Observation, request: StatusRequest, filesLimit: number | undefined): void {
  const ctx = { jobId: request.jobId, pollIndex: observation.index };
  const exchange = observation.exchange;
  if (exchange.status === 0) return;
  if (observation.kind === 'http-error') return judgeHttpErrorInto(out, exchange, observation.status, ctx);
  if (exchange.body.length > 0) judge(out, 'JS-SHAPE-005', ctx, contentTypeFailure(exchange));
  switch (observation.kind) {
    case 'malformed':
      judge(out, 'JS-SHAPE-006', ctx, observation.reason);
      return;
    case 'placeholder':
      judgeEncodingInto(out, exchange, observation.placeholder, ctx);
      // Trouble answered as documented: a 200 placeholder, not a 5xx.
      out.add('JS-PH-001', NO_FINDINGS);
      judge(out, 'JS-SHAPE-002', ctx, jobIdEchoFailure(observation.placeholder, request.jobId));
      addSplit(out, PLACEHOLDER_REQUIREMENTS, checkPlaceholderShape(observation.placeholder, ctx));
      return;
    case 'snapshot':
      judgeEncodingInto(out, exchange, observation.snapshot, ctx);
      judge(out, 'JS-SHAPE-002', ctx, jobIdEchoFailure(observation.snapshot, request.jobId));
      judgeSnapshotSchema(observation.snapshot, ctx, out);
      judgeSnapshotState(observation.snapshot, ctx, out);
      judgePageSize(observation.snapshot, filesLimit, ctx, out);
      return;
  }
}

const PLACEHOLDER_REQUIREMENTS = ['JS-PH-002', 'JS-PH-005'];

export function assessObservation(observation: Observation, request: StatusRequest): Assessment {
  return assessmentOf(assessObservationJudgements(observation, request));
}

export function judgeObservation(observation: Observation, request: StatusRequest): Finding[] {
  return findingsOf(assessObservationJudgements(observation, request));
}

export function judgeStatusExchange(exchange: Exchange, request: StatusRequest, pollIndex = 0): Judgement {
  const observation = classify(exchange, pollIndex);
  return { observation, findings: judgeObservation(observation, request) };
}

/** Judges every answer of one job's polls into `out`, and beside them the lifecycle across them. */
function judgeTimelineInto(out: TimelineFindings, timeline: Timeline, request: StatusRequest): void {
  const previous = new PreviousAnswers();
  const lifecycle = followLifecycle({ jobId: request.jobId });
  for (const observation of timeline) {
    const filesLimit = pageSizeAskedFor(observation, request);
    const repeat = previous.repeat(observation, filesLimit);
    // An answer repeating one that held, to the byte, would be judged the same: nothing new to record.
    if (repeat !== 'same judgement') {
      const before = out.findings.length;
      judgeStatusAnswerInto(out, observation, request, filesLimit);
      previous.record(observation, filesLimit, out.findings.length === before);
    }
    // Beside the answer, while it is in cache; the lifecycle's judgements still come last.
    lifecycle.step(observation, repeat !== 'new');
  }
  for (const judgement of lifecycle.judgements()) out.add(judgement.requirement, judgement.findings);
}

/** Judges every answer of one job's polls, then the lifecycle across them, and says what was judged. */
export function assessTimeline(timeline: Timeline, request: StatusRequest): Assessment {
  const out = new TimelineJudgements();
  judgeTimelineInto(out, timeline, request);
  return out.assessment();
}

/** Judges every answer of one job's polls, then the lifecycle across them. */
export function judgeTimeline(timeline: Timeline, request: StatusRequest): Finding[] {
  const out = new TimelineFindings(); // no list of the requirements judged, only to be thrown away
  judgeTimelineInto(out, timeline, request);
  return out.findings;
}
