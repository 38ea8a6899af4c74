// Everything the oracle can say about answers of the job-status endpoint: one exchange at a time
// (judgeStatusExchange), then a whole timeline (judgeTimeline) with the transitions across it.
import type { Exchange } from './exchange.js';
import { classify } from './classify.js';
import { finding, type Finding } from './finding.js';
import type { Observation, Timeline } from './observation.js';
import { checkPageSize } from './page-checks.js';
import { checkContentType, checkErrorBody, checkJobIdEcho, checkNoServerError, checkPlaceholderShape, checkRetryAfter } from './response-checks.js';
import { checkSnapshotSchema } from './snapshot-schema.js';
import { checkSnapshotState } from './state-checks.js';
import { checkTimeline } from './transition-checks.js';

export interface StatusRequest {
  /** The job_id in the request path. */
  jobId: string;
  /** files_limit of every poll; when undefined, each poll's own request URL says (absent: the default 50). */
  filesLimit?: number;
}

/** The files_limit a recorded request asked for, undefined when it asked for none. */
export function filesLimitOf(exchange: Exchange): number | undefined {
  const match = /[?&]files_limit=([^&#]*)/.exec(exchange.request.url);
  if (!match) return undefined;
  const value = Number(decodeURIComponent(match[1]!));
  return Number.isInteger(value) ? value : undefined;
}

export interface Judgement {
  observation: Observation;
  findings: Finding[];
}

export function judgeObservation(observation: Observation, request: StatusRequest): Finding[] {
  const ctx = { jobId: request.jobId, pollIndex: observation.index };
  const exchange = observation.exchange;
  const common = checkContentType(exchange, ctx);
  switch (observation.kind) {
    case 'http-error':
      return [...common, ...checkNoServerError(exchange, ctx), ...checkRetryAfter(exchange, ctx), ...checkErrorBody(exchange, ctx)];
    case 'malformed':
      return [...common, finding('JS-SHAPE-006', observation.reason, ctx)];
    case 'placeholder':
      return [...common, ...checkJobIdEcho(observation.placeholder, request.jobId, ctx), ...checkPlaceholderShape(observation.placeholder, ctx)];
    case 'snapshot':
      return [
        ...common,
        ...checkJobIdEcho(observation.snapshot, request.jobId, ctx),
        ...checkSnapshotSchema(observation.snapshot, ctx),
        ...checkSnapshotState(observation.snapshot, ctx),
        ...checkPageSize(observation.snapshot, request.filesLimit ?? filesLimitOf(exchange), ctx),
      ];
  }
}

export function judgeStatusExchange(exchange: Exchange, request: StatusRequest, pollIndex = 0): Judgement {
  const observation = classify(exchange, pollIndex);
  return { observation, findings: judgeObservation(observation, request) };
}

/** Judges every answer of one job's polls, then the lifecycle across them. */
export function judgeTimeline(timeline: Timeline, request: StatusRequest): Finding[] {
  return [...timeline.flatMap((o) => judgeObservation(o, request)), ...checkTimeline(timeline, { jobId: request.jobId })];
}
