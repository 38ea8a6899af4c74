// Per-snapshot invariants (JS-STATE-*, JS-MEDIA-001): what one real snapshot must say about itself,
// whatever came before it. Each check reads untyped JSON and says which requirements it judged on this
// snapshot (a rule about failed jobs is not judged on a running one) and what broke them.
import type { JobSnapshot } from '../../../../src/model/job.js';
import { isKnownStatus, isTerminal, SUCCESS_STATUSES, type KnownStatus } from '../../../../src/model/status.js';
import type { FindingContext } from '../../../../src/oracle/finding.js';
import { findingsOf, judge, judged, JudgedList, NO_FINDINGS, type Judged, type Judgements } from './judged.js';
import { instantAt } from '../../../../src/contract/date-time.js';
import { isSet, numberAt, objectAt, show, stringAt } from '../../../../src/oracle/values.js';

/** A per-snapshot invariant: what it judged on one snapshot (whose status, when known, is `status`), and how it broke, into `out`. */
type Check = (snapshot: JobSnapshot, context: FindingContext, out: Judgements, status: KnownStatus | undefined) => void;

/** Clock skew tolerated between the services that stamp a job (docs/ARCHITECTURE.md, "What the oracle judges"). */
export const CLOCK_SKEW_MS = 2_000;

function statusOf(snapshot: JobSnapshot): KnownStatus | undefined {
  return isKnownStatus(snapshot.status) ? snapshot.status : undefined;
}

/** The keys of `s` that hold no string (or an empty one); undefined when each holds one, without a list. */
function lacking<K extends keyof JobSnapshot>(s: JobSnapshot, keys: readonly K[]): K[] | undefined {
  for (const key of keys) if (!stringAt(s[key])) return keys.filter((k) => !stringAt(s[k]));
  return undefined;
}

export const checkStartedAt: Check = (s, ctx, out, status) => {
  if (status === 'pending') {
    judge(out, 'JS-STATE-001', ctx, isSet(s.started_at) && `started_at is ${show(s.started_at)} while the job is pending`);
  } else if (status === 'running' || status === 'completed' || status === 'completed_with_failures') {
    judge(out, 'JS-STATE-014', ctx, !isSet(s.started_at) && `started_at is ${show(s.started_at)} while the job is ${status}`);
  }
};

export const checkCompletedAt: Check = (s, ctx, out, status) => {
  if (!status) return;
  const set = isSet(s.completed_at);
  const terminal = isTerminal(status);
  judge(
    out,
    'JS-STATE-002',
    ctx,
    terminal && !set && `completed_at is ${show(s.completed_at)} although the job is ${status}`,
    !terminal && set && `completed_at is ${show(s.completed_at)} while the job is ${status}`,
  );
};

export const checkBilling: Check = (s, ctx, out, status) => {
  // The vendor's other final statuses say nothing of billing either way.
  if (!status || status === 'completed_with_errors' || status === 'timed_out') return;
  if (SUCCESS_STATUSES.includes(status))
    judge(out, 'JS-STATE-003', ctx, !isSet(s.billing) && `billing is absent although the job is ${status}`);
  else judge(out, 'JS-STATE-013', ctx, isSet(s.billing) && `billing is present while the job is ${status}`);
};

const FAILURE_DETAILS = ['error_code', 'error_message'] as const;

export const checkFailureDetails: Check = (s, ctx, out, status) => {
  if (status !== 'failed') return;
  const missing = lacking(s, FAILURE_DETAILS);
  judge(out, 'JS-STATE-004', ctx, missing && `a failed job lacks ${missing.join(' and ')}`);
};

const CANCEL_DETAILS = ['cancelled_by', 'cancelled_at'] as const;

export const checkCancelDetails: Check = (s, ctx, out, status) => {
  if (status !== 'cancelled') return;
  const missing = lacking(s, CANCEL_DETAILS);
  judge(out, 'JS-STATE-005', ctx, missing && `a cancelled job lacks ${missing.join(' and ')}`);
};

export const checkResultPresence: Check = (s, ctx, out, status) => {
  if (status !== 'completed' && status !== 'completed_with_failures' && status !== 'failed') return;
  judge(out, 'JS-STATE-006', ctx, !isSet(s.result) && `result is absent although the job is ${status}`);
};

/** Whether `first` comes after `second` by more than the clock skew (both known). */
function outOfOrder(first: number | undefined, second: number | undefined): boolean {
  return first !== undefined && second !== undefined && first - second > CLOCK_SKEW_MS;
}

function orderFailure(a: string, first: number, b: string, second: number): string {
  return `${a} (${new Date(first).toISOString()}) is after ${b} (${new Date(second).toISOString()})`;
}

/** Timestamps in the order a job sets them: created <= started <= completed, created <= updated. */
export const checkTimestampOrder: Check = (s, ctx, out) => {
  const created = instantAt(s.created_at);
  const started = instantAt(s.started_at);
  const completed = instantAt(s.completed_at);
  const updated = instantAt(s.updated_at);
  const compared =
    (created !== undefined && (started !== undefined || completed !== undefined || updated !== undefined)) ||
    (started !== undefined && completed !== undefined);
  if (!compared) return;
  let failures: string[] | undefined;
  if (outOfOrder(created, started)) (failures ??= []).push(orderFailure('created_at', created!, 'started_at', started!));
  if (outOfOrder(started, completed)) (failures ??= []).push(orderFailure('started_at', started!, 'completed_at', completed!));
  if (outOfOrder(created, completed)) (failures ??= []).push(orderFailure('created_at', created!, 'completed_at', completed!));
  if (outOfOrder(created, updated)) (failures ??= []).push(orderFailure('created_at', created!, 'updated_at', updated!));
  out.add('JS-STATE-007', failures ? judged('JS-STATE-007', failures, ctx).findings : NO_FINDINGS);
};

export const COUNTERS = ['files_total', 'files_processed', 'files_failed', 'files_skipped', 'elapsed_seconds'] as const;

export const checkCounters: Check = (s, ctx, out) => {
  const progress = objectAt(s.progress);
  if (!progress) return;
  let failures: string[] | undefined;
  for (const key of COUNTERS) {
    const value = numberAt(progress[key]);
    if (value !== undefined && value < 0) (failures ??= []).push(`progress.${key} is negative (${value})`);
  }
  const total = numberAt(progress.files_total);
  const processed = numberAt(progress.files_processed) ?? 0;
  const failed = numberAt(progress.files_failed) ?? 0;
  const skipped = numberAt(progress.files_skipped) ?? 0;
  const above = total !== undefined && (processed > total || failed > total || skipped > total);
  if (above) {
    if (processed > total) (failures ??= []).push(`progress.files_processed (${processed}) exceeds files_total (${total})`);
    if (failed > total) (failures ??= []).push(`progress.files_failed (${failed}) exceeds files_total (${total})`);
    if (skipped > total) (failures ??= []).push(`progress.files_skipped (${skipped}) exceeds files_total (${total})`);
  }
  out.add('JS-STATE-008', failures ? judged('JS-STATE-008', failures, ctx).findings : NO_FINDINGS);
  // One counter above the total already says the sum is: one defect, one finding.
  if (total === undefined || above) return;
  const settled = processed + failed + skipped;
  judge(out, 'JS-STATE-012', ctx, settled > total && `processed + failed + skipped (${settled}) exceeds files_total (${total})`);
};

export const checkEstimate: Check = (s, ctx, out) => {
  const eta = s.estimated_time_remaining_seconds as unknown;
  if (eta === undefined || eta === null) return;
  const valid = typeof eta === 'number' && Number.isInteger(eta) && eta >= 0;
  judge(out, 'JS-STATE-009', ctx, !valid && `estimated_time_remaining_seconds is ${show(eta)}, not a non-negative integer`);
};

function isUnsettled(file: unknown): boolean {
  const fileStatus = objectAt(file)?.status;
  return fileStatus === 'queued' || fileStatus === 'processing';
}

/** Whether some file is not settled, without a closure or a list per snapshot. */
function someUnsettled(files: readonly unknown[]): boolean {
  for (let i = 0; i < files.length; i++) if (isUnsettled(files[i])) return true;
  return false;
}

export const checkSettledFiles: Check = (s, ctx, out, status) => {
  if (!status || !isTerminal(status) || !Array.isArray(s.files)) return;
  if (!someUnsettled(s.files)) return judge(out, 'JS-STATE-010', ctx);
  const unsettled = s.files.filter(isUnsettled);
  const names = unsettled.slice(0, 3).map((f) => `${show(objectAt(f)?.uri)} (${show(objectAt(f)?.status)})`);
  judge(out, 'JS-STATE-010', ctx, `the job is ${status} but ${unsettled.length} file(s) are not settled: ${names.join(', ')}`);
};

export const checkOutcomeAgreement: Check = (s, ctx, out, status) => {
  if (status !== 'completed' && status !== 'completed_with_failures') return;
  const failed = numberAt(objectAt(s.progress)?.files_failed) ?? numberAt(objectAt(s.result)?.files_failed);
  if (failed === undefined) return;
  judge(
    out,
    'JS-STATE-011',
    ctx,
    status === 'completed' && failed > 0 && `the job is completed but reports ${failed} failed file(s)`,
    status === 'completed_with_failures' && failed === 0 && 'the job is completed_with_failures but reports no failed file',
  );
};

const MEDIA_TIMESTAMPS = ['created_at', 'updated_at'] as const;

/** A media job lagging at running/progress null is a real snapshot: it keeps its timestamps. */
export const checkMediaSnapshot: Check = (s, ctx, out) => {
  if (s.status !== 'running' || s.progress !== null) return;
  const missing = lacking(s, MEDIA_TIMESTAMPS);
  judge(out, 'JS-MEDIA-001', ctx, missing && `a running snapshot with progress null lacks ${missing.join(', ')}`);
};

export const STATE_CHECKS: Record<string, Check> = {
  checkStartedAt,
  checkCompletedAt,
  checkBilling,
  checkFailureDetails,
  checkCancelDetails,
  checkResultPresence,
  checkTimestampOrder,
  checkCounters,
  checkEstimate,
  checkSettledFiles,
  checkOutcomeAgreement,
  checkMediaSnapshot,
};

const STATE_CHECK_LIST = Object.values(STATE_CHECKS);

/** Every per-snapshot invariant judged on one snapshot, into `out`; the schema is checked separately (snapshot-schema.ts). */
export function judgeSnapshotState(snapshot: JobSnapshot, context: FindingContext, out: Judgements): void {
  const status = statusOf(snapshot); // read once for every check
  for (const check of STATE_CHECK_LIST) check(snapshot, context, out, status);
}

/** Every per-snapshot invariant judged on one snapshot, as Judged records. */
export function assessSnapshotState(snapshot: JobSnapshot, context: FindingContext = {}): Judged[] {
  const out = new JudgedList();
  judgeSnapshotState(snapshot, context, out);
  return out.judged;
}

export function checkSnapshotState(snapshot: JobSnapshot, context: FindingContext = {}): ReturnType<typeof findingsOf> {
  return findingsOf(assessSnapshotState(snapshot, context));
}
