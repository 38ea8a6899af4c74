// The requests a conformance run makes, logged by a pass-through proxy in front of the simulator
// (the simulator and the client offer no exchange hook across processes), and a loopback server that
// answers them again from the log: the floor, what the same exchanges cost with no server work and no waiting.
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endToEnd, startRewritingProxy, type RewritingProxy } from '../tools/rewriting-proxy.js';

export interface LoggedExchange {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  responseHeaders: Record<string, string | string[] | undefined>;
  responseBody: Buffer;
  /** performance.now() when the proxy received the request and when it had the answer. */
  receivedAt: number;
  answeredAt: number;
}

export async function startLoggingProxy(upstreamBaseUrl: string, log: LoggedExchange[]): Promise<RewritingProxy> {
  return startRewritingProxy(upstreamBaseUrl, async (req, forward) => {
    const receivedAt = performance.now();
    const answer = await forward(req);
    log.push({
      ...req,
      status: answer.status,
      responseHeaders: answer.headers,
      responseBody: answer.body,
      receivedAt,
      answeredAt: performance.now(),
    });
    return answer;
  });
}

export interface Replayer {
  /** Sends every logged request, `connections` at a time over keep-alive sockets; resolves with the ms it took. */
  replay(connections: number): Promise<number>;
  close(): Promise<void>;
}

/** A loopback server answering the i-th logged request with the i-th logged answer, and a client that replays them. */
export async function startReplayer(log: readonly LoggedExchange[]): Promise<Replayer> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const logged = log[Number(req.headers['x-replay-index'])]!;
      res.writeHead(logged.status, { ...endToEnd(logged.responseHeaders), 'content-length': String(logged.responseBody.length) });
      res.end(logged.responseBody);
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve()));
  const { port } = server.address() as AddressInfo;
  const send = (agent: Agent, index: number) =>
    new Promise<void>((resolve, reject) => {
      const logged = log[index]!;
      const headers = { ...endToEnd(logged.headers), 'x-replay-index': String(index), 'content-length': String(logged.body.length) };
      const req = request({ agent, host: '127.0.0.1', port, method: logged.method, path: logged.url, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(logged.body);
    });
  return {
    async replay(connections) {
      const agent = new Agent({ keepAlive: true, maxSockets: connections });
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next < log.length) await send(agent, next++);
        }),
      );
      const ms = performance.now() - started;
      agent.destroy();
      return ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
