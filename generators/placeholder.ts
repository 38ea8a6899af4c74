// The documented transient answer (seed, "Transient status responses"): exactly five keys, no state.
import fc from 'fast-check';
import type { Placeholder } from '../src/model/job.js';

export const PLACEHOLDER_MESSAGES = [
  'Fetching job status — please retry in a few seconds',
  'Job status temporarily unavailable, retry shortly',
] as const;

export function placeholderBody(jobId: string, etaSeconds = 30, message: string = PLACEHOLDER_MESSAGES[0]): Placeholder {
  return { job_id: jobId, status: 'running', progress: null, progress_message: message, estimated_time_remaining_seconds: etaSeconds };
}

export function placeholderArbitrary(jobId: string): fc.Arbitrary<Placeholder> {
  return fc
    .tuple(fc.integer({ min: 0, max: 120 }), fc.constantFrom(...PLACEHOLDER_MESSAGES))
    .map(([eta, message]) => placeholderBody(jobId, eta, message));
}
