// What one poll of the job-status endpoint tells us, once classified. A Timeline is the ordered
// list of observations of one job; placeholders stay in it (as evidence) but carry no state.
import type { JobSnapshot, Placeholder } from '../model/job.js';
import type { Exchange } from './exchange.js';

interface ObservationBase {
  /** Position in the timeline, 0-based. */
  index: number;
  /** When the response arrived (ISO 8601). */
  at: string;
  exchange: Exchange;
}

export type Observation =
  /** A real snapshot: a JSON object that carries state (not the placeholder's exact shape). */
  | (ObservationBase & { kind: 'snapshot'; snapshot: JobSnapshot })
  /** The documented transient response: "unknown, retry shortly". */
  | (ObservationBase & { kind: 'placeholder'; placeholder: Placeholder })
  /** A non-2xx answer, or no answer at all (status 0). */
  | (ObservationBase & { kind: 'http-error'; status: number })
  /** A 2xx whose body is not a JSON object (not JSON, truncated, an array, null...). */
  | (ObservationBase & { kind: 'malformed'; reason: string });

export type ObservationKind = Observation['kind'];

export type Timeline = Observation[];
