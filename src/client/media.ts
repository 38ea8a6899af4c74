// Which jobs take the media path, whose job status may lag behind the query endpoint
// (seed, "Video/large media jobs"). Extensions from captain-api.md section 7.
import type { JobSnapshot } from '../model/job.js';
import type { FileMatcher } from './file-match.js';

const MEDIA_EXTENSIONS = new Set([
  // video
  'mp4', 'mov', 'avi', 'mkv', 'webm', 'flv', 'wmv', 'm4v',
  // audio
  'mp3', 'wav', 'aac', 'flac', 'm4a', 'ogg', 'wma',
]);

export function isMediaUri(uri: string): boolean {
  const path = uri.replace(/[?#].*$/, '');
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && MEDIA_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

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
