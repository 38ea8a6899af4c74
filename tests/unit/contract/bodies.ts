// Bodies the contract's specs validate: a running snapshot as a conforming server sends it, a billing
// block, the seed's placeholder, and the problems' paths and keywords, the way the specs compare them.
import { placeholderBody } from '../../../generators/placeholder.js';
import { billingOf } from '../../../src/model/billing.js';
import type { SchemaProblem } from '../../../src/contract/schemas.js';

export type Json = Record<string, unknown>;

export const keywordsAt = (problems: SchemaProblem[]) => problems.map((p) => `${p.path} ${p.keyword}`);

// A job-status snapshot as a conforming server would send it while running.
export const runningSnapshot = (): Json => ({
  job_id: 'job_1',
  status: 'running',
  collection_name: 'reports',
  job_type: 'index_s3_file',
  progress_message: 'Chunking',
  progress: { current_stage: 'chunking', files_total: 2, files_processed: 1, files_failed: 0, files_skipped: 0, elapsed_seconds: 9 },
  files: [
    { uri: 's3://b/a.pdf', status: 'completed', updated_at: '2026-03-05T10:00:08Z' },
    { uri: 's3://b/b.pdf', status: 'processing', stage: 'chunking' },
  ],
  files_page: { limit: 50, next_cursor: null, total_estimated: 2 },
  created_at: '2026-03-05T10:00:00Z',
  updated_at: '2026-03-05T10:00:09Z',
  started_at: '2026-03-05T10:00:01Z',
  completed_at: null,
  estimated_time_remaining_seconds: 30,
});

export const billing = billingOf(12);

// The seed's placeholder, verbatim.
export const placeholder = (): Json => ({ ...placeholderBody('job_1') });
