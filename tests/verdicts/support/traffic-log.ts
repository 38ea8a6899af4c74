// The suite's traffic as the target sees it: a pass-through Rewrite that stamps each request when it
// arrives and each answer when it leaves (on the proxy's monotonic clock), and what that record shows
// about the client's manners: its request rate over sliding windows, and whether it waited out every
// Retry-After before asking the same thing again.
import { readRetryAfter } from '../../../src/model/retry-after.js';
import type { Rewrite } from '../../../tools/rewriting-proxy.js';

export interface Exchanged {
  method: string;
  /** Path without the query: a poller asks for the same job (or walks its pages) under one path. */
  path: string;
  status: number;
  retryAfter: string | undefined;
  /** performance.now() at the proxy when the request arrived and when its answer left. */
  arrivedAt: number;
  answeredAt: number;
}

export function trafficLog(): { rewrite: Rewrite; entries: Exchanged[] } {
  const entries: Exchanged[] = [];
  const rewrite: Rewrite = async (request, forward) => {
    const arrivedAt = performance.now();
    const response = await forward(request);
    const header = response.headers['retry-after'];
    entries.push({
      method: request.method,
      path: request.url.split('?')[0]!,
      status: response.status,
      retryAfter: Array.isArray(header) ? header[0] : header,
      arrivedAt,
      answeredAt: performance.now(), // the client cannot hold the answer before this
    });
    return response;
  };
  return { rewrite, entries };
}

/** Requests to the public API: the /_sim/ control API exists only on a simulator, and the suite's budget guards the API. */
export const apiRequests = (entries: readonly Exchanged[]) => entries.filter((e) => !e.path.startsWith('/_sim/'));

/** The most requests that arrived in any half-open window [t, t + windowMs), and where it starts. */
export function peakInWindow(arrivals: readonly number[], windowMs = 1000): { count: number; startsAt: number } {
  const times = [...arrivals].sort((a, b) => a - b);
  let peak = { count: 0, startsAt: times[0] ?? 0 };
  for (let start = 0, end = 0; start < times.length; start++) {
    while (end < times.length && times[end]! < times[start]! + windowMs) end++;
    if (end - start > peak.count) peak = { count: end - start, startsAt: times[start]! };
  }
  return peak;
}

/** Requests per second from the first arrival to the last (0 for fewer than two). */
export function meanRate(arrivals: readonly number[]): number {
  if (arrivals.length < 2) return 0;
  const span = Math.max(...arrivals) - Math.min(...arrivals);
  return span > 0 ? ((arrivals.length - 1) * 1000) / span : 0;
}

export interface RetryAfterWait {
  method: string;
  path: string;
  /** What the 429 asked for, in ms. */
  askedMs: number;
  /** From the 429 leaving the proxy to the same request arriving again; undefined when it never came. */
  waitedMs: number | undefined;
}

/**
 * Every 429 that carried a readable Retry-After, with how long the client then waited before sending
 * the same method and path again (the same poller: a job's status, a walk's pages, a cancel).
 */
export function retryAfterWaits(entries: readonly Exchanged[]): RetryAfterWait[] {
  const ordered = [...entries].sort((a, b) => a.arrivedAt - b.arrivedAt);
  const waits: RetryAfterWait[] = [];
  for (const [i, limited] of ordered.entries()) {
    if (limited.status !== 429) continue;
    // Delay-seconds, or an HTTP date read against the wall clock at the time it was sent.
    const reading = readRetryAfter(limited.retryAfter, Date.now() - (performance.now() - limited.answeredAt));
    if (!reading?.valid) continue;
    // A request that arrived before the 429 left was sent before the client could read it: not a follow-up.
    const next = ordered
      .slice(i + 1)
      .find((e) => e.method === limited.method && e.path === limited.path && e.arrivedAt > limited.answeredAt);
    waits.push({
      method: limited.method,
      path: limited.path,
      askedMs: reading.delayMs,
      waitedMs: next ? next.arrivedAt - limited.answeredAt : undefined,
    });
  }
  return waits;
}
