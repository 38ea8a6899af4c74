// Per-snapshot invariants (JS-STATE-*, JS-MEDIA-001): what one real snapshot must say about itself,
// whatever came before it. Each check reads untyped JSON and says which requirements it judged on this
// snapshot (a rule about failed jobs is not judged on a running one) and what broke them.
import type { JobSnapshot } from '../../../../src/model/job.js';
import { isKnownStatus, isTerminal, SUCCESS_STATUSES, type KnownStatus } from '../../../../src/model/status.js';
import type { FindingContext } from '../../../../src/oracle/finding.js';
import { findingsOf, judged, type Judged } from './judged.js';
import { instantAt, isSet, numberAt, objectAt, show, stringAt } from './values.js';

type Check = (snapshot: JobSnapshot, context: FindingContext) => Judged[];

/** Clock skew tolerated between the services that stamp a job (DESIGN section 4). */
export const CLOCK_SKEW_MS = 2_000;

function statusOf(snapshot: JobSnapshot): KnownStatus | undefined {
  return isKnownStatus(snapshot.status) ? snapshot.status : undefined;
}

export const checkStartedAt: Check = (s, ctx) => {
  const status = statusOf(s);
  if (status === 'pending')
    return [judged('JS-STATE-001', [isSet(s.started_at) && `started_at is ${show(s.started_at)} while the job is pending`], ctx)];
  if (status === 'running' || status === 'completed' || status === 'completed_with_failures') {
    return [judged('JS-STATE-014', [!isSet(s.started_at) && `started_at is ${show(s.started_at)} while the job is ${status}`], ctx)];
  }
  return [];
};

export const checkCompletedAt: Check = (s, ctx) => {
  const status = statusOf(s);
  if (!status) return [];
  const set = isSet(s.completed_at);
  const terminal = isTerminal(status);
  return [
    judged(
      'JS-STATE-002',
      [
        terminal && !set && `completed_at is ${show(s.completed_at)} although the job is ${status}`,
        !terminal && set && `completed_at is ${show(s.completed_at)} while the job is ${status}`,
      ],
      ctx,
    ),
  ];
};

export const checkBilling: Check = (s, ctx) => {
  const status = statusOf(s);
  // The vendor's other final statuses say nothing of billing either way.
  if (!status || status === 'completed_with_errors' || status === 'timed_out') return [];
  return SUCCESS_STATUSES.includes(status)
    ? [judged('JS-STATE-003', [!isSet(s.billing) && `billing is absent although the job is ${status}`], ctx)]
    : [judged('JS-STATE-013', [isSet(s.billing) && `billing is present while the job is ${status}`], ctx)];
};

export const checkFailureDetails: Check = (s, ctx) => {
  if (statusOf(s) !== 'failed') return [];
  const missing = (['error_code', 'error_message'] as const).filter((key) => !stringAt(s[key]));
  return [judged('JS-STATE-004', [missing.length > 0 && `a failed job lacks ${missing.join(' and ')}`], ctx)];
};

export const checkCancelDetails: Check = (s, ctx) => {
  if (statusOf(s) !== 'cancelled') return [];
  const missing = (['cancelled_by', 'cancelled_at'] as const).filter((key) => !stringAt(s[key]));
  return [judged('JS-STATE-005', [missing.length > 0 && `a cancelled job lacks ${missing.join(' and ')}`], ctx)];
};

export const checkResultPresence: Check = (s, ctx) => {
  const status = statusOf(s);
  if (status !== 'completed' && status !== 'completed_with_failures' && status !== 'failed') return [];
  return [judged('JS-STATE-006', [!isSet(s.result) && `result is absent although the job is ${status}`], ctx)];
};

/** Pairs of timestamps in the order a job sets them: the first may not come after the second. */
const TIMESTAMP_ORDER = [
  ['created_at', 'started_at'],
  ['started_at', 'completed_at'],
  ['created_at', 'completed_at'],
  ['created_at', 'updated_at'],
] as const;

export const checkTimestampOrder: Check = (s, ctx) => {
  const at = {
    created_at: instantAt(s.created_at),
    started_at: instantAt(s.started_at),
    completed_at: instantAt(s.completed_at),
    updated_at: instantAt(s.updated_at),
  };
  const failures: string[] = [];
  let compared = false;
  for (const [a, b] of TIMESTAMP_ORDER) {
    const first = at[a];
    const second = at[b];
    if (first === undefined || second === undefined) continue;
    compared = true;
    if (first - second > CLOCK_SKEW_MS)
      failures.push(`${a} (${new Date(first).toISOString()}) is after ${b} (${new Date(second).toISOString()})`);
  }
  return compared ? [judged('JS-STATE-007', failures, ctx)] : [];
};

export const COUNTERS = ['files_total', 'files_processed', 'files_failed', 'files_skipped', 'elapsed_seconds'] as const;
const SETTLED_COUNTS = ['files_processed', 'files_failed', 'files_skipped'] as const;

export const checkCounters: Check = (s, ctx) => {
  const progress = objectAt(s.progress);
  if (!progress) return [];
  const failures: string[] = [];
  for (const key of COUNTERS) {
    const value = numberAt(progress[key]);
    if (value !== undefined && value < 0) failures.push(`progress.${key} is negative (${value})`);
  }
  const total = numberAt(progress.files_total);
  if (total === undefined) return [judged('JS-STATE-008', failures, ctx)];
  const parts = SETTLED_COUNTS.map((key) => [key, numberAt(progress[key]) ?? 0] as const);
  for (const [key, value] of parts) {
    if (value > total) failures.push(`progress.${key} (${value}) exceeds files_total (${total})`);
  }
  const settled = parts.reduce((sum, [, value]) => sum + value, 0);
  // One counter above the total already says the sum is: one defect, one finding.
  if (parts.some(([, value]) => value > total)) return [judged('JS-STATE-008', failures, ctx)];
  return [
    judged('JS-STATE-008', failures, ctx),
    judged('JS-STATE-012', [settled > total && `processed + failed + skipped (${settled}) exceeds files_total (${total})`], ctx),
  ];
};

export const checkEstimate: Check = (s, ctx) => {
  const eta = s.estimated_time_remaining_seconds as unknown;
  if (eta === undefined || eta === null) return [];
  const valid = typeof eta === 'number' && Number.isInteger(eta) && eta >= 0;
  return [judged('JS-STATE-009', [!valid && `estimated_time_remaining_seconds is ${show(eta)}, not a non-negative integer`], ctx)];
};

export const checkSettledFiles: Check = (s, ctx) => {
  const status = statusOf(s);
  if (!status || !isTerminal(status) || !Array.isArray(s.files)) return [];
  const unsettled = s.files.filter((f) => {
    const fileStatus = objectAt(f)?.status;
    return fileStatus === 'queued' || fileStatus === 'processing';
  });
  const names = unsettled.slice(0, 3).map((f) => `${show(objectAt(f)?.uri)} (${show(objectAt(f)?.status)})`);
  return [
    judged(
      'JS-STATE-010',
      [unsettled.length > 0 && `the job is ${status} but ${unsettled.length} file(s) are not settled: ${names.join(', ')}`],
      ctx,
    ),
  ];
};

export const checkOutcomeAgreement: Check = (s, ctx) => {
  const status = statusOf(s);
  if (status !== 'completed' && status !== 'completed_with_failures') return [];
  const failed = numberAt(objectAt(s.progress)?.files_failed) ?? numberAt(objectAt(s.result)?.files_failed);
  if (failed === undefined) return [];
  return [
    judged(
      'JS-STATE-011',
      [
        status === 'completed' && failed > 0 && `the job is completed but reports ${failed} failed file(s)`,
        status === 'completed_with_failures' && failed === 0 && 'the job is completed_with_failures but reports no failed file',
      ],
      ctx,
    ),
  ];
};

/** A media job lagging at running/progress null is a real snapshot: it keeps its timestamps. */
export const checkMediaSnapshot: Check = (s, ctx) => {
  if (s.status !== 'running' || s.progress !== null) return [];
  const missing = (['created_at', 'updated_at'] as const).filter((key) => !stringAt(s[key]));
  return [judged('JS-MEDIA-001', [missing.length > 0 && `a running snapshot with progress null lacks ${missing.join(', ')}`], ctx)];
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

/** Every per-snapshot invariant judged on one snapshot; the schema is checked separately (snapshot-schema.ts). */
export function assessSnapshotState(snapshot: JobSnapshot, context: FindingContext = {}): Judged[] {
  const out: Judged[] = [];
  for (const check of STATE_CHECK_LIST) for (const judgement of check(snapshot, context)) out.push(judgement);
  return out;
}

export function checkSnapshotState(snapshot: JobSnapshot, context: FindingContext = {}): ReturnType<typeof findingsOf> {
  return findingsOf(assessSnapshotState(snapshot, context));
}
