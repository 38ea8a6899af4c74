// A Finding is one broken promise: which requirement, how badly, where in the timeline, and
// the evidence. Oracle checks return them; tests decide to fail.
import { levelOf, type Level } from '../contract/catalog.js';

export interface Finding {
  requirement: string;
  level: Level;
  message: string;
  jobId?: string;
  /** Index of the observation in its timeline (0-based), when the finding is about one poll. */
  pollIndex?: number;
  evidence?: unknown;
}

export interface FindingContext {
  jobId?: string;
  pollIndex?: number;
}

export function finding(requirement: string, message: string, context: FindingContext = {}, evidence?: unknown): Finding {
  const result: Finding = { requirement, level: levelOf(requirement), message };
  if (context.jobId !== undefined) result.jobId = context.jobId;
  if (context.pollIndex !== undefined) result.pollIndex = context.pollIndex;
  if (evidence !== undefined) result.evidence = evidence;
  return result;
}
