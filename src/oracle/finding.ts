// A Finding is one broken promise: which requirement, where in the timeline, and the evidence. Oracle
// checks return them; tests decide to fail. How badly it counts is the run's to say: the level comes
// from the run's profile, applied at the edges that know it (`levelled` in src/contract/catalog.ts),
// never by a check, so the oracle reads neither the catalog nor the settings.
import type { Level } from '../contract/profile.js';

export interface Finding {
  requirement: string;
  message: string;
  jobId?: string;
  /** Index of the observation in its timeline (0-based), when the finding is about one poll. */
  pollIndex?: number;
  evidence?: unknown;
}

/** A finding as a run reports it: with the level the run's profile gives its requirement. */
export interface RunFinding extends Finding {
  level: Level;
}

export interface FindingContext {
  jobId?: string;
  pollIndex?: number;
}

export function finding(requirement: string, message: string, context: FindingContext = {}, evidence?: unknown): Finding {
  const result: Finding = { requirement, message };
  if (context.jobId !== undefined) result.jobId = context.jobId;
  if (context.pollIndex !== undefined) result.pollIndex = context.pollIndex;
  if (evidence !== undefined) result.evidence = evidence;
  return result;
}
