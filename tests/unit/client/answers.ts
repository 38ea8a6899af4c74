// Scripted answers of the fake target, one per request, in order (nock consumes interceptors in turn).
import type nock from 'nock';
import { target } from './harness.js';

export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** No answer: the connection fails. */
  | { error: Error };

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const httpError = (
  status: number,
  body: unknown = { detail: 'upstream overloaded' },
  headers: Record<string, string> = {},
): Answer => ({
  status,
  body,
  headers,
});
export const reset = (): Answer => ({ error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });

function add(interceptor: nock.Interceptor, answer: Answer): nock.Scope {
  if ('error' in answer) return interceptor.replyWithError(answer.error);
  const timed = answer.delayMs ? interceptor.delay(answer.delayMs) : interceptor;
  return timed.reply(answer.status, answer.body as nock.Body, answer.headers);
}

/** The status endpoint of `jobId` answers `answers` in turn (and nothing more). */
export function serveStatus(jobId: string, answers: Answer[], scope: nock.Scope = target()): nock.Scope {
  for (const answer of answers) add(scope.get(`/v2/jobs/${jobId}`), answer);
  return scope;
}

/** The query endpoint of `collection` answers `answers` in turn. */
export function serveQuery(collection: string, answers: Answer[], scope: nock.Scope = target()): nock.Scope {
  for (const answer of answers) add(scope.post(`/v2/collections/${collection}/query`), answer);
  return scope;
}

/** Answers of POST /v3/collections/{collection}/query, in order. */
export function serveQueryV3(collection: string, answers: Answer[], scope: nock.Scope = target()): nock.Scope {
  for (const answer of answers) add(scope.post(`/v3/collections/${collection}/query`), answer);
  return scope;
}
