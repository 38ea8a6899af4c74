// What the simulator received, request by request, for judging the client that sent it (npm run
// client-check, docs/client-check.md): times, method, path, headers with every credential replaced by
// what it was (the right key, another one, none), and the answer. Bounded: past `limit` entries only
// the counts go on, so a client that floods the simulator cannot exhaust its memory.
import { clip } from '../contract/clip.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { Tenant } from './auth.js';
import type { Reply } from './reply.js';

/** How a credential compared with the tenant's: never the value itself. */
export type CredentialSeen = 'right' | 'wrong' | 'missing';

export interface LoggedRequest {
  /** 0-based arrival order, counting the entries past the limit too. */
  seq: number;
  /** Real epoch ms the request arrived and its answer was written. */
  receivedAtMs: number;
  answeredAtMs: number;
  method: string;
  /** Path without the query, e.g. `/v2/jobs/j1`. */
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** Request headers, lower-cased, with `authorization` and other credentials redacted. */
  headers: Record<string, string>;
  key: CredentialSeen;
  organization: CredentialSeen;
  status: number;
  /** Answer headers the judge reads (`retry-after`), lower-cased. */
  answerHeaders: Record<string, string>;
  /** The answer's JSON text, cut at `bodyLimit` characters. */
  answerBody: string;
}

export interface RequestLogOptions {
  /** Entries kept (default 4 000); later requests are counted only. */
  limit?: number;
  /** Characters of each answer body kept (default 65 536). */
  bodyLimit?: number;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie']);

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    flat[name.toLowerCase()] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? '[redacted]' : text.slice(0, 512);
  }
  return flat;
}

function keySeen(headers: IncomingHttpHeaders, tenant: Tenant): CredentialSeen {
  const header = headers.authorization;
  if (!header) return 'missing';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] === tenant.apiKey ? 'right' : 'wrong';
}

function organizationSeen(headers: IncomingHttpHeaders, tenant: Tenant): CredentialSeen {
  const raw = headers['x-organization-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return 'missing';
  return value === tenant.orgId ? 'right' : 'wrong';
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  /** Every request received, kept or not. */
  total = 0;
  private readonly limit: number;
  private readonly bodyLimit: number;

  /** `tenant` is the key and organization the client was given. */
  constructor(
    private readonly tenant: Tenant,
    options: RequestLogOptions = {},
  ) {
    this.limit = options.limit ?? 4_000;
    this.bodyLimit = options.bodyLimit ?? 65_536;
  }

  /** Requests received past the limit, counted but not kept. */
  get dropped(): number {
    return this.total - this.entries.length;
  }

  record(
    request: { method: string; url: string; headers: IncomingHttpHeaders },
    reply: Reply,
    receivedAtMs: number,
    answeredAtMs: number,
  ): void {
    const seq = this.total++;
    if (this.entries.length >= this.limit) return;
    const url = new URL(request.url, 'http://simulator.invalid');
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.headers ?? {})) answerHeaders[name.toLowerCase()] = value;
    const body = JSON.stringify(reply.body) ?? '';
    this.entries.push({
      seq,
      receivedAtMs,
      answeredAtMs,
      method: request.method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      headers: flatHeaders(request.headers),
      key: keySeen(request.headers, this.tenant),
      organization: organizationSeen(request.headers, this.tenant),
      status: reply.status,
      answerHeaders,
      answerBody: clip(body, this.bodyLimit, 'none'),
    });
  }
}
