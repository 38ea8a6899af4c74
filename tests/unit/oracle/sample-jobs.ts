// Hand-written job bodies for the oracle's specification tests: one valid snapshot per status,
// small enough to read, and helpers that turn bodies into exchanges and timelines.
import { placeholderBody } from '../../../generators/placeholder.js';
import { billingOf } from '../../../src/model/billing.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import type { JobStatus } from '../../../src/model/status.js';
import { classify } from '../../../src/oracle/classify.js';
import { exchangeOf, type Exchange } from '../../../src/oracle/exchange.js';
import type { Timeline } from '../../../src/oracle/observation.js';

export const JOB_ID = 'job_7f3a';

const at = (second: number) => new Date(Date.UTC(2026, 10, 28, 12, 0, second)).toISOString();

const base = (): JobSnapshot => ({
  job_id: JOB_ID,
  status: 'pending',
  collection_name: 'docs',
  job_type: 'index_s3',
  progress_message: 'Waiting to start',
  progress: null,
  files: [
    { uri: 's3://bucket/a.pdf', status: 'queued' },
    { uri: 's3://bucket/b.pdf', status: 'queued' },
  ],
  created_at: at(0),
  updated_at: at(0),
  started_at: null,
  completed_at: null,
  estimated_time_remaining_seconds: 40,
});

/** A valid snapshot of a job in `status`, with `overrides` applied last. */
export function job(status: JobStatus, overrides: Partial<Record<keyof JobSnapshot, unknown>> = {}): JobSnapshot {
  const s = base();
  s.status = status;
  if (status !== 'pending') {
    s.started_at = at(2);
    s.updated_at = at(10);
    s.progress = {
      current_stage: 'chunking',
      stage_description: 'Splitting documents into semantic chunks',
      files_total: 2,
      files_processed: 1,
      files_failed: 0,
      files_skipped: 0,
      elapsed_seconds: 8,
    };
    s.files = [
      { uri: 's3://bucket/a.pdf', status: 'completed', updated_at: at(6) },
      { uri: 's3://bucket/b.pdf', status: 'processing', stage: 'chunking', updated_at: at(7) },
    ];
    s.progress_message = 'Splitting documents into semantic chunks';
    s.estimated_time_remaining_seconds = 20;
  }
  if (status !== 'pending' && status !== 'running') {
    s.updated_at = at(30);
    s.completed_at = at(30);
    s.estimated_time_remaining_seconds = 0;
    s.progress = { ...s.progress!, current_stage: 'finalizing', files_processed: 2, elapsed_seconds: 28 };
    s.files = [
      { uri: 's3://bucket/a.pdf', status: 'completed', updated_at: at(6) },
      { uri: 's3://bucket/b.pdf', status: 'completed', updated_at: at(20) },
    ];
    s.progress_message = `Job ${status}`;
  }
  if (status === 'completed' || status === 'completed_with_failures' || status === 'failed') {
    s.result = { files_indexed: 2, files_failed: 0, files_skipped: 0, duration_seconds: 28, warnings: [] };
  }
  if (status === 'completed' || status === 'completed_with_failures') s.billing = billingOf(6);
  if (status === 'completed_with_failures') {
    s.progress = { ...s.progress!, files_processed: 1, files_failed: 1 };
    s.files = [
      { uri: 's3://bucket/a.pdf', status: 'completed', updated_at: at(6) },
      { uri: 's3://bucket/b.pdf', status: 'failed', error_code: 'extraction_failed', error_message: 'Unreadable PDF', updated_at: at(20) },
    ];
    s.result = { files_indexed: 1, files_failed: 1, files_skipped: 0, duration_seconds: 28, warnings: [] };
  }
  if (status === 'failed') {
    s.error_code = 'embedding_unavailable';
    s.error_message = 'The embedding service did not answer';
  }
  if (status === 'cancelled') {
    s.cancelled_by = 'user@example.com';
    s.cancelled_at = at(30);
    s.progress = { ...s.progress!, current_stage: 'cancelled', files_processed: 1 };
    s.files = [
      { uri: 's3://bucket/a.pdf', status: 'completed', updated_at: at(6) },
      { uri: 's3://bucket/b.pdf', status: 'cancelled', updated_at: at(30) },
    ];
  }
  return { ...s, ...overrides } as JobSnapshot;
}

/** The documented placeholder, verbatim from the seed. */
export function placeholder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...placeholderBody(JOB_ID), ...overrides };
}

/** A media job lagging behind its content: running, progress null, timestamps present. */
export function laggingMediaJob(overrides: Partial<Record<keyof JobSnapshot, unknown>> = {}): JobSnapshot {
  return job('running', { progress: null, estimated_time_remaining_seconds: null, progress_message: 'Processing media', ...overrides });
}

export function poll(body: unknown, options: { status?: number; headers?: Record<string, string> } = {}): Exchange {
  return exchangeOf(body, { ...options, url: `/v2/jobs/${JOB_ID}` });
}

/** A timeline of polls answered 200 with these bodies, in order. */
export function timeline(...bodies: unknown[]): Timeline {
  return bodies.map((body, index) => classify(poll(body), index));
}

export function ids(findings: readonly { requirement: string }[]): string[] {
  return [...new Set(findings.map((f) => f.requirement))].sort();
}
