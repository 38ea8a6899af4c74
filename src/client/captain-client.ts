// A typed client over Node's global fetch for the endpoints around job status. It never throws
// for anything the target does: every answer, and every missing answer (status 0), comes back as
// an Exchange, recorded with its secrets already redacted. It follows no redirect (a 3xx is the
// answer, so neither a request nor the key goes where a target points), and what went wrong with
// an answer's body (cut at the cap, broken off, not UTF-8, a byte-order mark) is said in `error`.
// Only the suite's own limits (a request budget) throw.
import { ANSWER_BODY_BYTES } from '../contract/limits.js';
import { jsonValue } from '../model/json.js';
import type { Exchange } from '../oracle/exchange.js';
import type {
  CancelJobResponse,
  DeleteCollectionResponse,
  GetJobOptions,
  IndexFileOptions,
  IndexJobResponse,
  IndexS3FileRequest,
  IndexTextRequest,
  IndexUrlRequest,
  JobStatusBody,
  PutCollectionResponse,
  QueryRequest,
  QueryResponse,
  QueryRequestV3,
  QueryResponseV3,
  UploadFile,
} from './api-types.js';
import { describeBytes, readCapped, type CappedBody } from './read-body.js';
import { redactHeaders, redactJsonBody, redactor, secretFieldValues, type Redactor } from '../redaction/redact.js';

export interface CaptainClientOptions {
  /** e.g. `https://api.runcaptain.com` or `http://127.0.0.1:4010`; a path prefix is kept. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; never recorded. */
  apiKey?: string;
  /** Sent as `X-Organization-ID`. */
  organizationId?: string;
  /** Per-request timeout covering headers and body, in ms (default 30 000). */
  timeoutMs?: number;
  /** Response bodies are cut at this many bytes, marked `truncated`, with `error: "body exceeds 8 MiB"` (default 8 MiB). */
  maxBodyBytes?: number;
  /** Called with every exchange, redacted, as soon as it completes. */
  onExchange?: (exchange: Exchange) => void;
  /** Clock for `receivedAt` and `durationMs` (default `Date.now`); share the poller's virtual clock in tests. */
  now?: () => number;
  /** Other strings to redact wherever they appear (e.g. storage credentials). */
  secrets?: string[];
  /** Default `fetch` is the global one (which nock 14 intercepts). */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request (a request's own `headers` override them), e.g. one naming the caller for the server's logs. */
  headers?: Record<string, string>;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** A JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** A multipart body, with the text to record in its place. */
  form?: { data: FormData; summary: string };
  /** Extra headers; `null` removes a default one (e.g. `{ authorization: null }` to test a missing key). */
  headers?: Record<string, string | null>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** One call's outcome: the exchange (always) and its body parsed as JSON (when it parses). */
export interface ApiResponse<T = unknown> {
  exchange: Exchange;
  /** The parsed body, typed as the endpoint promises but not validated; undefined when not JSON. */
  json: T | undefined;
  /** A 2xx arrived. */
  ok: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function segment(value: string): string {
  return encodeURIComponent(value);
}

// Socket errors in plain words; the code stays beside them for whoever searches for it.
const PLAIN_CAUSES: Record<string, string> = {
  ECONNRESET: 'connection reset by the target',
  ECONNREFUSED: 'connection refused',
  UND_ERR_SOCKET: 'connection closed by the target',
  EPIPE: 'connection closed by the target',
  ENOTFOUND: 'host not found',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
};

function describeFailure(error: unknown, timeoutMs: number, callerSignal: AbortSignal | undefined): string {
  if (callerSignal?.aborted) return 'aborted by the caller';
  const err = error as { name?: string; code?: string; message?: string; cause?: { name?: string; code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  // undici wraps the socket error as `cause` of "fetch failed" (or "terminated" mid-body); other fetches throw it directly.
  const cause = err?.cause && (err.cause.code || err.cause.message) ? err.cause : err;
  const code = cause?.code ?? (cause === err ? err?.name : undefined);
  const plain = code ? PLAIN_CAUSES[code] : undefined;
  const detail = [code, cause?.message].filter(Boolean).join(': ');
  return (plain ? `${plain} (${detail})` : detail) || String(error);
}

/** What went wrong with an answer that arrived, in plain words, for `Exchange.error`; undefined when nothing did. */
function answerProblems(
  status: number,
  headers: Record<string, string>,
  read: CappedBody,
  maxBytes: number,
  failure: string | undefined,
): string | undefined {
  const problems: string[] = [];
  if (status >= 300 && status <= 399) {
    const location = headers.location;
    problems.push(`HTTP ${status} redirect ${location ? `to ${location}` : 'without a Location'} not followed`);
  }
  if (failure !== undefined) problems.push(`body broke off after ${read.bytes} bytes: ${failure}`);
  if (read.truncated) problems.push(`body exceeds ${describeBytes(maxBytes)}`);
  if (read.invalidUtf8) problems.push('body is not valid UTF-8');
  if (read.bom) problems.push('body starts with a byte-order mark');
  return problems.length ? problems.join('; ') : undefined;
}

export class CaptainClient {
  readonly baseUrl: string;
  /** The redactor every recorded text goes through; use it for your own log lines too. */
  readonly redact: Redactor;
  private readonly options: CaptainClientOptions;
  private readonly now: () => number;

  constructor(options: CaptainClientOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.redact = redactor([options.apiKey, ...(options.secrets ?? [])]);
    this.now = options.now ?? Date.now;
  }

  /** `GET /v2/jobs/{job_id}`, optionally one page of files. */
  getJob(jobId: string, options: GetJobOptions & { signal?: AbortSignal } = {}): Promise<ApiResponse<JobStatusBody>> {
    return this.request('GET', `/v2/jobs/${segment(jobId)}`, {
      query: { files_limit: options.filesLimit, files_cursor: options.filesCursor },
      signal: options.signal,
    });
  }

  /** `POST /v2/jobs/{job_id}/cancel`: idempotent, 200 with the current state on a finished job. */
  cancelJob(jobId: string, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<CancelJobResponse>> {
    return this.request('POST', `/v2/jobs/${segment(jobId)}/cancel`, { signal: options.signal });
  }

  /** `DELETE /v2/jobs/{job_id}`: cancel and delete (what the vendor's MCP client calls to cancel). */
  deleteJob(jobId: string, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<CancelJobResponse>> {
    return this.request('DELETE', `/v2/jobs/${segment(jobId)}`, { signal: options.signal });
  }

  /** `POST /v2/collections/{c}/index/text`. */
  indexText(collection: string, body: IndexTextRequest, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<IndexJobResponse>> {
    return this.request('POST', `/v2/collections/${segment(collection)}/index/text`, { json: body, signal: options.signal });
  }

  /** `POST /v2/collections/{c}/index/url`. */
  indexUrl(collection: string, body: IndexUrlRequest, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<IndexJobResponse>> {
    return this.request('POST', `/v2/collections/${segment(collection)}/index/url`, { json: body, signal: options.signal });
  }

  /** `POST /v2/collections/{c}/index/file` (multipart, field `files`); the recorded body lists the parts, not their bytes. */
  indexFile(
    collection: string,
    files: UploadFile[],
    fields: IndexFileOptions = {},
    options: { signal?: AbortSignal } = {},
  ): Promise<ApiResponse<IndexJobResponse>> {
    const data = new FormData();
    const summary: string[] = [];
    for (const file of files) {
      const blob = file.content instanceof Blob ? file.content : new Blob([file.content], file.type ? { type: file.type } : {});
      data.append('files', blob, file.name);
      summary.push(`files=${file.name} (${blob.size} bytes${file.type ? `, ${file.type}` : ''})`);
    }
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      // custom_metadata travels as a JSON string in the multipart form.
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      data.append(name, text);
      summary.push(`${name}=${text}`);
    }
    return this.request('POST', `/v2/collections/${segment(collection)}/index/file`, {
      form: { data, summary: summary.join('; ') },
      signal: options.signal,
    });
  }

  /** `POST /v2/collections/{c}/index/s3/file`; storage credentials are redacted in the record. */
  indexS3File(
    collection: string,
    body: IndexS3FileRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<ApiResponse<IndexJobResponse>> {
    return this.request('POST', `/v2/collections/${segment(collection)}/index/s3/file`, { json: body, signal: options.signal });
  }

  /** `PUT /v2/collections/{c}`: idempotent (201 created, 200 exists). */
  putCollection(
    collection: string,
    body: { description?: string } = {},
    options: { signal?: AbortSignal } = {},
  ): Promise<ApiResponse<PutCollectionResponse>> {
    return this.request('PUT', `/v2/collections/${segment(collection)}`, { json: body, signal: options.signal });
  }

  /** `DELETE /v2/collections/{c}`. */
  deleteCollection(collection: string, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<DeleteCollectionResponse>> {
    return this.request('DELETE', `/v2/collections/${segment(collection)}`, { signal: options.signal });
  }

  /** `POST /v3/collections/{c}/query`: the query the vendor tells new applications to use; the media fallback asks it first. */
  queryV3(collection: string, body: QueryRequestV3, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<QueryResponseV3>> {
    return this.request('POST', `/v3/collections/${segment(collection)}/query`, { json: body, signal: options.signal });
  }

  /** `POST /v2/collections/{c}/query` (legacy): the media fallback where v3 is not served or v2 is pinned. */
  query(collection: string, body: QueryRequest, options: { signal?: AbortSignal } = {}): Promise<ApiResponse<QueryResponse>> {
    return this.request('POST', `/v2/collections/${segment(collection)}/query`, { json: body, signal: options.signal });
  }

  /** Any request against the target, recorded like the others (for conformance tests of odd inputs). */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    // Credentials sent in this body (e.g. an S3 secret) stay hidden even if the server echoes them.
    const sent = options.json !== undefined ? secretFieldValues(options.json) : [];
    const redact = sent.length ? redactor([this.options.apiKey, ...(this.options.secrets ?? []), ...sent]) : this.redact;
    const relative = path + this.queryString(options.query);
    const headers = this.headers(options);
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    let body: string | FormData | undefined;
    let recordedBody: string | undefined;
    if (options.form) {
      body = options.form.data;
      recordedBody = redact(options.form.summary);
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      recordedBody = redactJsonBody(options.json, redact);
    }
    const recordedHeaders = redactHeaders(options.form ? { ...headers, 'content-type': 'multipart/form-data' } : headers, redact);
    const request = {
      method,
      url: redact(relative),
      headers: recordedHeaders,
      ...(recordedBody !== undefined ? { body: recordedBody } : {}),
    };
    const started = this.now();
    const fetchImpl = this.options.fetch ?? globalThis.fetch;

    let response: Response;
    try {
      // `manual`: a 3xx is the answer; following it could carry the key to another origin.
      response = await fetchImpl(this.baseUrl + relative, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      // The suite's own limits (a request budget) are not an answer of the target: they end the caller's work.
      if ((error as { suiteTrouble?: unknown })?.suiteTrouble === true) throw error;
      return this.finish<T>({
        request,
        status: 0,
        headers: {},
        body: '',
        receivedAt: new Date(this.now()).toISOString(),
        durationMs: this.now() - started,
        error: redact(describeFailure(error, timeoutMs, options.signal)),
      });
    }

    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    const exchange: Exchange = {
      request,
      status: response.status,
      headers: redactHeaders(responseHeaders, redact),
      body: '',
      receivedAt: '',
    };
    // The same signal covers the body: headers then silence, or an endless trickle, ends at the timeout.
    const maxBytes = this.options.maxBodyBytes ?? ANSWER_BODY_BYTES;
    const read = await readCapped(response, maxBytes);
    exchange.body = redact(read.text);
    // Headers arrived but not the whole body: the status is kept, with what arrived and why it stopped.
    if (read.truncated || read.failure !== undefined) exchange.truncated = true;
    const failure = read.failure !== undefined ? describeFailure(read.failure, timeoutMs, options.signal) : undefined;
    const problems = answerProblems(response.status, exchange.headers, read, maxBytes, failure);
    if (problems !== undefined) exchange.error = redact(problems);
    if (read.bom) exchange.bom = true;
    if (read.invalidUtf8) exchange.invalidUtf8 = true;
    exchange.receivedAt = new Date(this.now()).toISOString();
    exchange.durationMs = this.now() - started;
    return this.finish<T>(exchange);
  }

  private finish<T>(exchange: Exchange): ApiResponse<T> {
    this.options.onExchange?.(exchange);
    let json: T | undefined;
    if (exchange.body !== '' && !exchange.truncated) {
      // Lenient as fetch's own .json(): a byte-order mark is named in `error`, not fatal here.
      json = jsonValue(exchange.body) as T | undefined;
    }
    return { exchange, json, ok: exchange.status >= 200 && exchange.status <= 299 };
  }

  private headers(options: RequestOptions): Record<string, string> {
    const headers: Record<string, string | null> = { accept: 'application/json' };
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;
    if (this.options.organizationId !== undefined) headers['x-organization-id'] = this.options.organizationId;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(this.options.headers ?? {})) headers[name.toLowerCase()] = value;
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) if (value !== null) out[name] = value;
    return out;
  }

  private queryString(query: Record<string, QueryValue> | undefined): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      params.append(name, String(value));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  }
}
