// A reverse proxy's forwarding, and nothing else: every request goes to the target as it came (method, path,
// headers but the hop-by-hop ones, body streamed), every answer comes back as it came (status, reason, raw
// headers, body streamed, never buffered), and a tap sees the bytes go by. Kept apart from what is done with
// them (src/proxy/recording.ts), so the forwarding can move onto a shared proxy core without touching that.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

/** What a tap is told of one exchange, as its bytes pass. */
export interface ExchangeTap {
  requestData(chunk: Buffer): void;
  /** The target's answer began: status, reason and headers as received. */
  response(status: number, statusMessage: string, rawHeaders: readonly string[]): void;
  responseData(chunk: Buffer): void;
  /** The answer ended (whole, or broken off with `error`), or none came (`status` never called). */
  end(error?: Error): void;
}

export type Tap = (request: { method: string; url: string; rawHeaders: readonly string[] }) => ExchangeTap;

export interface ForwardingProxy {
  baseUrl: string;
  close(): Promise<void>;
}

// Headers of one hop only (RFC 9110 section 7.6.1); content-length and transfer-encoding stay as sent.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer', 'proxy-authenticate']);

/** Raw headers [name, value, ...] without the hop-by-hop ones (and those the Connection header names). */
function endToEnd(raw: readonly string[], replaceHost?: string): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.toLowerCase() === 'connection') for (const n of raw[i + 1]!.split(',')) named.add(n.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    out.push(raw[i]!, name === 'host' && replaceHost ? replaceHost : raw[i + 1]!);
  }
  return out;
}

function failed(res: ServerResponse, error: Error): void {
  // The target could not be reached: a proxy's 502 that says so, never a made-up answer of the target.
  if (!res.headersSent) {
    const body = JSON.stringify({ detail: `recording proxy: the target did not answer (${error.message})` });
    res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } else res.destroy(error);
}

/** Starts a proxy on `host:port` (default 127.0.0.1, an ephemeral port) in front of `target`. */
export async function startForwardingProxy(options: { target: string; port?: number; host?: string; tap: Tap }): Promise<ForwardingProxy> {
  const target = new URL(options.target);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  const prefix = target.pathname.replace(/\/+$/, '');
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const tap = options.tap({ method: req.method ?? 'GET', url, rawHeaders: req.rawHeaders });
    let ended = false;
    const end = (error?: Error) => {
      if (ended) return;
      ended = true;
      tap.end(error);
    };
    const outgoing = (secure ? httpsRequest : httpRequest)(
      {
        agent,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: prefix + url,
        headers: endToEnd(req.rawHeaders, target.host),
      },
      (incoming) => {
        const status = incoming.statusCode ?? 502;
        tap.response(status, incoming.statusMessage ?? '', incoming.rawHeaders);
        res.writeHead(status, incoming.statusMessage ?? '', endToEnd(incoming.rawHeaders));
        res.flushHeaders();
        incoming.on('data', (chunk: Buffer) => {
          tap.responseData(chunk);
          res.write(chunk);
        });
        incoming.on('end', () => {
          res.end();
          end();
        });
        incoming.on('error', (error) => {
          res.destroy(error);
          end(error);
        });
        incoming.on('aborted', () => end(new Error('the target broke the answer off')));
      },
    );
    outgoing.on('error', (error) => {
      failed(res, error);
      end(error);
    });
    req.on('data', (chunk: Buffer) => {
      tap.requestData(chunk);
      outgoing.write(chunk);
    });
    req.on('end', () => outgoing.end());
    req.on('error', (error) => outgoing.destroy(error));
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy(new Error('the client went away'));
    });
  };
  const server = createServer({ keepAlive: true }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
