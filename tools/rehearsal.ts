// A staging rehearsal: the simulator made to look like a deployment (real time, no /_sim/ control API,
// the vendor-variant dialect, a per-key rate limit), and the conformance suite run against it in
// external mode with its defaults. Used by `npm run rehearsal` (the whole suite) and by a verdicts test
// (a few spec files).
import { startSimulator } from '../src/simulator/server.js';
import { startRewritingProxy, type Rewrite } from './rewriting-proxy.js';
import type { SuiteRunner, SuiteRun } from './suite-run.js';

/** Above the suite's default 10 requests/s, as a deployment's limit would be: a 429 is judged when it comes, never provoked. */
export const REHEARSAL_RATE_LIMIT = 15;

export interface RehearsalOptions {
  files?: readonly string[];
  rateLimit?: number;
  timeoutMs: number;
  /** More settings for the suite (e.g. CONFORMANCE_JOB_BUDGET_S); the defaults otherwise. */
  env?: Record<string, string>;
  keepOutput?: boolean;
}

export interface Rehearsal {
  run: SuiteRun;
  simulator: { baseUrl: string; rateLimit: number | null; dialect: string; control: boolean; timeScale: number };
  /** Requests the suite sent the target (every route), as the run's cost, and how many were answered 429. */
  requests: number;
  rateLimited: number;
  elapsedMs: number;
}

/** A pass-through in front of the target that counts what goes by. */
function counting(): { rewrite: Rewrite; requests: () => number; rateLimited: () => number } {
  let requests = 0;
  let rateLimited = 0;
  return {
    rewrite: async (request, forward) => {
      requests += 1;
      const response = await forward(request);
      if (response.status === 429) rateLimited += 1;
      return response;
    },
    requests: () => requests,
    rateLimited: () => rateLimited,
  };
}

export async function rehearse(runner: SuiteRunner, options: RehearsalOptions): Promise<Rehearsal> {
  const simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: 1,
    control: false,
    dialect: 'vendor-variant',
    rateLimit: options.rateLimit ?? REHEARSAL_RATE_LIMIT,
    apiKey: 'rehearsal-key',
    orgId: 'rehearsal-org',
    otherOrg: null,
  });
  const counter = counting();
  const front = await startRewritingProxy(simulator.baseUrl, counter.rewrite);
  const started = Date.now();
  try {
    const run = await runner.run({
      baseUrl: front.baseUrl,
      apiKey: simulator.apiKey,
      orgId: simulator.orgId,
      ...(options.files ? { files: options.files } : {}),
      timeoutMs: options.timeoutMs,
      ...(options.env ? { env: options.env } : {}),
      ...(options.keepOutput ? { keepOutput: true } : {}),
    });
    return {
      run,
      simulator: {
        baseUrl: front.baseUrl,
        rateLimit: simulator.rateLimit,
        dialect: simulator.dialect,
        control: simulator.control,
        timeScale: simulator.clock.scale,
      },
      requests: counter.requests(),
      rateLimited: counter.rateLimited(),
      elapsedMs: Date.now() - started,
    };
  } finally {
    await front.close();
    await simulator.close();
  }
}
