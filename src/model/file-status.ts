// Per-file statuses: queued < processing < one terminal status, which sticks.

export const FILE_STATUSES = ['queued', 'processing', 'completed', 'failed', 'skipped', 'cancelled'] as const;
export type FileStatusValue = (typeof FILE_STATUSES)[number];
export const TERMINAL_FILE_STATUSES: readonly FileStatusValue[] = ['completed', 'failed', 'skipped', 'cancelled'];

export function isFileStatus(value: unknown): value is FileStatusValue {
  return typeof value === 'string' && (FILE_STATUSES as readonly string[]).includes(value);
}

export function isFileTerminal(status: FileStatusValue): boolean {
  return TERMINAL_FILE_STATUSES.includes(status);
}

function rank(status: FileStatusValue): number {
  return status === 'queued' ? 0 : status === 'processing' ? 1 : 2;
}

/** Whether a poller may observe `to` for a file after observing `from` (steps may be skipped). */
export function canObserveFileStatus(from: FileStatusValue, to: FileStatusValue): boolean {
  if (from === to) return true;
  if (isFileTerminal(from)) return false;
  return rank(to) > rank(from);
}
