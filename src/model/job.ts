// The job-status body as plain data. Every field but job_id and status is optional and nullable
// in the vendor's schema, so the types say so; the oracle decides what is required when.
import type { JobStatus } from './status.js';
import type { StageValue } from './stage.js';
import type { FileStatusValue } from './file-status.js';

export interface JobProgress {
  current_stage?: StageValue | null;
  stage_description?: string | null;
  files_total?: number | null;
  files_processed?: number | null;
  files_failed?: number | null;
  files_skipped?: number | null;
  elapsed_seconds?: number | null;
}

export interface FileStatus {
  uri: string;
  status: FileStatusValue;
  stage?: string | null;
  progress_message?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  updated_at?: string | null;
}

export interface FilesPage {
  limit?: number | null;
  next_cursor?: string | null;
  total_estimated?: number | null;
}

export interface JobResult {
  files_indexed?: number | null;
  files_failed?: number | null;
  files_skipped?: number | null;
  duration_seconds?: number | null;
  warnings?: string[] | null;
}

/** How a job's files are processed (and billed). */
export type ProcessingType = 'basic' | 'advanced';

export interface JobBilling {
  cost: { amount: number; currency: string };
  credits: { used: number; remaining: number };
  rate: { per_credit: number; currency: string };
  processing_type: ProcessingType;
  pages_processed: number;
}

/** A real job-status snapshot (JobStatus in spec/openapi.yaml). */
export interface JobSnapshot {
  job_id: string;
  status: JobStatus;
  collection_name?: string | null;
  job_type?: string | null;
  progress_message?: string | null;
  progress?: JobProgress | null;
  files?: FileStatus[] | null;
  files_page?: FilesPage | null;
  result?: JobResult | null;
  billing?: JobBilling | null;
  error_code?: string | null;
  error_message?: string | null;
  cancelled_by?: string | null;
  cancelled_at?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  estimated_time_remaining_seconds?: number | null;
}

/** The documented transient response (seed, "Transient status responses"). */
export interface Placeholder {
  job_id: string;
  status: 'running';
  progress: null;
  progress_message: string;
  estimated_time_remaining_seconds: number;
}

export const PLACEHOLDER_KEYS = ['job_id', 'status', 'progress', 'progress_message', 'estimated_time_remaining_seconds'] as const;
