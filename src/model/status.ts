// Job statuses and which of them can be observed after which (reachability, not adjacency:
// polling skips states, so a poller may see pending then completed).

export const JOB_STATUSES = ['pending', 'running', 'completed', 'completed_with_failures', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Final statuses that only the vendor's own client code names (MCP webhooks: "one per final job status").
 * Every terminal-state rule applies to them; JS-SHAPE-007 reports them (SPEC-002).
 */
export const VENDOR_FINAL_STATUSES = ['completed_with_errors', 'timed_out'] as const;
export type VendorFinalStatus = (typeof VENDOR_FINAL_STATUSES)[number];
/**
 * A non-terminal status only the vendor's own client code names (MCP captain_list_jobs filter, beside running
 * and pending): judged like running, and reported by JS-SHAPE-007 (SPEC-002).
 */
export const VENDOR_RUNNING_STATUSES = ['processing'] as const;
export type VendorRunningStatus = (typeof VENDOR_RUNNING_STATUSES)[number];
export type VendorStatus = VendorFinalStatus | VendorRunningStatus;
/** Every status the oracle can judge: the six documented ones and the vendor's three others. */
export type KnownStatus = JobStatus | VendorStatus;

export const NON_TERMINAL_STATUSES: readonly JobStatus[] = ['pending', 'running'];
export const TERMINAL_STATUSES: readonly KnownStatus[] = [
  'completed',
  'completed_with_failures',
  'failed',
  'cancelled',
  ...VENDOR_FINAL_STATUSES,
];
/** Terminal statuses that carry billing (seed: "Present when status is completed or completed_with_failures"). */
export const SUCCESS_STATUSES: readonly KnownStatus[] = ['completed', 'completed_with_failures'];
/** Values seen elsewhere in the vendor's material: the vendor's final statuses, and `processing` (MCP list filter). */
export const UNCATALOGUED_STATUSES = [...VENDOR_FINAL_STATUSES, ...VENDOR_RUNNING_STATUSES] as const;

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export function isVendorFinalStatus(value: unknown): value is VendorFinalStatus {
  return typeof value === 'string' && (VENDOR_FINAL_STATUSES as readonly string[]).includes(value);
}

/** A status the vendor's client code names but the job-status page does not (final or not). */
export function isVendorStatus(value: unknown): value is VendorStatus {
  return isVendorFinalStatus(value) || (typeof value === 'string' && (VENDOR_RUNNING_STATUSES as readonly string[]).includes(value));
}

export function isKnownStatus(value: unknown): value is KnownStatus {
  return isJobStatus(value) || isVendorStatus(value);
}

/** `running`, or the vendor's `processing`, which is judged like it. */
export function isRunningLike(status: KnownStatus): boolean {
  return status === 'running' || status === 'processing';
}

export function isTerminal(status: KnownStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Whether a poller may observe `to` at some poll after observing `from`. */
export function canObserveStatus(from: KnownStatus, to: KnownStatus): boolean {
  if (from === to) return true;
  if (from === 'pending') return true;
  // processing is running by another name: either may follow the other (the vendor never ordered them).
  if (isRunningLike(from)) return isTerminal(to) || isRunningLike(to);
  return false;
}
