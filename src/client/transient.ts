// Which failed answer a poller may retry: the one rule shared by the poll step and iterateFiles.
// A 429 is not a failure but an answer with its own wait (Retry-After); a placeholder is neither.
import type { Observation } from '../oracle/observation.js';

/** A network error (status 0), a 5xx, a 408 or a malformed body: retrying may help. Any other 4xx: it cannot. */
export function isTransient(observation: Observation): boolean {
  if (observation.kind === 'malformed') return true;
  if (observation.kind !== 'http-error') return false;
  const status = observation.status;
  return status === 0 || status >= 500 || status === 408;
}
