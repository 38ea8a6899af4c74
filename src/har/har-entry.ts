// One exchange as one HAR entry, and back. The writer keeps everything the oracle reads (status,
// headers, the body as the client decoded it, when it arrived, what went wrong with it) so that judging
// the entry gives what judging the exchange gave; the reader takes entries of any exporter (browsers'
// devtools, Playwright, mitmproxy) and says why it cannot, instead of guessing. Pure.
import { RECORDED_BODY_BYTES } from '../contract/limits.js';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Exchange } from '../oracle/exchange.js';
import { redactHeaders, type Redactor } from '../redaction/redact.js';
import type { HarContent, HarEntry, HarNameValue } from './har-format.js';
import { isJsonObject, type JsonObject } from '../model/json.js';

const REASONS: Record<number, string> = {
  0: '',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function pairs(headers: Record<string, string>): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryOf(url: URL): HarNameValue[] {
  return [...url.searchParams].map(([name, value]) => ({ name, value }));
}

function mimeOf(headers: Record<string, string>, fallback: string): string {
  return headers['content-type'] ?? fallback;
}

export interface EntryContext {
  /** The target's base URL: the exchange's URL is relative to it. */
  baseUrl: string;
  test?: string;
  timeline?: string;
  /** A body longer than this (in characters) is kept cut, and the entry says so. */
  maxBodyChars?: number;
  /** Keep no body at all (the recording is over its budget): the reason. */
  omitBody?: string;
}

/** The absolute URL of an exchange made against `baseUrl`. */
export function absoluteUrl(baseUrl: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative)) return relative;
  return baseUrl.replace(/\/+$/, '') + (relative.startsWith('/') ? relative : `/${relative}`);
}

function responseContent(exchange: Exchange, context: EntryContext): { content: HarContent; cut?: string } {
  const mimeType = mimeOf(exchange.headers, exchange.body === '' ? '' : 'application/octet-stream');
  const size = Buffer.byteLength(exchange.body);
  if (context.omitBody !== undefined && size > 0) return { content: { size, mimeType, comment: context.omitBody }, cut: context.omitBody };
  const max = context.maxBodyChars ?? Infinity;
  if (exchange.body.length > max) {
    const cut = `the recording kept the first ${max} of ${exchange.body.length} characters`;
    return { content: { size, mimeType, text: exchange.body.slice(0, max), comment: cut }, cut };
  }
  return { content: { size, mimeType, text: exchange.body } };
}

/** A HAR 1.2 entry for an exchange (already redacted by the client that recorded it). */
export function entryOf(exchange: Exchange, context: EntryContext): HarEntry {
  const url = absoluteUrl(context.baseUrl, exchange.request.url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const received = Date.parse(exchange.receivedAt);
  const duration = Math.max(0, exchange.durationMs ?? 0);
  const started = Number.isFinite(received) ? new Date(received - duration).toISOString() : new Date(0).toISOString();
  const { content, cut } = responseContent(exchange, context);
  const requestBody = exchange.request.body;
  const entry: HarEntry = {
    startedDateTime: started,
    time: duration,
    request: {
      method: exchange.request.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(exchange.request.headers),
      queryString: parsed ? queryOf(parsed) : [],
      ...(requestBody !== undefined
        ? { postData: { mimeType: exchange.request.headers['content-type'] ?? 'text/plain', text: requestBody } }
        : {}),
      headersSize: -1,
      bodySize: requestBody === undefined ? 0 : Buffer.byteLength(requestBody),
    },
    response: {
      status: exchange.status,
      statusText: REASONS[exchange.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(exchange.headers),
      content,
      redirectURL: exchange.headers.location ?? '',
      headersSize: -1,
      bodySize: exchange.status === 0 ? -1 : content.size,
    },
    cache: {},
    timings: { send: 0, wait: duration, receive: 0 },
  };
  if (context.test !== undefined) entry._test = context.test;
  if (context.timeline !== undefined) entry._timeline = context.timeline;
  entry._receivedAt = exchange.receivedAt;
  if (exchange.error !== undefined) entry._error = exchange.error;
  if (exchange.truncated) entry._truncated = true;
  if (exchange.bom) entry._bom = true;
  if (exchange.invalidUtf8) entry._invalidUtf8 = true;
  if (cut !== undefined) entry._bodyCut = cut;
  return entry;
}

// ---- reading ----

/** An entry read back as an exchange, or why it cannot be judged. */
export type ReadEntry =
  | {
      ok: true;
      exchange: Exchange;
      /** The request's absolute URL as recorded. */
      url: string;
      /** When the request started, in ms since the epoch (the order entries are judged in). */
      startedMs: number;
      test?: string;
      timeline?: string;
    }
  | { ok: false; reason: string; url?: string; method?: string; startedMs?: number };

export interface ReadOptions {
  /** Every header value and body is redacted with this at capture, like the client's own records. */
  redact: Redactor;
  /**
   * Leave response bodies as recorded (default: redact them too). For a reader whose every output is
   * redacted whole before it is written (the judge's report): redacting each body of a 200 MB file twice
   * would be most of the judge's time.
   */
  keepBodies?: boolean;
  /** A body stored beside the HAR (Playwright's content `attach`): its bytes, or undefined when missing. */
  attached?: (file: string) => Buffer | undefined;
  /** Bodies bigger than this, decoded, are not judged (default 64 MiB). */
  maxBodyBytes?: number;
}

/** HAR headers as the oracle keeps them: names lower-cased, repeated headers joined with ", ". */
function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(raw)) return out;
  for (const item of raw) {
    if (!isJsonObject(item) || typeof item.name !== 'string') continue;
    const name = item.name.toLowerCase();
    // HTTP/2 pseudo-headers (:status, :path) that some exporters list are not headers of the answer.
    if (name.startsWith(':')) continue;
    const value = typeof item.value === 'string' ? item.value : String(item.value ?? '');
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

const DECOMPRESS: Record<string, (bytes: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  br: brotliDecompressSync,
  deflate: (bytes, options) => {
    try {
      return inflateSync(bytes, options);
    } catch {
      return inflateRawSync(bytes, options); // "deflate" sent without its zlib wrapper, as some servers do
    }
  },
};

/** Whether bytes already read as text (a JSON or text body) rather than compressed data. */
function looksDecoded(bytes: Buffer): boolean {
  if (bytes.length === 0) return true;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return false; // gzip's magic number
  const first = bytes
    .subarray(0, Math.min(bytes.length, 64))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  return /^[{["\-0-9tfn<a-zA-Z]/.test(first);
}

/**
 * The body's bytes, decompressed when the exporter kept them compressed. Exporters store the decoded body
 * (devtools, Playwright, mitmproxy), but a raw capture may keep gzip bytes under `Content-Encoding: gzip`.
 */
function decodedBytes(bytes: Buffer, contentEncoding: string | undefined, max: number): { bytes: Buffer } | { reason: string } {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0 || looksDecoded(bytes)) return { bytes };
  let out = bytes;
  for (const coding of codings.reverse()) {
    const decompress = DECOMPRESS[coding];
    if (!decompress) return { reason: `its body is compressed with ${JSON.stringify(coding)}, which the judge cannot decode` };
    try {
      out = decompress(out, { maxOutputLength: max });
    } catch (error) {
      return { reason: `its body says Content-Encoding ${coding} but does not decompress (${(error as Error).message})` };
    }
  }
  return { bytes: out };
}

/** Bytes as the client reads a body: UTF-8, a byte-order mark kept as U+FEFF, bad bytes as U+FFFD and said. */
function textOf(bytes: Buffer): { text: string; invalidUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true };
  }
}

type Body = { text: string; invalidUtf8: boolean } | { reason: string };

function responseBody(content: JsonObject, headers: Record<string, string>, options: ReadOptions): Body {
  const max = options.maxBodyBytes ?? RECORDED_BODY_BYTES;
  const size = typeof content.size === 'number' ? content.size : -1;
  let bytes: Buffer | undefined;
  if (typeof content.text !== 'string') {
    if (typeof content._file === 'string') {
      bytes = options.attached?.(content._file);
      if (!bytes) return { reason: `its body is stored beside the HAR as ${JSON.stringify(content._file)}, which is not there` };
    } else if (size === 0) return { text: '', invalidUtf8: false };
    else return { reason: 'its body was left out of the recording (export the HAR "with content")' };
  } else if (content.encoding === undefined || content.encoding === null || content.encoding === '') {
    if (Buffer.byteLength(content.text) > max) return { reason: `its body is over ${max} bytes` };
    // Text as the exporter decoded it; a raw compressed body kept as text cannot be recovered.
    return { text: content.text, invalidUtf8: false };
  } else if (String(content.encoding).toLowerCase() === 'base64') {
    bytes = Buffer.from(content.text, 'base64');
  } else {
    return { reason: `its body is in encoding ${JSON.stringify(content.encoding)}, which HAR 1.2 does not define (only base64)` };
  }
  if (bytes.length > max) return { reason: `its body is over ${max} bytes` };
  const decoded = decodedBytes(bytes, headers['content-encoding'], max);
  if ('reason' in decoded) return decoded;
  return textOf(decoded.bytes);
}

/** A HAR entry (any exporter's) as an exchange; never throws. */
export function readEntry(raw: unknown, options: ReadOptions): ReadEntry {
  if (!isJsonObject(raw)) return { ok: false, reason: 'the entry is not a JSON object' };
  const request = isJsonObject(raw.request) ? raw.request : undefined;
  const response = isJsonObject(raw.response) ? raw.response : undefined;
  const method = typeof request?.method === 'string' ? request.method.toUpperCase() : undefined;
  const url = typeof request?.url === 'string' ? request.url : undefined;
  const startedMs = typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : NaN;
  const where = { ...(url ? { url: options.redact(url) } : {}), ...(method ? { method } : {}) };
  if (!request || !method || !url) return { ok: false, reason: 'the entry has no request method and URL', ...where };
  if (!Number.isFinite(startedMs)) return { ok: false, reason: 'the entry has no valid startedDateTime', ...where };
  if (!response || typeof response.status !== 'number')
    return { ok: false, reason: 'the entry has no response status', ...where, startedMs };
  const responseHeaders = headerMap(response.headers);
  const status = response.status;
  const content = isJsonObject(response.content) ? response.content : {};
  const cut = typeof raw._bodyCut === 'string' ? raw._bodyCut : undefined;
  if (cut !== undefined) return { ok: false, reason: `its body was not recorded whole (${cut})`, ...where, startedMs };
  const body: Body = status === 0 ? { text: '', invalidUtf8: false } : responseBody(content, responseHeaders, options);
  if ('reason' in body) return { ok: false, reason: body.reason, ...where, startedMs };
  const time = typeof raw.time === 'number' && Number.isFinite(raw.time) && raw.time >= 0 ? raw.time : 0;
  const receivedAt =
    typeof raw._receivedAt === 'string' && Number.isFinite(Date.parse(raw._receivedAt))
      ? raw._receivedAt
      : new Date(startedMs + Math.round(time)).toISOString();
  const redact = options.redact;
  const requestHeaders = redactHeaders(headerMap(request.headers), redact);
  const postData = isJsonObject(request.postData) && typeof request.postData.text === 'string' ? request.postData.text : undefined;
  const exchange: Exchange = {
    request: { method, url: redact(url), headers: requestHeaders, ...(postData !== undefined ? { body: redact(postData) } : {}) },
    status,
    headers: redactHeaders(responseHeaders, redact),
    body: options.keepBodies ? body.text : redact(body.text),
    receivedAt,
    durationMs: time,
  };
  const error = typeof raw._error === 'string' ? raw._error : typeof response._error === 'string' ? response._error : undefined;
  if (error !== undefined && error !== '') exchange.error = redact(error);
  if (raw._truncated === true) exchange.truncated = true;
  if (raw._bom === true || exchange.body.charCodeAt(0) === 0xfeff) exchange.bom = true;
  if (raw._invalidUtf8 === true || body.invalidUtf8) exchange.invalidUtf8 = true;
  const read: ReadEntry = { ok: true, exchange, url: exchange.request.url, startedMs };
  if (typeof raw._test === 'string') read.test = raw._test;
  if (typeof raw._timeline === 'string') read.timeline = raw._timeline;
  return read;
}
