import type { JobSnapshot } from './job.js';

// files_limit of GET /v2/jobs/{job_id}: 1 to 500, 50 when omitted (doc-new; MCP zod min(1).max(500)).
export const MIN_FILES_LIMIT = 1;
export const MAX_FILES_LIMIT = 500;
export const DEFAULT_FILES_LIMIT = 50;

export interface PageRequest {
  limit: number;
  offset: number;
  /** The opaque next_cursor naming the page that starts at this offset. */
  cursorAt: (offset: number) => string;
  /** Whether files_page is sent at all (default true; a server may leave it out). */
  filesPage?: boolean;
  /** How the last page says there is no next page: a null next_cursor (default), or none at all. */
  lastCursor?: 'null' | 'absent';
}

/** One page of a snapshot's files as a conforming server serves it: at most `limit` files from `offset`. */
export function pageOf(full: JobSnapshot, page: PageRequest): JobSnapshot {
  const all = full.files ?? [];
  const end = page.offset + page.limit;
  const paged: JobSnapshot = { ...full, files: all.slice(page.offset, end) };
  if (page.filesPage === false) return paged;
  const nextCursor = end < all.length ? page.cursorAt(end) : page.lastCursor === 'absent' ? undefined : null;
  paged.files_page = { limit: page.limit, ...(nextCursor !== undefined ? { next_cursor: nextCursor } : {}), total_estimated: all.length };
  return paged;
}
