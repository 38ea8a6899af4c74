// The peer judge of the faults bench: Stoplight Prism's validation proxy (`prism proxy spec/openapi.yaml
// <upstream> --errors=false`), fed the answers a run's target gave. Its upstream is a replay server that
// answers each request with the recorded answer it names, so Prism sees exactly the bytes the suite saw,
// in the order they came, without a second run of the target. Prism lists what it found wrong in the
// `sl-violations` header of its answer (and its log); only violations of the response count here.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { endToEnd, type ProxiedRequest, type ProxiedResponse } from '../tools/rewriting-proxy.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPLAY_HEADER = 'x-faults-replay';

export interface PrismViolation {
  location: string[];
  code: string;
  message: string;
  severity: string;
}

export interface PrismJudge {
  version: string;
  /** The response-side violations Prism reports on each answer, in the order given. */
  judge(exchanges: ReadonlyArray<{ request: ProxiedRequest; response: ProxiedResponse }>): Promise<PrismViolation[][]>;
  close(): Promise<void>;
}

/** Why Prism could not judge: it did not start, or did not read the spec (its own words). */
export class PrismUnavailable extends Error {}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startReplay(answers: Map<string, ProxiedResponse>): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    void buffer(req).then(() => {
      const answer = answers.get(String(req.headers[REPLAY_HEADER]));
      if (!answer) {
        res.writeHead(599).end();
        return;
      }
      res.writeHead(answer.status, { ...endToEnd(answer.headers), 'content-length': String(answer.body.length) });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Starts Prism on a free loopback port; waits until it listens, or throws PrismUnavailable with its output. */
async function startPrism(upstream: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const bin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const port = await freePort();
  const args = [bin, 'proxy', 'spec/openapi.yaml', upstream, '--errors=false', '-h', '127.0.0.1', '-p', String(port), '-v', 'error'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new PrismUnavailable(`prism exited ${child.exitCode}: ${output.slice(-2000)}`);
    const up = await fetch(`${baseUrl}/_faults/ready`).then(
      () => true,
      () => false,
    );
    if (up) return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new PrismUnavailable(`prism did not listen within 60 s: ${output.slice(-2000)}`);
}

function send(baseUrl: URL, agent: Agent, request: ProxiedRequest, key: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: request.method,
        path: request.url,
        headers: { ...endToEnd(request.headers), [REPLAY_HEADER]: key, 'content-length': String(request.body.length) },
        timeout: 30_000,
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => {
          const header = incoming.headers['sl-violations'];
          resolve(Array.isArray(header) ? header[0] : header);
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`prism did not answer ${request.method} ${request.url} in 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function responseViolations(header: string | undefined): PrismViolation[] {
  if (!header) return [];
  const all = JSON.parse(header) as PrismViolation[];
  return all.filter((v) => v.location?.[0] === 'response');
}

export async function startPrismJudge(): Promise<PrismJudge> {
  const answers = new Map<string, ProxiedResponse>();
  const replay = await startReplay(answers);
  let prism: { child: ChildProcess; baseUrl: string };
  try {
    prism = await startPrism(replay.baseUrl);
  } catch (error) {
    replay.server.close();
    throw error;
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const version = (createRequire(import.meta.url)('@stoplight/prism-cli/package.json') as { version: string }).version;
  let batch = 0;
  return {
    version,
    async judge(exchanges) {
      const prefix = `${batch++}:`;
      exchanges.forEach((e, i) => answers.set(prefix + i, e.response));
      const found: PrismViolation[][] = new Array(exchanges.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < exchanges.length; i = next++)
          found[i] = responseViolations(await send(new URL(prism.baseUrl), agent, exchanges[i]!.request, prefix + i));
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      for (let i = 0; i < exchanges.length; i++) answers.delete(prefix + i);
      return found;
    },
    async close() {
      agent.destroy();
      prism.child.kill('SIGKILL');
      await new Promise<void>((resolve) => {
        replay.server.close(() => resolve());
        replay.server.closeAllConnections();
      });
    },
  };
}
