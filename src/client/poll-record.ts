// What one poll run (pollJob, waitForJob) leaves behind, whatever its end: the evidence a test attaches and a
// client author reads to see why the poller did what it did.
import type { JobSnapshot } from '../model/job.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Timeline } from '../oracle/observation.js';

export interface PollRecord {
  jobId: string;
  /** Every answer of the status endpoint, classified, in order (placeholders included, as evidence). */
  timeline: Timeline;
  /** Every request made, status polls and fallback queries alike, in order. */
  exchanges: Exchange[];
  /** Every wait chosen between two rounds, in ms. */
  waits: number[];
  /** Number of requests made (`exchanges.length`). */
  requests: number;
  /** Clock readings (epoch ms) when waiting started and ended. */
  startedAtMs: number;
  finishedAtMs: number;
  /** The last real snapshot seen (placeholders never replace it). */
  lastSnapshot?: JobSnapshot;
}
