// The control API under /_sim/: health (no auth), reset, clock, faults and scenarios. Job-level
// faults act on jobs of the caller's organization; global faults act on every public request.
import type { PlaceholderPattern } from '../model/scenario.js';
import { isStage, type Stage } from '../model/stage.js';
import { jsonObject } from './body.js';
import type { Handler, Route, RouteRequest, SimulatorState } from './context.js';
import { noFaults, type JobFault } from './faults.js';
import { applyJobFault, snapshotOf, type JobRecord } from './job-store.js';
import { error, invalid, issue, ok, type Reply } from './reply.js';
import { normalizeScenario, scenarioProblems } from './scenario-input.js';

type Fields = Record<string, unknown>;
type BodyHandler = (state: SimulatorState, request: RouteRequest, body: Fields) => Reply;

/** Control routes take JSON objects (an empty body is `{}`). */
function withBody(handler: BodyHandler): Handler {
  return (state, request) => {
    const body = jsonObject(request.headers['content-type'], request.body, true);
    return body.ok ? handler(state, request, body.value) : body.reply;
  };
}

const bad = (field: string, msg: string) => invalid(issue(['body', field], msg, 'value_error'));
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function jobOf(state: SimulatorState, request: RouteRequest, body: Fields): JobRecord | Reply {
  if (typeof body.job_id !== 'string') return bad('job_id', 'job_id is required');
  return state.jobs.get(body.job_id, request.orgId) ?? error(404, 'Job not found');
}

function describeJob(state: SimulatorState, job: JobRecord) {
  const snapshot = snapshotOf(job, state.clock.now());
  return {
    job_id: job.identity.jobId,
    status: snapshot.status,
    poll_count: job.pollCount,
    scenario: job.scenario,
    placeholders: job.placeholders ?? null,
  };
}

function playFault(state: SimulatorState, job: JobRecord, fault: JobFault): Reply {
  const result = applyJobFault(job, fault, state.clock.now());
  return result.ok ? ok(describeJob(state, job)) : error(409, result.reason);
}

function stageOf(body: Fields): Stage | Reply {
  return isStage(body.stage)
    ? body.stage
    : bad('stage', 'stage must be one of scanning, extracting, chunking, tagging, embedding, finalizing');
}

/** The fault-hook contract's capabilities (spec/control.yaml) and the simulator's own extensions. */
export const CONTROL_CAPABILITIES = ['placeholders', 'rate-limit', 'fail', 'stuck', 'media-lag', 'undo'] as const;
export const SIMULATOR_EXTENSIONS = ['clock', 'scenarios', 'latency', 'reset', 'jobs'] as const;

const capabilities: Handler = () => ok({ capabilities: [...CONTROL_CAPABILITIES], extensions: [...SIMULATOR_EXTENSIONS] });

const health: Handler = (state) => ok({ status: 'ok', jobs: state.jobs.size, clock: state.clock.state() });

const reset: Handler = (state) => {
  state.jobs.clear();
  state.collections.clear();
  state.faults = noFaults();
  state.idempotency.clear();
  state.rateLimiter?.clear();
  state.anyAnswer?.clear();
  return ok({ status: 'reset', clock: state.clock.state() });
};

const readClock: Handler = (state) => ok(state.clock.state());

const setClock = withBody((state, _request, body) => {
  if (body.scale !== undefined && (typeof body.scale !== 'number' || !(body.scale > 0) || !Number.isFinite(body.scale)))
    return bad('scale', 'scale must be a positive number');
  if (body.manual !== undefined && typeof body.manual !== 'boolean') return bad('manual', 'manual must be a boolean');
  state.clock.configure({ scale: body.scale as number | undefined, manual: body.manual as boolean | undefined });
  return ok(state.clock.state());
});

const advanceClock = withBody((state, _request, body) => {
  const ms = body.ms ?? (isSeconds(body.seconds) ? body.seconds * 1000 : body.seconds);
  if (!isSeconds(ms)) return bad('ms', 'give ms or seconds, a non-negative number');
  state.clock.advance(ms);
  return ok(state.clock.state());
});

const readFaults: Handler = (state) => ok(state.faults);

const clearFaults: Handler = (state) => {
  state.faults = noFaults();
  return ok(state.faults);
};

const placeholders = withBody((state, request, body) => {
  const pattern: PlaceholderPattern = {};
  if (body.polls !== undefined) {
    if (!Array.isArray(body.polls) || !body.polls.every(isCount)) return bad('polls', 'polls must be 0-based poll numbers');
    pattern.polls = body.polls;
  }
  if (body.probability !== undefined) {
    if (typeof body.probability !== 'number' || body.probability < 0 || body.probability > 1)
      return bad('probability', 'probability must be within 0..1');
    pattern.probability = body.probability;
  }
  if (body.count !== undefined && (!isCount(body.count) || body.job_id === undefined))
    return bad('count', 'count (the next N polls of the job) must be a non-negative integer, with job_id');
  if (body.job_id === undefined) {
    state.faults.placeholders = pattern;
    return ok(state.faults);
  }
  const job = jobOf(state, request, body);
  if ('status' in job) return job;
  // The contract's form (spec/control.yaml): the job's next `count` polls, counted from now.
  if (isCount(body.count)) pattern.polls = [...(pattern.polls ?? []), ...Array.from({ length: body.count }, (_, i) => job.pollCount + i)];
  job.placeholders = pattern;
  return ok(describeJob(state, job));
});

const rateLimit = withBody((state, request, body) => {
  if (!isCount(body.count) || body.count < 1) return bad('count', 'count must be a positive integer');
  const retryAfter = body.retry_after_seconds ?? 1;
  if (!isCount(retryAfter)) return bad('retry_after_seconds', 'retry_after_seconds must be a non-negative integer');
  if (body.job_id !== undefined) {
    const job = jobOf(state, request, body);
    if ('status' in job) return job;
  }
  state.faults.rateLimits.push({
    remaining: body.count,
    retryAfterSeconds: retryAfter,
    ...(typeof body.job_id === 'string' ? { jobId: body.job_id } : {}),
  });
  return ok(state.faults);
});

const latency = withBody((state, _request, body) => {
  if (!isCount(body.ms) || body.ms > 60_000) return bad('ms', 'ms must be an integer from 0 to 60000');
  state.faults.latencyMs = body.ms;
  return ok(state.faults);
});

const stuck = withBody((state, request, body) => {
  const job = jobOf(state, request, body);
  if ('status' in job) return job;
  const stage = stageOf(body);
  return typeof stage === 'string' ? playFault(state, job, { kind: 'stuck', stage }) : stage;
});

const fail = withBody((state, request, body) => {
  const job = jobOf(state, request, body);
  if ('status' in job) return job;
  const stage = stageOf(body);
  if (typeof stage !== 'string') return stage;
  const errorCode = typeof body.error_code === 'string' ? body.error_code : `${stage}_failed`;
  const errorMessage = typeof body.error_message === 'string' ? body.error_message : `The job failed while ${stage}`;
  return playFault(state, job, { kind: 'fail', stage, errorCode, errorMessage });
});

const mediaLag = withBody((state, request, body) => {
  const job = jobOf(state, request, body);
  if ('status' in job) return job;
  if (!isSeconds(body.seconds)) return bad('seconds', 'seconds must be a non-negative number');
  return playFault(state, job, { kind: 'media-lag', seconds: body.seconds });
});

const playScenario = withBody((state, request, body) => {
  const value = 'scenario' in body ? body.scenario : body;
  const problems = scenarioProblems(value);
  if (problems.length > 0) return invalid(...problems);
  const scenario = normalizeScenario(value as Fields);
  const { collection } = state.collections.ensure(request.orgId, scenario.collection, state.clock.now());
  for (const file of scenario.files) collection.uris.add(file.uri);
  const job = state.jobs.create({ orgId: request.orgId, collectionId: collection.collectionId, scenario, createdAtMs: state.clock.now() });
  return ok({ job_id: job.identity.jobId, status: snapshotOf(job, state.clock.now()).status }, 201);
});

const readJob: Handler = (state, request) => {
  const job = state.jobs.get(request.params.job_id!, request.orgId);
  return job ? ok(describeJob(state, job)) : error(404, 'Job not found');
};

const route = (method: string, path: string, handler: Handler, auth = true): Route => ({ method, path: `/_sim/${path}`, handler, auth });

export const controlRoutes: Route[] = [
  route('GET', 'health', health, false),
  route('GET', 'capabilities', capabilities),
  route('POST', 'reset', reset),
  route('GET', 'clock', readClock),
  route('POST', 'clock', setClock),
  route('POST', 'clock/advance', advanceClock),
  route('GET', 'faults', readFaults),
  route('DELETE', 'faults', clearFaults),
  route('POST', 'faults/placeholders', placeholders),
  route('POST', 'faults/rate-limit', rateLimit),
  route('POST', 'faults/latency', latency),
  route('POST', 'faults/stuck', stuck),
  route('POST', 'faults/fail', fail),
  route('POST', 'faults/media-lag', mediaLag),
  route('POST', 'scenarios', playScenario),
  route('GET', 'jobs/{job_id}', readJob),
];
