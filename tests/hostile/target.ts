// A hostile target: a loopback server in front of the simulator (or on its own, with a canned
// snapshot) that answers the job-status endpoint with one broken answer per case, and passes every
// other request through untouched. Jobs are dealt out to the cases in the order they are first
// polled, so one conformance run covers every case. A second listener, another origin, records
// whatever reaches it: a redirect followed there, and the key sent with it, would show.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { forwarder, type ProxiedResponse } from '../../tools/rewriting-proxy.js';
import { ANSWERS, CORRUPTED_POLLS, HOSTILE_CASES, type HostileCase } from './cases.js';

export { HOSTILE_CASES, type HostileCase } from './cases.js';

/**
 * Every status answer of every job broken, for as long as the job is polled: each stage's case on its
 * `polls` polls of the job (the last stage on every poll after), never an honest answer.
 */
export type EveryStatusSchedule = ReadonlyArray<{ case: HostileCase; polls?: number }>;

export interface HostileTargetOptions {
  /** The simulator (or any target) to pass everything else to; without it, status polls get `canned`. */
  upstream?: string;
  /** The cases to deal out to jobs in turn (default all), each on a job's first few polls (CORRUPTED_POLLS). */
  cases?: readonly HostileCase[];
  /** One case for every 200 status poll. */
  every?: HostileCase;
  /** Every status answer of every job broken, stage after stage (see EveryStatusSchedule). */
  everyStatus?: EveryStatusSchedule;
  /**
   * Every answer of every endpoint of the API broken (status polls, collections, uploads, cancels, queries), the
   * cases in turn; the simulator's control API (`/_sim/`) is not the API and passes through.
   */
  everyAnswer?: readonly HostileCase[];
  /** The honest job-status body when there is no upstream. */
  canned?: (jobId: string) => unknown;
}

export interface OtherOrigin {
  baseUrl: string;
  /** Every request that reached the other origin, with the Authorization header it carried. */
  requests: Array<{ method: string; url: string; authorization: string | undefined }>;
}

export interface HostileTarget {
  baseUrl: string;
  other: OtherOrigin;
  /** Job id -> its case. */
  jobs: Map<string, HostileCase>;
  /** Case -> how many broken answers it has sent. */
  served: Map<HostileCase, number>;
  /** Every request it answered, broken or not. */
  answered(): number;
  close(): Promise<void>;
}

const JOB_STATUS = /^\/v2\/jobs\/([^/?]+)(?:\?.*)?$/;
const INDEX = /^\/v2\/collections\/[^/?]+\/index\//;

/**
 * Cases the poller stops on at once (a 3xx is not retried). They go to jobs a test created alone
 * through an index endpoint: a test that waits for many jobs together (the generated batches) loses
 * its siblings' evidence when one of them stops it, and the cases dealt to those would go unreported.
 */
const STOPPING: readonly HostileCase[] = ['redirect-loop', 'redirect-other-host'];

/** The simulator's answer to a request passed through, by the one forwarding core (tools/rewriting-proxy.ts). */
function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<ProxiedResponse> {
  return forwarder(upstream)({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
}

async function listen(server: Server, sockets: Set<Socket>): Promise<string> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startHostileTarget(options: HostileTargetOptions = {}): Promise<HostileTarget> {
  const cases = options.cases ?? HOSTILE_CASES;
  const upstream = options.upstream ? new URL(options.upstream) : undefined;
  const jobs = new Map<string, HostileCase>();
  const served = new Map<HostileCase, number>();
  const polls = new Map<string, number>();
  const sockets = new Set<Socket>();

  const otherRequests: OtherOrigin['requests'] = [];
  const otherServer = createServer((req, res) => {
    otherRequests.push({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detail: 'you followed a redirect to another origin' }));
  });
  const otherBaseUrl = await listen(otherServer, sockets);

  const indexed = new Set<string>();
  const stopping = cases.filter((c) => STOPPING.includes(c));
  const others = cases.filter((c) => !STOPPING.includes(c));
  let dealt = 0;
  const scheduled = (jobId: string, schedule: EveryStatusSchedule): HostileCase => {
    const seen = (polls.get(jobId) ?? 0) + 1;
    polls.set(jobId, seen);
    jobs.set(jobId, jobs.get(jobId) ?? schedule[0]!.case);
    let until = 0;
    for (const stage of schedule) {
      until += stage.polls ?? Infinity;
      if (seen <= until) return stage.case;
    }
    return schedule[schedule.length - 1]!.case;
  };
  const caseOf = (jobId: string): HostileCase | undefined => {
    if (options.every) return options.every;
    if (options.everyStatus) return scheduled(jobId, options.everyStatus);
    let assigned = jobs.get(jobId);
    if (!assigned) {
      const stoppingLeft = stopping.filter((c) => ![...jobs.values()].includes(c));
      assigned = (indexed.has(jobId) || others.length === 0) && stoppingLeft.length ? stoppingLeft[0]! : others[dealt++ % others.length]!;
      jobs.set(jobId, assigned);
    }
    const seen = (polls.get(jobId) ?? 0) + 1;
    polls.set(jobId, seen);
    return seen <= (CORRUPTED_POLLS[assigned] ?? CORRUPTED_POLLS.default) ? assigned : undefined;
  };

  let requests = 0;
  const serve = (hostile: HostileCase, req: IncomingMessage, res: ServerResponse, honest: Buffer): void => {
    served.set(hostile, (served.get(hostile) ?? 0) + 1);
    ANSWERS[hostile](res, { request: req, honest: honest.toString('utf8'), otherOrigin: otherBaseUrl });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    const body = await buffer(req);
    const match = req.method === 'GET' ? JOB_STATUS.exec(req.url ?? '') : null;
    const jobId = match ? decodeURIComponent(match[1]!) : undefined;
    const answer = upstream
      ? await forward(upstream, req, body)
      : {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify(options.canned?.(jobId ?? '') ?? { job_id: jobId, status: 'pending' })),
        };
    // Only real answers of a job are corrupted: a 404 for an unknown id stays a 404.
    if (req.method === 'POST' && INDEX.test(req.url ?? '')) {
      const created = (() => {
        try {
          return (JSON.parse(answer.body.toString('utf8')) as { job_id?: unknown }).job_id;
        } catch {
          return undefined;
        }
      })();
      if (typeof created === 'string') indexed.add(created);
    }
    const passes = (req.url ?? '').startsWith('/_sim/') || /^\/v2\/collections\/[^/?]*-preflight(?:[/?]|$)/.test(req.url ?? '');
    if (options.everyAnswer?.length && !passes)
      return serve(options.everyAnswer[(requests - 1) % options.everyAnswer.length]!, req, res, answer.body);
    // Every status answer of a job that exists (a 404 for an unknown id stays a 404); otherwise only its 200s.
    const corruptible = options.everyStatus ? answer.status < 400 : answer.status === 200;
    const hostile = jobId !== undefined && corruptible ? caseOf(jobId) : undefined;
    if (hostile) return serve(hostile, req, res, answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const text = JSON.stringify({ detail: `hostile target: ${error instanceof Error ? error.message : String(error)}` });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    });
  });
  const baseUrl = await listen(server, sockets);

  return {
    baseUrl,
    other: { baseUrl: otherBaseUrl, requests: otherRequests },
    jobs,
    served,
    answered: () => requests,
    close: async () => {
      // Slow-loris and endless answers never end by themselves: their sockets are destroyed.
      for (const socket of sockets) socket.destroy();
      await Promise.all([server, otherServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
