// What the recording proxy keeps of each exchange that passes: an Exchange as the suite's client records
// one (names lower-cased, credentials redacted at capture, the body read as UTF-8 with a byte-order mark and
// bad bytes said), written at once as a HAR entry, so memory holds only the exchanges in flight, each body
// cut at a limit (and said so). Bodies sent compressed are kept decoded, as a client reads them.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Exchange } from '../oracle/exchange.js';
import { entryOf } from '../har/har-entry.js';
import type { HarWriter } from '../har/har-file.js';
import { redactHeaders, type Redactor } from '../redaction/redact.js';
import type { ExchangeTap, Tap } from './forward.js';

export interface RecordingOptions {
  /** The target's base URL: entries name their absolute URL on it. */
  target: string;
  writer: HarWriter;
  redact: Redactor;
  /** A body is kept up to this many bytes (default 1 MiB); the rest passes but is not kept. */
  maxBodyBytes?: number;
  now?: () => number;
}

function headerMap(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    out[name] = out[name] === undefined ? raw[i + 1]! : `${out[name]}, ${raw[i + 1]!}`;
  }
  return out;
}

class Kept {
  private readonly parts: Buffer[] = [];
  size = 0;
  cut = false;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    const room = this.limit - this.kept();
    if (room <= 0) this.cut = this.cut || chunk.length > 0;
    else if (chunk.length > room) {
      this.parts.push(Buffer.from(chunk.subarray(0, room)));
      this.cut = true;
    } else this.parts.push(Buffer.from(chunk));
    this.size += chunk.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
  private kept(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }
}

const DECODE: Record<string, (bytes: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** The body as the client would read it: decompressed, then UTF-8 with the byte-order mark kept and bad bytes flagged. */
function bodyText(bytes: Buffer, encoding: string | undefined, limit: number): { text: string; invalidUtf8: boolean; problem?: string } {
  let decoded = bytes;
  const coding = encoding?.trim().toLowerCase();
  if (coding && coding !== 'identity') {
    const decode = DECODE[coding];
    try {
      if (!decode) throw new Error(`unknown content-encoding ${coding}`);
      decoded = decode(bytes, { maxOutputLength: limit });
    } catch (error) {
      return { text: '', invalidUtf8: false, problem: `the body could not be decoded (${(error as Error).message})` };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(decoded), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(decoded), invalidUtf8: true };
  }
}

/** A tap that records every exchange into `writer`; `recorded()` counts them. */
export function recordingTap(options: RecordingOptions): { tap: Tap; recorded: () => number; inFlight: () => number } {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  let recorded = 0;
  let inFlight = 0;
  const tap: Tap = (request) => {
    inFlight += 1;
    const started = now();
    const sent = new Kept(limit);
    const received = new Kept(limit);
    let status = 0;
    let headers: Record<string, string> = {};
    const exchangeTap: ExchangeTap = {
      requestData: (chunk) => sent.add(chunk),
      response: (code, _message, raw) => {
        status = code;
        headers = headerMap(raw);
      },
      responseData: (chunk) => received.add(chunk),
      end: (error) => {
        inFlight -= 1;
        const redact = options.redact;
        const requestHeaders = headerMap(request.rawHeaders);
        const requestBody = sent.size > 0 ? redact(bodyText(sent.bytes(), requestHeaders['content-encoding'], limit).text) : undefined;
        const body = bodyText(received.bytes(), headers['content-encoding'], limit);
        const exchange: Exchange = {
          request: {
            method: request.method,
            url: redact(request.url),
            headers: redactHeaders(requestHeaders, redact),
            ...(requestBody !== undefined ? { body: requestBody } : {}),
          },
          status,
          headers: redactHeaders(headers, redact),
          body: redact(body.text),
          receivedAt: new Date(now()).toISOString(),
          durationMs: now() - started,
        };
        const problems: string[] = [];
        if (error)
          problems.push(status === 0 ? `no answer: ${error.message}` : `body broke off after ${received.size} bytes: ${error.message}`);
        if (body.problem) problems.push(body.problem);
        if (problems.length > 0) exchange.error = redact(problems.join('; '));
        if (error && status !== 0) exchange.truncated = true;
        if (body.invalidUtf8) exchange.invalidUtf8 = true;
        if (exchange.body.charCodeAt(0) === 0xfeff) exchange.bom = true;
        const entry = entryOf(exchange, {
          baseUrl: options.target,
          ...(options.writer.overBudget
            ? { omitBody: `the recording is over its ${options.writer.maxBytes}-byte budget: this body was left out` }
            : {}),
        });
        if (received.cut) entry._bodyCut = `the recording kept the first ${limit} of ${received.size} bytes of this body`;
        options.writer.add(entry);
        recorded += 1;
      },
    };
    return exchangeTap;
  };
  return { tap, recorded: () => recorded, inFlight: () => inFlight };
}
