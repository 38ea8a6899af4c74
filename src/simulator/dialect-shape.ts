// How a dialect shapes what the model computed: pure rewrites of a served snapshot, placeholder
// and cancel answer, one per lawful variation (dialect.ts). The plain dialect returns them as is.
import type { JobSnapshot, Placeholder } from '../model/job.js';
import { isJobStatus, isTerminal } from '../model/status.js';
import { shows, type Dialect } from './dialect.js';
import { placeholderFor } from './faults.js';
import { withLiveFields, type LiveFields } from './live-fields.js';
import { respell } from './timestamp-spelling.js';

const SNAPSHOT_TIMESTAMPS = ['created_at', 'updated_at', 'started_at', 'completed_at', 'cancelled_at'] as const;

/** Every JobStatus key the placeholder leaves out (spec/openapi.yaml JobStatus). */
export const NON_PLACEHOLDER_KEYS = [
  'collection_name',
  'job_type',
  'files',
  'files_page',
  'result',
  'billing',
  'error_code',
  'error_message',
  'cancelled_by',
  'cancelled_at',
  'created_at',
  'updated_at',
  'started_at',
  'completed_at',
] as const;

export function isFinished(snapshot: JobSnapshot): boolean {
  return isJobStatus(snapshot.status) && isTerminal(snapshot.status);
}

function countAllProcessed(s: JobSnapshot): JobSnapshot {
  const p = s.progress;
  if (!p || p.files_processed == null) return s;
  return { ...s, progress: { ...p, files_processed: p.files_processed + (p.files_failed ?? 0) + (p.files_skipped ?? 0) } };
}

function nullStageWhenFinished(s: JobSnapshot): JobSnapshot {
  if (!s.progress || !isFinished(s)) return s;
  return { ...s, progress: { ...s.progress, current_stage: null, stage_description: null } };
}

function nullFilesWhilePending(s: JobSnapshot): JobSnapshot {
  return s.status === 'pending' ? { ...s, files: null, files_page: null } : s;
}

function withAdditiveFields(s: JobSnapshot): JobSnapshot {
  const out: JobSnapshot & Record<string, unknown> = {
    ...s,
    job_type: s.job_type ? `${s.job_type}_batch` : s.job_type,
    execution_arn: `arn:aws:states:us-east-1:000000000000:execution:captain-indexing:${s.job_id}`,
    pii_report: null,
    youtube: [],
  };
  if (s.progress) out.progress = { ...s.progress, chunks_created: (s.progress.files_processed ?? 0) * 4 } as typeof s.progress;
  if (s.files) out.files = s.files.map((f) => ({ ...f, attempt: 1 }));
  return out;
}

function withOffsetTimestamps(s: JobSnapshot): JobSnapshot {
  const out = respell(s, SNAPSHOT_TIMESTAMPS);
  return s.files ? { ...out, files: s.files.map((f) => respell(f, ['updated_at'])) } : out;
}

/**
 * The vendor's own status words (MCP job filter and webhooks): `processing` while the job scans its files
 * (before `running`), `timed_out` for a job that failed on a timeout, and - for jobs created through the
 * public API - `completed_with_errors` for a partial success. Played scenarios keep the documented words,
 * so the tests that script an end can still name it.
 */
export function vendorStatusOf(
  status: string,
  stage: string | null | undefined,
  errorCode: string | null | undefined,
  publicJob: boolean,
): string {
  if (status === 'running' && stage === 'scanning') return 'processing';
  if (status === 'failed' && typeof errorCode === 'string' && /time_?out/i.test(errorCode)) return 'timed_out';
  if (status === 'completed_with_failures' && publicJob) return 'completed_with_errors';
  return status;
}

function withVendorStatus(s: JobSnapshot, publicJob: boolean): JobSnapshot {
  const status = vendorStatusOf(s.status, s.progress?.current_stage, s.error_code, publicJob);
  return status === s.status ? s : { ...s, status: status as JobSnapshot['status'] };
}

/** The snapshot as the dialect serves it; `live` is given for a finished job that was touched. */
export function shapeSnapshot(snapshot: JobSnapshot, dialect: Dialect, live?: LiveFields, publicJob = false): JobSnapshot {
  let s = snapshot;
  if (shows(dialect, 'processed-counts-all')) s = countAllProcessed(s);
  if (shows(dialect, 'finished-stage-null')) s = nullStageWhenFinished(s);
  if (shows(dialect, 'files-null-while-pending')) s = nullFilesWhilePending(s);
  if (shows(dialect, 'live-finished-fields') && live && isFinished(s)) s = withLiveFields(s, live);
  if (shows(dialect, 'additive-fields')) s = withAdditiveFields(s);
  if (shows(dialect, 'offset-timestamps')) s = withOffsetTimestamps(s);
  if (shows(dialect, 'vendor-statuses')) s = withVendorStatus(s, publicJob);
  return s;
}

/** The documented transient answer; the variant fills every other key with null, as a response_model does. */
export function shapePlaceholder(jobId: string, dialect: Dialect): Placeholder | Record<string, unknown> {
  const placeholder = placeholderFor(jobId);
  if (!shows(dialect, 'placeholder-null-keys')) return placeholder;
  return { ...Object.fromEntries(NON_PLACEHOLDER_KEYS.map((k) => [k, null])), ...placeholder };
}

export interface CancelAnswer {
  job_id: string;
  status: string;
  message: string;
  cancelled_at: string | null;
}

export function shapeCancelAnswer(answer: CancelAnswer, dialect: Dialect): CancelAnswer {
  return shows(dialect, 'offset-timestamps') ? respell(answer, ['cancelled_at']) : answer;
}
