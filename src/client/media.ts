// Which jobs take the media path, whose job status may lag behind the query endpoint
// (seed, "Video/large media jobs").
import { isMediaUri } from '../model/file-name.js';
import type { JobSnapshot } from '../model/job.js';
import type { FileMatcher } from './file-match.js';

export { isMediaUri };

/** A snapshot of a job that lists a media file or indexes YouTube. */
export function isMediaSnapshot(snapshot: JobSnapshot): boolean {
  if (typeof snapshot.job_type === 'string' && snapshot.job_type.includes('youtube')) return true;
  return Array.isArray(snapshot.files) && snapshot.files.some((f) => typeof f?.uri === 'string' && isMediaUri(f.uri));
}

/** A matcher that names a media file. */
export function isMediaMatcher(matcher: FileMatcher): boolean {
  if (typeof matcher === 'function') return false;
  const ref = typeof matcher === 'string' ? { uri: matcher } : matcher;
  return [ref.uri, ref.filename].some((name) => typeof name === 'string' && isMediaUri(name));
}
