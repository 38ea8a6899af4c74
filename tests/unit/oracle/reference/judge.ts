// The timeline oracle as it was before issue 15, item 2 (commit 48a3469), kept verbatim (imports aside) as the
// reference the differential property (tests/unit/properties/judge-differential.spec.ts) holds the fast judge to.
// Everything the oracle can say about answers of the job-status endpoint: one exchange at a time
// (assessObservation), then a whole timeline (assessTimeline) with the transitions across it. Each
// says which requirements it judged, so a report can tell "held" from "never looked at".
import type { Exchange } from '../../../../src/oracle/exchange.js';
import { classify, duplicateKey } from './classify.js';
import type { Finding, FindingContext } from '../../../../src/oracle/finding.js';
import { assessmentOf, findingsOf, judged, type Assessment, type Judged } from './judged.js';
import type { Observation, Timeline } from '../../../../src/oracle/observation.js';
import { assessPageSize } from './page-checks.js';
import {
  checkContentType,
  checkErrorBody,
  checkJobIdEcho,
  checkNoServerError,
  checkPlaceholderShape,
  checkRetryAfter,
} from './response-checks.js';
import { assessSnapshotSchema } from './snapshot-schema.js';
import { assessSnapshotState } from './state-checks.js';
import { assessTimelineTransitions } from './transition-checks.js';

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

export interface Judgement {
  observation: Observation;
  findings: Finding[];
}

/** Findings of a check as the judgement of one requirement (judged whenever the check applies). */
function as(requirement: string, findings: Finding[]): Judged {
  return { requirement, findings: findings.filter((f) => f.requirement === requirement) };
}

/** Splits findings of a check that judges several requirements into one judgement each. */
function split(requirements: readonly string[], findings: Finding[]): Judged[] {
  const ids = [...requirements, ...findings.map((f) => f.requirement).filter((id) => !requirements.includes(id))];
  return [...new Set(ids)].map((id) => as(id, findings));
}

/**
 * An answer of any endpoint: its content type, its error body, and a 429's Retry-After. No answer at
 * all (status 0) is the suite's or the network's trouble: nothing of the target's to judge.
 */
export function assessAnswer(exchange: Exchange, ctx: FindingContext = {}): Judged[] {
  if (exchange.status === 0) return [];
  const out: Judged[] = [];
  if (exchange.body.length > 0) out.push(as('JS-SHAPE-005', checkContentType(exchange, ctx)));
  const status = exchange.status;
  if (status === 429) out.push(as('JS-RATE-001', checkRetryAfter(exchange, ctx)));
  const errorBody = checkErrorBody(exchange, ctx);
  if (status === 422) out.push(as('JS-ERR-003', errorBody));
  else if ([401, 403, 404, 429].includes(status)) out.push(as('JS-ERR-002', errorBody));
  return out;
}

/** A body that parsed: valid UTF-8 (JS-SHAPE-006), and plain JSON, with no byte-order mark and no repeated key (JS-SHAPE-009). */
function assessEncodingInto(out: Judged[], exchange: Exchange, parsed: unknown, ctx: FindingContext): void {
  const repeated = duplicateKey(exchange.body, parsed);
  out.push(
    judged('JS-SHAPE-006', [exchange.invalidUtf8 === true && 'body is not valid UTF-8 (the bad bytes were read as U+FFFD)'], ctx),
    judged(
      'JS-SHAPE-009',
      [
        (exchange.bom === true || exchange.body.charCodeAt(0) === 0xfeff) &&
          'body starts with a byte-order mark (RFC 8259 section 8.1: senders must not add one)',
        repeated !== undefined && `duplicate key ${JSON.stringify(repeated)} in one object: a client keeps only one of the values`,
      ],
      ctx,
    ),
  );
}

/** Every requirement one answer of the status endpoint lets the oracle judge, and how each came out. */
export function assessObservationJudgements(observation: Observation, request: StatusRequest): Judged[] {
  const out: Judged[] = [];
  judgeAnswerInto(out, observation, request);
  return out;
}

/** Appends the judgements of one answer to `out`: a timeline's answers share one list, not one each. */
function judgeAnswerInto(out: Judged[], observation: Observation, request: StatusRequest): void {
  const ctx = { jobId: request.jobId, pollIndex: observation.index };
  const exchange = observation.exchange;
  if (exchange.status === 0) return;
  if (observation.kind === 'http-error') {
    const status = observation.status;
    for (const judgement of assessAnswer(exchange, ctx)) out.push(judgement);
    if (status >= 500) out.push(as('JS-PH-001', checkNoServerError(exchange, ctx)));
    // A job's status lives at its documented URL: a redirect is no answer, and the suite follows none.
    if (status >= 300 && status <= 399)
      out.push(judged('JS-ERR-004', [`the status endpoint answered ${exchange.error ?? `HTTP ${status} (a redirect)`}`], ctx));
    return;
  }
  if (exchange.body.length > 0) out.push(as('JS-SHAPE-005', checkContentType(exchange, ctx)));
  switch (observation.kind) {
    case 'malformed':
      out.push(judged('JS-SHAPE-006', [observation.reason], ctx));
      return;
    case 'placeholder':
      assessEncodingInto(out, exchange, observation.placeholder, ctx);
      // Trouble answered as documented: a 200 placeholder, not a 5xx.
      out.push(judged('JS-PH-001', [], ctx));
      out.push(as('JS-SHAPE-002', checkJobIdEcho(observation.placeholder, request.jobId, ctx)));
      for (const judgement of split(['JS-PH-002', 'JS-PH-005'], checkPlaceholderShape(observation.placeholder, ctx))) out.push(judgement);
      return;
    case 'snapshot':
      assessEncodingInto(out, exchange, observation.snapshot, ctx);
      out.push(as('JS-SHAPE-002', checkJobIdEcho(observation.snapshot, request.jobId, ctx)));
      for (const judgement of assessSnapshotSchema(observation.snapshot, ctx)) out.push(judgement);
      for (const judgement of assessSnapshotState(observation.snapshot, ctx)) out.push(judgement);
      out.push(assessPageSize(observation.snapshot, request.filesLimit ?? filesLimitOf(exchange), ctx));
      return;
  }
}

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

/** Judges every answer of one job's polls, then the lifecycle across them, and says what was judged. */
export function assessTimeline(timeline: Timeline, request: StatusRequest): Assessment {
  const judgements: Judged[] = [];
  for (const observation of timeline) judgeAnswerInto(judgements, observation, request);
  for (const judgement of assessTimelineTransitions(timeline, { jobId: request.jobId })) judgements.push(judgement);
  return assessmentOf(judgements);
}

/** Judges every answer of one job's polls, then the lifecycle across them. */
export function judgeTimeline(timeline: Timeline, request: StatusRequest): Finding[] {
  return assessTimeline(timeline, request).findings;
}
