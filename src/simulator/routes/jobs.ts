// GET /v2/jobs/{job_id} (paged files, placeholders on demand), its two cancels (POST .../cancel, the
// SDK's, and DELETE, "cancel and delete", the MCP server's) and GET /v2/jobs, shaped by the dialect.
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
    const scripted = [job.placeholders ?? job.scenario.placeholders, state.faults.placeholders];
    const unasked = state.anyAnswer ? [{ probability: state.anyAnswer.answers.placeholderProbability }] : [];
    if (placeholderDue([...scripted, ...unasked], pollIndex, state.seed, jobId)) {
      // any-answer dealt it when the script did not ask for it (the same patterns at the same indexes: the same draws).
      if (state.anyAnswer && !placeholderDue(scripted, pollIndex, state.seed, jobId)) state.anyAnswer.dealt.placeholders += 1;
      return ok(shapePlaceholder(jobId, state.dialect));
    }
  }
  const now = state.clock.now();
  touch(state, job, now);
  const full = snapshotOf(job, now);
  const cursorAt = (at: number) => state.cursors.encode({ jobId: full.job_id, offset: at });
  const page = pageOf(full, { limit, offset, cursorAt });
  // Any documented answer: a walk may end with an empty page that has no next_cursor.
  const total = full.files?.length ?? 0;
  if (state.anyAnswer?.answers.emptyLastPage && page.files_page?.next_cursor === null && total > 0 && offset < total) {
    page.files_page = { ...page.files_page, next_cursor: cursorAt(total) };
    state.anyAnswer.dealt.emptyLastPages += 1;
  }
  return ok(shapeSnapshot(page, state.dialect, job.live, job.publicJob));
};

/** Cancels the job (a finished one is left as it is) and answers with the cancel response. */
function cancelAnswer(state: SimulatorState, job: JobRecord, deleting: boolean): Reply {
  const now = state.clock.now();
  const wasTerminal = snapshotOf(job, now).completed_at != null;
  const snapshot = cancelJob(job, now, 'api_key');
  if (wasTerminal) touch(state, job, now);
  const done = deleting ? 'Job cancelled and deleted' : 'Job cancelled';
  const message = wasTerminal ? `Job already ${snapshot.status.replace(/_/g, ' ')}; nothing to cancel` : done;
  // The answer says the status as GET says it (the dialect's words included).
  const said = shapeSnapshot(snapshot, state.dialect, undefined, job.publicJob).status;
  return ok(
    shapeCancelAnswer({ job_id: job.identity.jobId, status: said, message, cancelled_at: snapshot.cancelled_at ?? null }, state.dialect),
  );
}

const cancel: Handler = (state, request) => {
  const job = jobFor(state, request);
  if ('status' in job) return job;
  return cancelAnswer(state, job, false);
};

const cancelAndDelete: Handler = (state, request) => {
  const job = jobFor(state, request);
  if ('status' in job) return job;
  const reply = cancelAnswer(state, job, true);
  // The page says DELETE also deletes: the variant forgets the job, so it then reads 404.
  if (shows(state.dialect, 'delete-forgets-job')) state.jobs.delete(job.identity.jobId);
  return reply;
};

const listJobs: Handler = (state, request) => {
  const params = request.url.searchParams;
  const number = (name: string, fallback: number, min: number, max: number): number | Reply => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max))
      return invalid(issue(['query', name], `Input should be an integer from ${min} to ${max}`, 'int_parsing'));
    return value;
  };
  const limit = number('limit', 50, 1, 200);
  if (typeof limit !== 'number') return limit;
  const offset = number('offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (typeof offset !== 'number') return offset;
  const now = state.clock.now();
  const status = params.get('status');
  const collection = params.get('collection');
  const names = new Map(state.collections.of(request.orgId).map((c) => [c.collectionId, c.name]));
  const rows = state.jobs
    .ofOrganization(request.orgId)
    .map((job) => ({ job, snapshot: shapeSnapshot(snapshotOf(job, now), state.dialect, undefined, job.publicJob) }))
    .filter(({ snapshot }) => status === null || snapshot.status === status)
    .filter(({ job }) => collection === null || names.get(job.collectionId) === collection)
    .reverse(); // newest first
  const jobs = rows.slice(offset, offset + limit).map(({ job, snapshot }) => ({
    job_id: snapshot.job_id,
    status: snapshot.status,
    job_type: snapshot.job_type ?? null,
    collection_name: names.get(job.collectionId) ?? snapshot.collection_name ?? null,
    environment: 'development',
    created_at: snapshot.created_at ?? null,
    files_total: snapshot.progress?.files_total ?? null,
    files_indexed: snapshot.files?.filter((f) => f.status === 'completed').length ?? null,
    files_failed: snapshot.progress?.files_failed ?? null,
    error: snapshot.error_message ?? null,
  }));
  return ok({ jobs, total_count: rows.length, offset });
};

export const jobRoutes: Route[] = [
  { method: 'GET', path: '/v2/jobs/{job_id}', handler: getJob, auth: true, jobParam: 'job_id' },
  { method: 'DELETE', path: '/v2/jobs/{job_id}', handler: cancelAndDelete, auth: true, jobParam: 'job_id' },
  { method: 'POST', path: '/v2/jobs/{job_id}/cancel', handler: cancel, auth: true, jobParam: 'job_id' },
  { method: 'GET', path: '/v2/jobs', handler: listJobs, auth: true },
];
