// One HTTP request and what came back, as plain data: the client records it (secrets already
// redacted), the oracle judges it. No HTTP library type crosses this line.

export interface ExchangeRequest {
  method: string;
  /** Path and query relative to the target's base URL, e.g. `/v2/jobs/j1?files_limit=7`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Exchange {
  request: ExchangeRequest;
  /** HTTP status; 0 when no response arrived (network error or timeout, see `error`). */
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  /** Raw response text, possibly cut at the client's body cap (then `truncated` is true). */
  body: string;
  truncated?: boolean;
  /** ISO 8601 instant the response was received, on the client's clock. */
  receivedAt: string;
  durationMs?: number;
  /**
   * Why no response arrived (status 0), e.g. `timeout after 5000 ms`; or, for an answer that did arrive,
   * what went wrong with it in plain words: a redirect not followed, a body cut at the cap or broken off.
   */
  error?: string;
  /** The body started with a UTF-8 byte-order mark (kept in `body` as U+FEFF). */
  bom?: boolean;
  /** Some bytes of the body were not UTF-8 (replaced by U+FFFD in `body`). */
  invalidUtf8?: boolean;
}

/** A synthetic exchange for a body, as generators and unit tests build them. */
export function exchangeOf(
  body: unknown,
  options: { status?: number; url?: string; method?: string; receivedAt?: string; headers?: Record<string, string> } = {},
): Exchange {
  return {
    request: { method: options.method ?? 'GET', url: options.url ?? '/v2/jobs/unknown', headers: {} },
    status: options.status ?? 200,
    headers: options.headers ?? { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    receivedAt: options.receivedAt ?? '1970-01-01T00:00:00.000Z',
  };
}
