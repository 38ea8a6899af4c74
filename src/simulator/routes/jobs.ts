// GET /v2/jobs/{job_id} (paged files, placeholders on demand) and POST /v2/jobs/{job_id}/cancel.
import type { Handler, Route } from '../context.js';
import { placeholderDue, placeholderFor } from '../faults.js';
import { pageOf, parseFilesCursor, parseFilesLimit } from '../files-page.js';
import { cancelJob, snapshotOf } from '../job-store.js';
import { error, ok } from '../reply.js';

const JOB_NOT_FOUND = 'Job not found';

const getJob: Handler = (state, request) => {
  const jobId = request.params.job_id!;
  const limit = parseFilesLimit(request.url.searchParams.get('files_limit'));
  if (typeof limit !== 'number') return limit;
  // Unknown and other organizations' jobs get the same answer: nothing of the job is revealed.
  const job = state.jobs.get(jobId, request.orgId);
  if (!job) return error(404, JOB_NOT_FOUND);
  const offset = parseFilesCursor(request.url.searchParams.get('files_cursor'), jobId, state.cursors);
  if (typeof offset !== 'number') return offset;
  if (offset === 0 && !request.url.searchParams.has('files_cursor')) {
    // A poll (not a page continuation): counted, and possibly answered by the transient placeholder.
    const pollIndex = job.pollCount++;
    const patterns = [job.placeholders ?? job.scenario.placeholders, state.faults.placeholders];
    if (placeholderDue(patterns, pollIndex, state.seed, jobId)) return ok(placeholderFor(jobId));
  }
  return ok(pageOf(snapshotOf(job, state.clock.now()), limit, offset, state.cursors));
};

const cancel: Handler = (state, request) => {
  const jobId = request.params.job_id!;
  const job = state.jobs.get(jobId, request.orgId);
  if (!job) return error(404, JOB_NOT_FOUND);
  const now = state.clock.now();
  const wasTerminal = snapshotOf(job, now).completed_at != null;
  const snapshot = cancelJob(job, now, 'api_key');
  const message = wasTerminal ? `Job already ${snapshot.status.replace(/_/g, ' ')}; nothing to cancel` : 'Job cancelled';
  return ok({ job_id: jobId, status: snapshot.status, message, cancelled_at: snapshot.cancelled_at ?? null });
};

export const jobRoutes: Route[] = [
  { method: 'GET', path: '/v2/jobs/{job_id}', handler: getJob, auth: true, jobParam: 'job_id' },
  { method: 'POST', path: '/v2/jobs/{job_id}/cancel', handler: cancel, auth: true, jobParam: 'job_id' },
];
