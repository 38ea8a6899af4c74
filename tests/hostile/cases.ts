// The hostile answers, one per case: what a broken or hostile target sends in place of a job-status
// answer. Each writes straight to the socket's response, so framing, encoding and timing are the
// target's to break, not a library's to tidy up.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HOSTILE_CASES = [
  'not-json',
  'html-502',
  'truncated-json',
  'empty-200',
  'body-10mb',
  'nested-1000',
  'wrong-content-type',
  'bom',
  'invalid-utf8',
  'duplicate-keys',
  'status-null',
  'numbers-as-strings',
  'login-page',
  'redirect-loop',
  'redirect-other-host',
  'slow-loris',
  'reset-mid-body',
  'endless-stream',
] as const;

export type HostileCase = (typeof HOSTILE_CASES)[number];

export interface CaseContext {
  request: IncomingMessage;
  /** The honest answer (upstream's, or a canned snapshot), as JSON text: most cases corrupt it. */
  honest: string;
  /** Base URL of another origin (a second listener), for the cross-host redirect. */
  otherOrigin: string;
}

type Answer = (res: ServerResponse, ctx: CaseContext) => void;

const JSON_TYPE = 'application/json';

function send(res: ServerResponse, status: number, type: string | undefined, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...(type ? { 'content-type': type } : {}), 'content-length': String(bytes.length) });
  res.end(bytes);
}

/** The honest body changed; an honest body that is no JSON object (an empty 204, any answer of every endpoint) becomes `{}` first. */
function edit(honest: string, change: (body: Record<string, unknown>) => void): string {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(honest);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the case is served on an empty object
  }
  change(body);
  return JSON.stringify(body);
}

/** Writes `chunk` again and again, as fast as the client drains it, until the client goes away. */
function endless(res: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

const TEN_MB = 10 * 1000 * 1000;

export const ANSWERS: Record<HostileCase, Answer> = {
  'not-json': (res) => send(res, 200, JSON_TYPE, 'Internal error: upstream request timed out, please retry'),
  'html-502': (res) =>
    send(
      res,
      502,
      'text/html',
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    ),
  'truncated-json': (res, { honest }) => send(res, 200, JSON_TYPE, honest.slice(0, Math.floor(honest.length / 2))),
  'empty-200': (res) => send(res, 200, JSON_TYPE, ''),
  'body-10mb': (res, { honest }) => send(res, 200, JSON_TYPE, `${honest.slice(0, -1)},"padding":"${'x'.repeat(TEN_MB)}"}`),
  'nested-1000': (res) => send(res, 200, JSON_TYPE, `${'{"deeper":'.repeat(1000)}{}${'}'.repeat(1000)}`),
  'wrong-content-type': (res, { honest }) => send(res, 200, 'text/plain; charset=utf-8', honest),
  bom: (res, { honest }) => send(res, 200, JSON_TYPE, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(honest)])),
  'invalid-utf8': (res, { honest }) => {
    // Latin-1 bytes inside a string value: the JSON is well formed, its encoding is not.
    const [head, tail] = [honest.slice(0, 1), honest.slice(1)];
    send(
      res,
      200,
      JSON_TYPE,
      Buffer.concat([Buffer.from(`${head}"note":"caf`), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(`",${tail}`)]),
    );
  },
  'duplicate-keys': (res, { honest }) => send(res, 200, JSON_TYPE, `${honest.slice(0, -1)},"status":"completed","status":"failed"}`),
  'status-null': (res, { honest }) =>
    send(
      res,
      200,
      JSON_TYPE,
      edit(honest, (b) => (b.status = null)),
    ),
  'numbers-as-strings': (res, { honest }) =>
    send(
      res,
      200,
      JSON_TYPE,
      edit(honest, (b) => {
        b.estimated_time_remaining_seconds = '42';
        const progress = b.progress as Record<string, unknown> | null;
        if (progress && typeof progress === 'object')
          for (const key of Object.keys(progress)) if (typeof progress[key] === 'number') progress[key] = String(progress[key]);
        b.files_total = '3';
      }),
    ),
  'login-page': (res, { request }) =>
    // A careless SSO page that echoes the caller's Authorization header: only redaction keeps it out of the report.
    send(
      res,
      200,
      'text/html; charset=utf-8',
      `<!doctype html><html><head><title>Sign in</title></head><body><form action="/login" method="post"><h1>Please sign in</h1>` +
        `<input name="user"><input name="password" type="password"><!-- session: ${String(request.headers.authorization)} --></form></body></html>`,
    ),
  'redirect-loop': (res, { request }) => {
    res.writeHead(302, { location: request.url ?? '/', 'content-length': '0' });
    res.end();
  },
  'redirect-other-host': (res, { request, otherOrigin }) => {
    res.writeHead(307, { location: `${otherOrigin}${request.url ?? '/'}`, 'content-length': '0' });
    res.end();
  },
  'slow-loris': (res) => {
    // Headers, then nothing: only the client's timeout ends this.
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': '4096' });
    res.flushHeaders();
  },
  'reset-mid-body': (res, { honest }) => {
    const body = Buffer.from(honest);
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(body.length) });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.resetAndDestroy());
  },
  'endless-stream': (res) => {
    res.writeHead(200, { 'content-type': JSON_TYPE });
    res.write('{"job_id":"endless","padding":"');
    endless(res, Buffer.alloc(64 * 1024, 'z'));
  },
};

/** How many of a job's first polls get the case; later polls get the honest answer, so the job can end. */
export const CORRUPTED_POLLS: Partial<Record<HostileCase, number>> & { default: number } = { default: 3, 'slow-loris': 1 };
