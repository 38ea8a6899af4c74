// The run's request budget, shared by every worker process: a worker restarted after a failed test must
// not start a fresh share, or the budget would be no ceiling at the target (docs/ARCHITECTURE.md, "Staging runs").
import { appendFileSync, closeSync, fstatSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestLedger } from '../src/client/request-budget.js';

/** Creates the run's ledger file (global setup); its path travels to the workers in the environment. */
export function createLedgerFile(runId: string): string {
  const file = path.join(tmpdir(), `conformance-budget-${runId}-${process.pid}`);
  writeFileSync(file, '');
  return file;
}

export function removeLedgerFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * One byte appended per request: appends are atomic, so the file's size counts the requests of every
 * process. A process that sees more than the budget after its own append does not send: the run may stop
 * a request or two early when two workers race, never late.
 */
export function fileLedger(file: string, maxRequests: number): RequestLedger {
  const fd = openSync(file, 'a');
  process.once('exit', () => closeSync(fd));
  return {
    take() {
      if (fstatSync(fd).size >= maxRequests) return false;
      appendFileSync(fd, '.');
      return fstatSync(fd).size <= maxRequests;
    },
    sent: () => Math.min(fstatSync(fd).size, maxRequests),
  };
}
