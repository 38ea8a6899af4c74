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
/** Every status the oracle can judge: the six documented ones and the vendor's two other final ones. */
export type KnownStatus = JobStatus | VendorFinalStatus;

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
export const UNCATALOGUED_STATUSES = [...VENDOR_FINAL_STATUSES, 'processing'] as const;

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export function isVendorFinalStatus(value: unknown): value is VendorFinalStatus {
  return typeof value === 'string' && (VENDOR_FINAL_STATUSES as readonly string[]).includes(value);
}

export function isKnownStatus(value: unknown): value is KnownStatus {
  return isJobStatus(value) || isVendorFinalStatus(value);
}

export function isTerminal(status: KnownStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Whether a poller may observe `to` at some poll after observing `from`. */
export function canObserveStatus(from: KnownStatus, to: KnownStatus): boolean {
  if (from === to) return true;
  if (from === 'pending') return true;
  if (from === 'running') return isTerminal(to);
  return false;
}
