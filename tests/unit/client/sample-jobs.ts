// Job bodies for the client tests, timed around the harness's T0: pending, running, on the media path, completed.
// The placeholder is the generators' placeholderBody.
import { billingOf } from '../../../src/model/billing.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { T0 } from './harness.js';

const iso = (offsetMs = 0) => new Date(T0 + offsetMs).toISOString();

export function pending(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    job_id: jobId,
    status: 'pending',
    collection_name: 'docs',
    progress: null,
    created_at: iso(-1000),
    updated_at: iso(-1000),
    started_at: null,
    completed_at: null,
    estimated_time_remaining_seconds: 60,
    ...overrides,
  };
}

export function running(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    ...pending(jobId),
    status: 'running',
    started_at: iso(),
    updated_at: iso(),
    progress: { current_stage: 'embedding', files_total: 2, files_processed: 1, files_failed: 0, files_skipped: 0, elapsed_seconds: 5 },
    progress_message: 'Generating vector embeddings',
    estimated_time_remaining_seconds: 3,
    ...overrides,
  };
}

/** A media job on the media path: running, progress null, no ETA, but real timestamps. */
export function mediaLagging(jobId: string, uri = 's3://media-bucket/videos/intro.mp4'): JobSnapshot {
  return running(jobId, {
    progress: null,
    progress_message: 'Processing media',
    estimated_time_remaining_seconds: null,
    files: [{ uri, status: 'processing' }],
  });
}

export function completed(jobId: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    ...running(jobId),
    status: 'completed',
    progress: { current_stage: 'finalizing', files_total: 2, files_processed: 2, files_failed: 0, files_skipped: 0, elapsed_seconds: 9 },
    completed_at: iso(9000),
    updated_at: iso(9000),
    estimated_time_remaining_seconds: 0,
    result: { files_indexed: 2, files_failed: 0, files_skipped: 0, duration_seconds: 9, warnings: [] },
    billing: billingOf(6),
    ...overrides,
  };
}
