// Paging `files` of a full snapshot: files_limit validation (1-500, default 50) and one page
// with its `files_page` (limit, next_cursor, total_estimated).
import { DEFAULT_FILES_LIMIT, MAX_FILES_LIMIT, MIN_FILES_LIMIT } from '../model/pagination.js';
import type { CursorCodec } from './cursor.js';
import { invalid, issue, type Reply } from './reply.js';

export { DEFAULT_FILES_LIMIT, MAX_FILES_LIMIT };

/** The page size asked for, or the 422 a FastAPI server gives for it. */
export function parseFilesLimit(raw: string | null): number | Reply {
  if (raw === null) return DEFAULT_FILES_LIMIT;
  const loc = ['query', 'files_limit'];
  if (!/^[+-]?\d+$/.test(raw.trim()))
    return invalid(issue(loc, 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing'));
  const value = Number(raw);
  if (value < MIN_FILES_LIMIT)
    return invalid(issue(loc, `Input should be greater than or equal to ${MIN_FILES_LIMIT}`, 'greater_than_equal'));
  if (value > MAX_FILES_LIMIT) return invalid(issue(loc, `Input should be less than or equal to ${MAX_FILES_LIMIT}`, 'less_than_equal'));
  return value;
}

/**
 * The offset a files_cursor points at. A cursor this server did not issue for this job is a 422,
 * or, when `ignoreForeign`, ignored: the first page is served.
 */
export function parseFilesCursor(raw: string | null, jobId: string, codec: CursorCodec, ignoreForeign = false): number | Reply {
  if (raw === null || raw === '') return 0;
  const position = codec.decode(raw, jobId);
  if (!position && ignoreForeign) return 0;
  if (!position) return invalid(issue(['query', 'files_cursor'], 'Invalid or expired files cursor', 'value_error'));
  return position.offset;
}
