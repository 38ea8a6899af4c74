// Reading and editing the API's answers as they pass through the rewriting proxy.
import { isJsonObject } from '../../src/model/json.js';
import type { Forward, ProxiedRequest, ProxiedResponse, Rewrite } from '../rewriting-proxy.js';

const JOB_STATUS = /^\/v2\/jobs\/([^/?]+)(?:\?.*)?$/;
const CANCEL = /^\/v2\/jobs\/([^/?]+)\/cancel(?:\?.*)?$/;
/** The v2 and v3 query endpoints. */
const QUERY = /^\/v[23]\/collections\/[^/?]+\/query(?:\?.*)?$/;

export type Json = Record<string, unknown>;

export const isStatusPoll = (request: ProxiedRequest): boolean => request.method === 'GET' && JOB_STATUS.test(request.url);
export const isCancel = (request: ProxiedRequest): boolean => request.method === 'POST' && CANCEL.test(request.url);
export const isQuery = (request: ProxiedRequest): boolean => request.method === 'POST' && QUERY.test(request.url);

export function jobIdOf(request: ProxiedRequest): string | undefined {
  const match = JOB_STATUS.exec(request.url) ?? CANCEL.exec(request.url);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function jsonOf(response: ProxiedResponse): Json | undefined {
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function withJson(response: ProxiedResponse, body: unknown, status = response.status): ProxiedResponse {
  return { status, headers: { ...response.headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

const PLACEHOLDER_KEYS = ['estimated_time_remaining_seconds', 'job_id', 'progress', 'progress_message', 'status'];

/** The documented placeholder: exactly its five keys, progress null, no timestamps. */
export function isPlaceholder(body: Json): boolean {
  return Object.keys(body).sort().join() === PLACEHOLDER_KEYS.join() && body.progress === null;
}

export const TERMINAL = new Set(['completed', 'completed_with_failures', 'failed', 'cancelled']);

/** Rewrites the body of every 200 job-status answer that is a real snapshot (not the placeholder). */
export function onSnapshots(edit: (snapshot: Json, request: ProxiedRequest) => void): Rewrite {
  return async (request, forward) => {
    const response = await forward(request);
    if (!isStatusPoll(request) || response.status !== 200) return response;
    const body = jsonOf(response);
    if (!body || isPlaceholder(body)) return response;
    edit(body, request);
    return withJson(response, body);
  };
}

/** Rewrites the body of every 200 placeholder answer; `status` changes its HTTP status too. */
export function onPlaceholders(edit: (placeholder: Json) => void, status?: number): Rewrite {
  return async (request, forward) => {
    const response = await forward(request);
    if (!isStatusPoll(request) || response.status !== 200) return response;
    const body = jsonOf(response);
    if (!body || !isPlaceholder(body)) return response;
    edit(body);
    return withJson(response, body, status);
  };
}

/** Changes one query parameter of the request (deletes it for `undefined`) before forwarding. */
export function withQuery(request: ProxiedRequest, name: string, value: string | undefined): ProxiedRequest {
  const url = new URL(request.url, 'http://proxy.invalid');
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return { ...request, url: `${url.pathname}${url.search}` };
}

export function queryOf(request: ProxiedRequest, name: string): string | null {
  return new URL(request.url, 'http://proxy.invalid').searchParams.get(name);
}

/** The job's current status, asked upstream with the caller's own credentials. */
export async function currentStatus(request: ProxiedRequest, forward: Forward): Promise<unknown> {
  const jobId = jobIdOf(request);
  if (jobId === undefined) return undefined;
  const answer = await forward({
    method: 'GET',
    url: `/v2/jobs/${encodeURIComponent(jobId)}`,
    headers: request.headers,
    body: Buffer.alloc(0),
  });
  return answer.status === 200 ? jsonOf(answer)?.status : undefined;
}
