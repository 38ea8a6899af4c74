// A small HTTP proxy on loopback that forwards everything (the /_sim/ control API included) to an
// upstream server and lets a `Rewrite` change the request, the answer, or both: a target that is the
// simulator except for one deliberate defect. Its forwarding core (`forwarder`, `endToEnd`) is the one the
// hostile target and the bench's request log build on: one list of the headers a hop drops.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Forward = (request: ProxiedRequest) => Promise<ProxiedResponse>;

/** Middleware over the upstream: pass the request on (changed or not) and return what the client gets. */
export type Rewrite = (request: ProxiedRequest, forward: Forward) => Promise<ProxiedResponse>;

export const passThrough: Rewrite = (request, forward) => forward(request);

/** Both defects at once: `outer` sees what `inner` made of the upstream's answer. */
export function chain(outer: Rewrite, inner: Rewrite): Rewrite {
  return (request, forward) => outer(request, (passed) => inner(passed, forward));
}

export interface RewritingProxy {
  baseUrl: string;
  close(): Promise<void>;
}

// Hop-by-hop headers and the framing the proxy recomputes for the body it actually sends.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

/** The headers of `headers` that are not one hop's own or the framing a proxy recomputes. */
export function endToEnd<T>(headers: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** Sends a request on to `upstream` and buffers its answer (end-to-end headers only, 30 s at most). */
export function forwarder(upstream: URL, agent?: Agent): Forward {
  return (request) =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          ...(agent ? { agent } : {}),
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...endToEnd(request.headers), host: upstream.host, 'content-length': String(request.body.length) },
          timeout: 30_000,
        },
        (incoming) => {
          buffer(incoming).then(
            (body) => resolve({ status: incoming.statusCode ?? 502, headers: endToEnd(incoming.headers), body }),
            reject,
          );
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`upstream did not answer ${request.method} ${request.url} in 30 s`)));
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
}

export async function startRewritingProxy(upstreamBaseUrl: string, rewrite: Rewrite): Promise<RewritingProxy> {
  const agent = new Agent({ keepAlive: true });
  const forward = forwarder(new URL(upstreamBaseUrl), agent);
  const server = createServer({ keepAlive: true }, (req, res) => {
    buffer(req)
      .then((body) => rewrite({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, forward))
      .then(
        (answer) => {
          res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
          res.end(answer.body);
        },
        (error: unknown) => {
          // A proxy fault must look like one: 502 with the reason, never a made-up success.
          const body = JSON.stringify({ detail: `rewriting proxy: ${error instanceof Error ? error.message : String(error)}` });
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
