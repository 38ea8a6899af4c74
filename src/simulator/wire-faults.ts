// Plays a job's wire faults (model/wire-fault.ts) around the simulator's own answers: the routes still
// decide every answer the faults leave alone, so the job's lifecycle stays the model's.
import type { WireFault } from '../model/wire-fault.js';
import type { AroundRequest, IncomingRequest } from './context.js';
import type { Dialect } from './dialect.js';
import { shapePlaceholder } from './dialect-shape.js';
import { error, ok, type Reply } from './reply.js';
import { retryAfterValue } from './retry-after.js';

export interface WireFaultTarget {
  jobId: string;
  /** Real epoch ms the job was created: the faults' seconds count from here. */
  createdAtMs: number;
  dialect: Dialect;
  /** Real time (default Date.now). */
  now?: () => number;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Each burst's answers left, by the fault's position in the list. */
type Spent = Map<number, number>;

function burstDue(fault: WireFault & { count: number; fromS: number }, index: number, spent: Spent, atS: number): boolean {
  if (atS < fault.fromS) return false;
  const used = spent.get(index) ?? 0;
  if (used >= fault.count) return false;
  spent.set(index, used + 1);
  return true;
}

function rewriteStatus(reply: Reply, faults: readonly WireFault[]): Reply {
  const body = reply.body as Record<string, unknown> | null;
  if (reply.status !== 200 || typeof body !== 'object' || body === null || typeof body.status !== 'string') return reply;
  const rename = faults.find((f): f is Extract<WireFault, { kind: 'status-as' }> => f.kind === 'status-as' && f.status === body.status);
  return rename ? { ...reply, body: { ...body, status: rename.as } } : reply;
}

export function wireFaultsAround(faults: readonly WireFault[], target: WireFaultTarget): AroundRequest {
  const now = target.now ?? Date.now;
  const spent: Spent = new Map();
  const jobPath = `/v2/jobs/${encodeURIComponent(target.jobId)}`;
  const decide = (request: IncomingRequest, atS: number): Reply | undefined => {
    const api = /^\/v\d+\//.test(request.url.pathname);
    const poll = request.method === 'GET' && request.url.pathname === jobPath && !request.url.searchParams.has('files_cursor');
    for (const [i, fault] of faults.entries()) {
      if (fault.kind === 'rate-limit' && api && burstDue(fault, i, spent, atS)) {
        const retryAfter = retryAfterValue(fault.retryAfterSeconds, fault.asDate, now());
        return error(429, 'Rate limit exceeded; retry later', { 'retry-after': retryAfter });
      }
      if (fault.kind === 'server-error' && poll && burstDue(fault, i, spent, atS)) {
        return error(fault.status, 'Upstream temporarily unavailable');
      }
      if (fault.kind === 'placeholder' && poll && atS >= fault.fromS && atS < fault.untilS) {
        return ok(shapePlaceholder(target.jobId, target.dialect));
      }
    }
    return undefined;
  };
  return async (request, next) => {
    const atS = (now() - target.createdAtMs) / 1000;
    const slow = faults.find((f) => f.kind === 'latency' && atS >= f.fromS && atS < f.untilS);
    if (slow?.kind === 'latency') await delay(slow.ms);
    const faulted = decide(request, atS);
    if (faulted) return faulted;
    const reply = await next();
    const aboutJob = request.url.pathname === jobPath;
    return aboutJob ? rewriteStatus(reply, faults) : reply;
  };
}
