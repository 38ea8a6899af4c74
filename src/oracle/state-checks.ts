// Per-snapshot invariants (JS-STATE-*, JS-MEDIA-001): what one real snapshot must say about
// itself, whatever came before it. Each check reads untyped JSON and returns findings.
import type { JobSnapshot } from '../model/job.js';
import { isJobStatus, isTerminal, SUCCESS_STATUSES, type JobStatus } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { instantAt, isSet, numberAt, objectAt, show, stringAt } from './values.js';

type Check = (snapshot: JobSnapshot, context: FindingContext) => Finding[];

function statusOf(snapshot: JobSnapshot): JobStatus | undefined {
  return isJobStatus(snapshot.status) ? snapshot.status : undefined;
}

export const checkStartedAt: Check = (s, ctx) => {
  const status = statusOf(s);
  if (status === 'pending' && isSet(s.started_at)) {
    return [finding('JS-STATE-001', `started_at is ${show(s.started_at)} while the job is pending`, ctx)];
  }
  if ((status === 'running' || status === 'completed' || status === 'completed_with_failures') && !isSet(s.started_at)) {
    return [finding('JS-STATE-001', `started_at is ${show(s.started_at)} while the job is ${status}`, ctx)];
  }
  return [];
};

export const checkCompletedAt: Check = (s, ctx) => {
  const status = statusOf(s);
  if (!status) return [];
  if (isTerminal(status) && !isSet(s.completed_at)) {
    return [finding('JS-STATE-002', `completed_at is ${show(s.completed_at)} although the job is ${status}`, ctx)];
  }
  if (!isTerminal(status) && isSet(s.completed_at)) {
    return [finding('JS-STATE-002', `completed_at is ${show(s.completed_at)} while the job is ${status}`, ctx)];
  }
  return [];
};

export const checkBilling: Check = (s, ctx) => {
  const status = statusOf(s);
  if (!status) return [];
  const success = SUCCESS_STATUSES.includes(status);
  if (success && !isSet(s.billing)) return [finding('JS-STATE-003', `billing is absent although the job is ${status}`, ctx)];
  if (!success && isSet(s.billing)) return [finding('JS-STATE-003', `billing is present while the job is ${status}`, ctx)];
  return [];
};

export const checkFailureDetails: Check = (s, ctx) => {
  if (statusOf(s) !== 'failed') return [];
  const missing = (['error_code', 'error_message'] as const).filter((key) => !stringAt(s[key]));
  return missing.length === 0
    ? []
    : [finding('JS-STATE-004', `a failed job lacks ${missing.join(' and ')}`, ctx)];
};

export const checkCancelDetails: Check = (s, ctx) => {
  if (statusOf(s) !== 'cancelled') return [];
  const missing = (['cancelled_by', 'cancelled_at'] as const).filter((key) => !stringAt(s[key]));
  return missing.length === 0 ? [] : [finding('JS-STATE-005', `a cancelled job lacks ${missing.join(' and ')}`, ctx)];
};

export const checkResultPresence: Check = (s, ctx) => {
  const status = statusOf(s);
  const finished = status === 'completed' || status === 'completed_with_failures' || status === 'failed';
  return finished && !isSet(s.result) ? [finding('JS-STATE-006', `result is absent although the job is ${status}`, ctx)] : [];
};

export const checkTimestampOrder: Check = (s, ctx) => {
  const created = instantAt(s.created_at);
  const started = instantAt(s.started_at);
  const completed = instantAt(s.completed_at);
  const updated = instantAt(s.updated_at);
  const out: Finding[] = [];
  const before = (a: number | undefined, b: number | undefined, aName: string, bName: string) => {
    if (a !== undefined && b !== undefined && a > b) {
      out.push(finding('JS-STATE-007', `${aName} (${new Date(a).toISOString()}) is after ${bName} (${new Date(b).toISOString()})`, ctx));
    }
  };
  before(created, started, 'created_at', 'started_at');
  before(started, completed, 'started_at', 'completed_at');
  before(created, completed, 'created_at', 'completed_at');
  before(created, updated, 'created_at', 'updated_at');
  return out;
};

export const COUNTERS = ['files_total', 'files_processed', 'files_failed', 'files_skipped', 'elapsed_seconds'] as const;

export const checkCounters: Check = (s, ctx) => {
  const progress = objectAt(s.progress);
  if (!progress) return [];
  const out: Finding[] = [];
  for (const key of COUNTERS) {
    const value = numberAt(progress[key]);
    if (value !== undefined && value < 0) out.push(finding('JS-STATE-008', `progress.${key} is negative (${value})`, ctx));
  }
  const total = numberAt(progress.files_total);
  if (total === undefined) return out;
  const parts = (['files_processed', 'files_failed', 'files_skipped'] as const).map((key) => [key, numberAt(progress[key]) ?? 0] as const);
  for (const [key, value] of parts) {
    if (value > total) out.push(finding('JS-STATE-008', `progress.${key} (${value}) exceeds files_total (${total})`, ctx));
  }
  const settled = parts.reduce((sum, [, value]) => sum + value, 0);
  if (settled > total) {
    out.push(finding('JS-STATE-008', `processed + failed + skipped (${settled}) exceeds files_total (${total})`, ctx));
  }
  return out;
};

export const checkEstimate: Check = (s, ctx) => {
  const eta = s.estimated_time_remaining_seconds as unknown;
  if (eta === undefined || eta === null) return [];
  return typeof eta === 'number' && Number.isInteger(eta) && eta >= 0
    ? []
    : [finding('JS-STATE-009', `estimated_time_remaining_seconds is ${show(eta)}, not a non-negative integer`, ctx)];
};

export const checkSettledFiles: Check = (s, ctx) => {
  const status = statusOf(s);
  if (!status || !isTerminal(status) || !Array.isArray(s.files)) return [];
  const unsettled = s.files.filter((f) => {
    const fileStatus = objectAt(f)?.status;
    return fileStatus === 'queued' || fileStatus === 'processing';
  });
  if (unsettled.length === 0) return [];
  const names = unsettled.slice(0, 3).map((f) => `${show(objectAt(f)?.uri)} (${show(objectAt(f)?.status)})`);
  return [finding('JS-STATE-010', `the job is ${status} but ${unsettled.length} file(s) are not settled: ${names.join(', ')}`, ctx)];
};

export const checkOutcomeAgreement: Check = (s, ctx) => {
  const status = statusOf(s);
  if (status !== 'completed' && status !== 'completed_with_failures') return [];
  const failed = numberAt(objectAt(s.progress)?.files_failed) ?? numberAt(objectAt(s.result)?.files_failed);
  if (failed === undefined) return [];
  if (status === 'completed' && failed > 0) {
    return [finding('JS-STATE-011', `the job is completed but reports ${failed} failed file(s)`, ctx)];
  }
  if (status === 'completed_with_failures' && failed === 0) {
    return [finding('JS-STATE-011', 'the job is completed_with_failures but reports no failed file', ctx)];
  }
  return [];
};

/** A media job lagging at running/progress null is a real snapshot: it keeps its timestamps. */
export const checkMediaSnapshot: Check = (s, ctx) => {
  if (s.status !== 'running' || s.progress !== null) return [];
  const missing = (['created_at', 'updated_at', 'started_at'] as const).filter((key) => !stringAt(s[key]));
  return missing.length === 0
    ? []
    : [finding('JS-MEDIA-001', `a running snapshot with progress null lacks ${missing.join(', ')}`, ctx)];
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

/** Every per-snapshot invariant; the schema is checked separately (snapshot-schema.ts). */
export function checkSnapshotState(snapshot: JobSnapshot, context: FindingContext = {}): Finding[] {
  return Object.values(STATE_CHECKS).flatMap((check) => check(snapshot, context));
}
