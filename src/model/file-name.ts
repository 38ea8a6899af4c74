// What a file's URI says about it: its base name (what query results call `filename`) and whether
// it is media, whose job status may lag behind the query endpoint (captain-api.md section 7).

export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set([
  // video
  'mp4',
  'mov',
  'avi',
  'mkv',
  'webm',
  'flv',
  'wmv',
  'm4v',
  // audio
  'mp3',
  'wav',
  'aac',
  'flac',
  'm4a',
  'ogg',
  'wma',
]);

/** Last path segment of a URI, without query or fragment, percent-decoded when possible. */
export function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function isMediaUri(uri: string): boolean {
  const name = baseName(uri);
  const dot = name.lastIndexOf('.');
  return dot > 0 && MEDIA_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
