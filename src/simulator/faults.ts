// Faults on demand, as data plus small pure decisions: placeholder draws, 429 bursts, added
// latency, and the scenario edits behind stuck, failing and media-lagging jobs.
import type { Placeholder } from '../model/job.js';
import type { PlaceholderPattern, Scenario } from '../model/scenario.js';
import type { Stage } from '../model/stage.js';
import { drawFor } from './random.js';

/** The seed's documented transient response, verbatim. */
export const PLACEHOLDER_MESSAGE = 'Fetching job status — please retry in a few seconds';
export const PLACEHOLDER_ETA_SECONDS = 30;

export function placeholderFor(jobId: string): Placeholder {
  return {
    job_id: jobId,
    status: 'running',
    progress: null,
    progress_message: PLACEHOLDER_MESSAGE,
    estimated_time_remaining_seconds: PLACEHOLDER_ETA_SECONDS,
  };
}

/** Whether poll `pollIndex` (0-based) of a job is answered with the placeholder. */
export function placeholderDue(patterns: readonly PlaceholderPattern[], pollIndex: number, seed: number, jobId: string): boolean {
  return patterns.some((pattern, i) => {
    if (pattern.polls?.includes(pollIndex)) return true;
    const p = pattern.probability ?? 0;
    // Drawn from (seed, job, poll): the same run answers the same polls, however requests interleave.
    return p > 0 && drawFor(seed, 'placeholder', jobId, pollIndex, i) < p;
  });
}

export interface RateLimitBurst {
  /** How many more requests this burst answers 429. */
  remaining: number;
  retryAfterSeconds: number;
  /** Only requests about this job (status, cancel); every public request when absent. */
  jobId?: string;
}

export interface FaultState {
  /** Applies to every job, on top of its own scenario's pattern. */
  placeholders: PlaceholderPattern;
  rateLimits: RateLimitBurst[];
  /** Real milliseconds added before every public API answer. */
  latencyMs: number;
}

export function noFaults(): FaultState {
  return { placeholders: {}, rateLimits: [], latencyMs: 0 };
}

/** Consumes one 429 from the first burst that covers this request, if any. */
export function takeRateLimit(state: FaultState, jobId: string | undefined): RateLimitBurst | null {
  const burst = state.rateLimits.find((b) => b.remaining > 0 && (b.jobId === undefined || b.jobId === jobId));
  if (!burst) return null;
  burst.remaining -= 1;
  state.rateLimits = state.rateLimits.filter((b) => b.remaining > 0);
  return burst;
}

/** A job-level fault, expressed as an edit of the job's scenario. */
export type JobFault =
  | { kind: 'stuck'; stage: Stage }
  | { kind: 'fail'; stage: Stage; errorCode: string; errorMessage: string }
  | { kind: 'media-lag'; seconds: number }
  | { kind: 'cancel'; atSecond: number; by: string };

export function withFault(scenario: Scenario, fault: JobFault): Scenario {
  switch (fault.kind) {
    case 'stuck':
      return { ...scenario, end: { kind: 'stuck', stage: fault.stage } };
    case 'fail':
      return { ...scenario, end: { kind: 'fail', stage: fault.stage, errorCode: fault.errorCode, errorMessage: fault.errorMessage } };
    case 'media-lag':
      return { ...scenario, mediaLagSeconds: fault.seconds };
    case 'cancel':
      return { ...scenario, end: { kind: 'cancel', atSecond: fault.atSecond, by: fault.by } };
  }
}
