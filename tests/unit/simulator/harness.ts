// Test harness for the simulator: a server on 127.0.0.1:0 with a manual clock, and requests
// recorded as the oracle's Exchange so its checks judge what came back.
import type { Exchange } from '../../../src/oracle/exchange.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../../src/simulator/server.js';

export type Sim = SimulatorHandle;

export function startManual(options: SimulatorOptions = {}): Promise<Sim> {
  return startSimulator({ port: 0, host: '127.0.0.1', manualClock: true, env: {}, ...options });
}

export interface Call {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string | Buffer | FormData;
  /** Bearer key; null sends no Authorization header; default the simulator's own key. */
  key?: string | null;
  headers?: Record<string, string>;
}

export interface Answer extends Exchange {
  json: unknown;
}

export async function call(sim: Sim, method: string, path: string, options: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? sim.apiKey : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | Buffer | FormData | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const recordedHeaders = { ...headers, ...(headers.authorization ? { authorization: 'Bearer [redacted]' } : {}) };
  return {
    request: { method, url: path, headers: recordedHeaders, ...(typeof body === 'string' ? { body } : {}) },
    status: response.status,
    headers: Object.fromEntries([...response.headers.entries()].map(([k, v]) => [k.toLowerCase(), v])),
    body: text,
    receivedAt: new Date().toISOString(),
    json,
  };
}

export const get = (sim: Sim, path: string, options?: Call) => call(sim, 'GET', path, options);
export const post = (sim: Sim, path: string, body?: unknown, options?: Call) =>
  call(sim, 'POST', path, { ...options, ...(body !== undefined ? { body } : {}) });

/** Creates a collection and indexes one text into it; returns the job id. */
export async function indexText(sim: Sim, collection: string, content: string, filename?: string): Promise<string> {
  await call(sim, 'PUT', `/v2/collections/${collection}`);
  const created = await post(sim, `/v2/collections/${collection}/index/text`, { content, ...(filename ? { filename } : {}) });
  if (created.status !== 200) throw new Error(`index/text answered ${created.status}: ${created.body}`);
  return (created.json as { job_id: string }).job_id;
}

/** Advances the manual clock through the control API (as a test would against a running simulator). */
export async function advance(sim: Sim, seconds: number): Promise<void> {
  const answer = await post(sim, '/_sim/clock/advance', { seconds });
  if (answer.status !== 200) throw new Error(`clock advance answered ${answer.status}: ${answer.body}`);
}

/** A finished job with one skipped (already in the collection), one failed (corrupt) and one completed file. */
export async function mixedJob(sim: Sim): Promise<string> {
  await indexText(sim, 'docs', 'one', 'same.txt');
  const form = new FormData();
  form.append('files', new Blob(['one']), 'same.txt');
  form.append('files', new Blob(['??']), 'corrupt-scan.pdf');
  form.append('files', new Blob(['fine']), 'fine.txt');
  const jobId = jsonOf<{ job_id: string }>(await call(sim, 'POST', '/v2/collections/docs/index/file', { raw: form })).job_id;
  await advance(sim, 60);
  return jobId;
}

export function jsonOf<T>(answer: Answer): T {
  return answer.json as T;
}
