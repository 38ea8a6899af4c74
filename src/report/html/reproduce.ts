// What a reader needs to rerun a finding without the suite: the request's full URL, a curl command
// that sends the same request (the key and the organization as shell variables, never their values),
// and which fields of the answer the finding is about. Pure string building over recorded exchanges.
import type { ExchangeRequest } from '../../oracle/exchange.js';
import { isSecretHeader } from '../../redaction/redact.js';

/** The shell variables a reader sets before pasting a command; their values never appear in the report. */
export const KEY_VARIABLE = '$CAPTAIN_API_KEY';
export const ORG_VARIABLE = '$CAPTAIN_ORG_ID';

const ORG_HEADERS = new Set(['x-organization-id']);
/** Headers the transport adds or that only describe the suite's own framing. */
const LEFT_OUT = new Set(['content-length', 'host', 'connection', 'accept-encoding']);

/** The request's URL with the target's base in front when it was recorded relative to it. */
export function fullUrl(baseUrl: string | null, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (baseUrl === null || baseUrl === '') return url;
  return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** A POSIX shell word that stands for `text` literally. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function header(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') return `-H "${name}: Bearer ${KEY_VARIABLE}"`;
  if (isSecretHeader(lower)) return `-H "${name}: ${KEY_VARIABLE}"`;
  if (ORG_HEADERS.has(lower)) return `-H "${name}: ${ORG_VARIABLE}"`;
  return `-H ${shellQuote(`${name}: ${value}`)}`;
}

/** A curl command for the request, one option a line; credentials as variables, whatever was recorded. */
export function curlCommand(baseUrl: string | null, request: ExchangeRequest): string {
  const parts = [`curl -sS -i -X ${/^[A-Z]+$/.test(request.method) ? request.method : 'GET'} ${shellQuote(fullUrl(baseUrl, request.url))}`];
  for (const [name, value] of Object.entries(request.headers)) if (!LEFT_OUT.has(name.toLowerCase())) parts.push(header(name, value));
  if (request.body !== undefined && request.body !== '') parts.push(`--data-raw ${shellQuote(request.body)}`);
  return parts.join(' \\\n  ');
}

/** A status poll for a job when no exchange of the finding was kept: what a reader would send to look. */
export function jobPoll(jobId: string): ExchangeRequest {
  return {
    method: 'GET',
    url: `/v2/jobs/${encodeURIComponent(jobId)}`,
    headers: { accept: 'application/json', authorization: 'Bearer', 'x-organization-id': '' },
  };
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

function keysOf(value: unknown, depth: number, into: Set<string>): void {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    into.add(key);
    keysOf(child, depth + 1, into);
  }
}

/**
 * The fields of `body` the finding messages name (`completed_at is ... while running` names completed_at),
 * top-level ones first: those are what a reader looks for in the answer.
 */
export function namedFields(body: string, messages: readonly string[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const top = new Set(Object.keys(parsed));
  const all = new Set<string>();
  keysOf(parsed, 0, all);
  const words = new Set(messages.flatMap((m) => m.match(WORD) ?? []));
  const named = [...words].filter((w) => all.has(w));
  const topNamed = named.filter((w) => top.has(w));
  return topNamed.length > 0 ? topNamed : named;
}
