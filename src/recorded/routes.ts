// Which Captain API endpoint a recorded request went to, told by its method and path alone (a recording
// may come from any host, behind any gateway prefix). Pure.

export type Route =
  /** GET /v2/jobs/{job_id}: a poll of the job-status endpoint. */
  | { kind: 'status'; jobId: string; relative: string }
  /** POST /v2/jobs/{job_id}/cancel, or DELETE /v2/jobs/{job_id} (cancel and delete). */
  | { kind: 'cancel'; jobId: string; relative: string }
  /** POST /v2 or /v3/collections/{c}/query: the media fallback's query, each version with its own answer shape. */
  | { kind: 'query'; collection: string; version: 'v2' | 'v3'; relative: string }
  /** Another endpoint of the Captain API (collections, indexing, the job list...): counted, not judged. */
  | { kind: 'captain'; relative: string }
  /** Not the Captain API at all (a page, a script, another service). */
  | { kind: 'other' };

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: the id as sent
  }
}

const API = /\/(v[123])\/(jobs|collections|index-status|index-stop|parsing-scripts)(?=\/|$)/;

/** The route of a request; `url` is absolute (as HAR records it) or a path. */
export function routeOf(method: string, url: string): Route {
  let pathname: string;
  let search: string;
  try {
    const parsed = new URL(url, 'http://recorded.invalid');
    pathname = parsed.pathname;
    search = parsed.search;
  } catch {
    return { kind: 'other' };
  }
  const api = API.exec(pathname);
  if (!api) return { kind: 'other' };
  const path = pathname.slice(api.index);
  const relative = path + search;
  const verb = method.toUpperCase();
  const job = /^\/v2\/jobs\/([^/]+)(\/cancel)?$/.exec(path);
  if (job) {
    const jobId = decoded(job[1]!);
    if (job[2] === undefined && verb === 'GET') return { kind: 'status', jobId, relative };
    if ((job[2] !== undefined && verb === 'POST') || (job[2] === undefined && verb === 'DELETE'))
      return { kind: 'cancel', jobId, relative };
  }
  const query = /^\/(v2|v3)\/collections\/([^/]+)\/query$/.exec(path);
  if (query && verb === 'POST') return { kind: 'query', collection: decoded(query[2]!), version: query[1] as 'v2' | 'v3', relative };
  return { kind: 'captain', relative };
}
