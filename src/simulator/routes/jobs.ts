// GET /v2/jobs/{job_id} (paged files, placeholders on demand) and POST /v2/jobs/{job_id}/cancel,
// shaped by the simulator's dialect.
import type { Handler, Route, RouteRequest, SimulatorState } from '../context.js';
import { shows } from '../dialect.js';
import { isFinished, shapeCancelAnswer, shapePlaceholder, shapeSnapshot } from '../dialect-shape.js';
import { placeholderDue } from '../faults.js';
import { parseFilesCursor, parseFilesLimit } from '../files-page.js';
import { pageOf } from '../../model/pagination.js';
import { isWellFormedJobId } from '../job-id.js';
import { cancelJob, snapshotOf, type JobRecord } from '../job-store.js';
import { touched } from '../live-fields.js';
import { error, invalid, issue, ok, type Reply } from '../reply.js';

const JOB_NOT_FOUND = 'Job not found';

/** The caller's job, or the answer for an id that is malformed (variant: 422) or unknown (404). */
function jobFor(state: SimulatorState, request: RouteRequest): JobRecord | Reply {
  const jobId = request.params.job_id!;
  if (shows(state.dialect, 'malformed-id-422') && !isWellFormedJobId(jobId)) {
    return invalid(issue(['path', 'job_id'], 'String should match pattern ^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$', 'string_pattern_mismatch'));
  }
  // Unknown and other organizations' jobs get the same answer: nothing of the job is revealed.
  return state.jobs.get(jobId, request.orgId) ?? error(404, JOB_NOT_FOUND);
}

/** A read or cancel of a finished job touches its live fields (variant dialect). */
function touch(state: SimulatorState, job: JobRecord, now: number): void {
  if (shows(state.dialect, 'live-finished-fields') && isFinished(snapshotOf(job, now))) {
    job.live = touched(job.live, now, state.seed, job.identity.jobId);
  }
}

const getJob: Handler = (state, request) => {
  const jobId = request.params.job_id!;
  const limit = parseFilesLimit(request.url.searchParams.get('files_limit'));
  if (typeof limit !== 'number') return limit;
  const job = jobFor(state, request);
  if ('status' in job) return job;
  const ignoreForeign = shows(state.dialect, 'foreign-cursor-ignored');
  const offset = parseFilesCursor(request.url.searchParams.get('files_cursor'), jobId, state.cursors, ignoreForeign);
  if (typeof offset !== 'number') return offset;
  if (offset === 0 && !request.url.searchParams.has('files_cursor')) {
    // A poll (not a page continuation): counted, and possibly answered by the transient placeholder.
    const pollIndex = job.pollCount++;
    const patterns = [job.placeholders ?? job.scenario.placeholders, state.faults.placeholders];
    if (placeholderDue(patterns, pollIndex, state.seed, jobId)) return ok(shapePlaceholder(jobId, state.dialect));
  }
  const now = state.clock.now();
  touch(state, job, now);
  const full = snapshotOf(job, now);
  const page = pageOf(full, { limit, offset, cursorAt: (at) => state.cursors.encode({ jobId: full.job_id, offset: at }) });
  return ok(shapeSnapshot(page, state.dialect, job.live));
};

const cancel: Handler = (state, request) => {
  const job = jobFor(state, request);
  if ('status' in job) return job;
  const now = state.clock.now();
  const wasTerminal = snapshotOf(job, now).completed_at != null;
  const snapshot = cancelJob(job, now, 'api_key');
  if (wasTerminal) touch(state, job, now);
  const message = wasTerminal ? `Job already ${snapshot.status.replace(/_/g, ' ')}; nothing to cancel` : 'Job cancelled';
  return ok(
    shapeCancelAnswer(
      { job_id: job.identity.jobId, status: snapshot.status, message, cancelled_at: snapshot.cancelled_at ?? null },
      state.dialect,
    ),
  );
};

export const jobRoutes: Route[] = [
  { method: 'GET', path: '/v2/jobs/{job_id}', handler: getJob, auth: true, jobParam: 'job_id' },
  { method: 'POST', path: '/v2/jobs/{job_id}/cancel', handler: cancel, auth: true, jobParam: 'job_id' },
];
