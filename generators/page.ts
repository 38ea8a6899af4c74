// One page of a job's files as a conforming server serves it: at most `limit` files from `offset`,
// with files_page saying the limit, an opaque next_cursor (none on the last page) and the total.
import type { JobSnapshot } from '../src/model/job.js';
import { DEFAULT_FILES_LIMIT, pageOf } from '../src/model/pagination.js';

export { DEFAULT_FILES_LIMIT };

/** An opaque cursor: the client must not read it, so it is encoded rather than a bare offset. */
export function cursorFor(jobId: string, offset: number): string {
  return Buffer.from(`${jobId}:${offset}`, 'utf8').toString('base64url');
}

export interface PageShape {
  limit: number;
  offset: number;
  /** Whether the server sends files_page at all (it may leave it out). */
  filesPage: boolean;
  /** How the last page says there is no next page: a null next_cursor, or none at all. */
  lastCursor: 'null' | 'absent';
}

/** The page of `full` (a snapshot listing every file, as snapshotAt returns it) described by `shape`, with our cursors. */
export function servedPage(full: JobSnapshot, shape: PageShape): JobSnapshot {
  return pageOf(full, { ...shape, cursorAt: (offset) => cursorFor(full.job_id, offset) });
}
