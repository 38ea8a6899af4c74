// Job statuses and which of them can be observed after which (reachability, not adjacency:
// polling skips states, so a poller may see pending then completed).

export const JOB_STATUSES = [
  'pending',
  'running',
  'completed',
  'completed_with_failures',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const NON_TERMINAL_STATUSES: readonly JobStatus[] = ['pending', 'running'];
export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'completed_with_failures', 'failed', 'cancelled'];
/** Terminal statuses that carry billing (seed: "Present when status is completed or completed_with_failures"). */
export const SUCCESS_STATUSES: readonly JobStatus[] = ['completed', 'completed_with_failures'];
/** Values seen elsewhere in the vendor's material; the strict profile reports them (SPEC-002). */
export const UNCATALOGUED_STATUSES = ['completed_with_errors', 'timed_out', 'processing'] as const;

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Whether a poller may observe `to` at some poll after observing `from`. */
export function canObserveStatus(from: JobStatus, to: JobStatus): boolean {
  if (from === to) return true;
  if (from === 'pending') return true;
  if (from === 'running') return isTerminal(to);
  return false;
}
