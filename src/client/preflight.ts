// The preflight: before any test, a few requests that tell the suite's own trouble from the API's. Does the
// target answer, does it look like the API (not an HTML page, a redirect, a base URL with /v2 on it), and is
// the key accepted on the suite's own set-up request (creating, then deleting, a scratch collection)? A "no"
// ends the run as broke with one cause and its fix, in seconds: not 50 failed tests and a verdict on the API.
import { clip } from '../contract/clip.js';
import { CaptainClient } from './captain-client.js';
import { parseRetryAfter } from '../model/retry-after.js';
import type { Exchange } from '../oracle/exchange.js';

export interface PreflightTarget {
  baseUrl: string;
  apiKey: string;
  orgId?: string | undefined;
  /** The second organization's key, checked too when given. */
  otherApiKey?: string | undefined;
  otherOrgId?: string | undefined;
  /** The scratch collection the set-up request creates (and the preflight deletes again). */
  collection: string;
}

export interface PreflightOptions {
  /** The run's budgeted fetch: the preflight's requests count against the request budget and keep to its rate. */
  fetch?: typeof globalThis.fetch;
  /** Per request (default 10 s): the preflight answers in seconds or not at all. */
  timeoutMs?: number;
  /** A 429's Retry-After is waited for at most this long, and at most twice (default 10 s). */
  maxRetryWaitMs?: number;
}

export type PreflightOutcome =
  | { ok: true; requests: number }
  | {
      ok: false;
      /** What went wrong, in one sentence. */
      cause: string;
      /** What to change, in one sentence. */
      fix: string;
      requests: number;
    };

const KEY_VARIABLES = 'CAPTAIN_API_KEY (and CAPTAIN_ORG_ID)';

function looksLikeHtml(exchange: Exchange): boolean {
  return /text\/html/i.test(exchange.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(exchange.body);
}

function looksLikeJson(exchange: Exchange): boolean {
  try {
    JSON.parse(exchange.body);
    return true;
  } catch {
    return false;
  }
}

const v2Hint = (baseUrl: string): string =>
  /\/v\d+$/.test(baseUrl)
    ? ` Drop the ${baseUrl.slice(baseUrl.lastIndexOf('/'))} suffix: the suite adds /v2/... itself (CONFORMANCE_BASE_URL=${baseUrl.slice(0, baseUrl.lastIndexOf('/'))}).`
    : '';

/** What an answer to the set-up request says about the target, or undefined when it is the API accepting the key. */
export function judgeSetUpAnswer(
  exchange: Exchange,
  baseUrl: string,
  keyName = KEY_VARIABLES,
): Omit<PreflightOutcome & { ok: false }, 'requests' | 'ok'> | undefined {
  const what = `${exchange.request.method} ${baseUrl}${exchange.request.url}`;
  if (exchange.status === 0 && /request budget/i.test(exchange.error ?? ''))
    return {
      cause: `the request budget ran out in the preflight (${exchange.error})`,
      fix: 'raise CONFORMANCE_REQUEST_BUDGET: the preflight alone sends up to 3 requests',
    };
  if (exchange.status === 0)
    return {
      cause: `the target is unreachable: ${exchange.error ?? 'no answer'} (${what})`,
      fix: 'check CONFORMANCE_BASE_URL (scheme, host and port) and that the deployment is up and reachable from here',
    };
  if (exchange.status >= 300 && exchange.status < 400) {
    const location = exchange.headers.location;
    return {
      cause: `the target answered a redirect (HTTP ${exchange.status}${location ? ` to ${location}` : ''}) to ${what}; the suite follows none`,
      fix: `set CONFORMANCE_BASE_URL to the API's own base URL${location ? ` (where the redirect points, without its path: ${location})` : ''}`,
    };
  }
  if (looksLikeHtml(exchange))
    return {
      cause: `the target answered an HTML page (HTTP ${exchange.status}) to ${what}: it is not the Captain API`,
      fix: `set CONFORMANCE_BASE_URL to the API's base URL, not a web page or a login screen.${v2Hint(baseUrl)}`,
    };
  if (exchange.status === 401 || exchange.status === 403)
    return {
      cause: `the key was rejected (HTTP ${exchange.status}) on the suite's own set-up request ${what}`,
      fix: `check ${keyName}: a key of this deployment, not expired, with the right organization`,
    };
  if (exchange.status === 404 || exchange.status === 405)
    return {
      cause: `the target has no such route (HTTP ${exchange.status} to ${what}): it does not look like the Captain API`,
      fix: `check CONFORMANCE_BASE_URL: the API's base URL, e.g. https://api.example.com.${v2Hint(baseUrl)}`,
    };
  if (exchange.status < 200 || exchange.status >= 300)
    return {
      cause: `the suite's set-up request ${what} answered HTTP ${exchange.status}: ${clip(exchange.body, 160, 'none', 'one-line')}`,
      fix: 'the suite cannot create its scratch collection on this target; check the deployment and the key’s permissions',
    };
  if (exchange.body.trim() !== '' && !looksLikeJson(exchange))
    return {
      cause: `the target answered ${what} with HTTP ${exchange.status} and a body that is not JSON: it does not look like the Captain API`,
      fix: `check CONFORMANCE_BASE_URL.${v2Hint(baseUrl)}`,
    };
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request, sent again after a 429's Retry-After (a lawful answer at any request), at most twice. */
async function patiently(
  send: () => Promise<{ exchange: Exchange }>,
  maxWaitMs: number,
): Promise<{ exchange: Exchange; requests: number }> {
  let requests = 0;
  for (;;) {
    const { exchange } = await send();
    requests += 1;
    const wait = exchange.status === 429 ? (parseRetryAfter(exchange.headers['retry-after'], Date.now()) ?? 1_000) : undefined;
    if (wait === undefined || requests > 2 || wait > maxWaitMs) return { exchange, requests };
    await sleep(wait);
  }
}

export async function preflight(target: PreflightTarget, options: PreflightOptions = {}): Promise<PreflightOutcome> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxWait = options.maxRetryWaitMs ?? 10_000;
  const clientOf = (apiKey: string, orgId: string | undefined) =>
    new CaptainClient({
      baseUrl: target.baseUrl,
      apiKey,
      ...(orgId ? { organizationId: orgId } : {}),
      secrets: [target.apiKey, ...(target.otherApiKey ? [target.otherApiKey] : [])],
      timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const main = clientOf(target.apiKey, target.orgId);
  const created = await patiently(
    () => main.putCollection(target.collection, { description: 'Preflight of a conformance run; safe to delete' }),
    maxWait,
  );
  let requests = created.requests;
  const problem = judgeSetUpAnswer(created.exchange, target.baseUrl);
  if (problem) return { ok: false, ...problem, requests };
  // A collection left behind is named for the run and safe to delete: not a reason to stop.
  requests += (await patiently(() => main.deleteCollection(target.collection), maxWait)).requests;
  if (target.otherApiKey) {
    // The second organization's key on a read of a job nobody has: a 404 (or any answer but 401/403) accepts it.
    const other = clientOf(target.otherApiKey, target.otherOrgId);
    const read = await patiently(() => other.getJob(`conformance-preflight-${target.collection}`), maxWait);
    requests += read.requests;
    // Only a rejection is the key's: any other answer to a status read is for the tests to judge.
    const rejected = read.exchange.status === 401 || read.exchange.status === 403;
    const otherProblem = rejected
      ? judgeSetUpAnswer(read.exchange, target.baseUrl, 'CAPTAIN_OTHER_API_KEY (and CAPTAIN_OTHER_ORG_ID)')
      : undefined;
    if (otherProblem) return { ok: false, ...otherProblem, requests };
  }
  return { ok: true, requests };
}
