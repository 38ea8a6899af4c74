// Lifecycle across polls (JS-TRANS-001..006). Only real snapshots carry state: placeholders,
// HTTP errors and malformed answers are skipped, so completed -> placeholder -> completed is legal.
// Polling skips states, so each rule is reachability from the last value seen, not adjacency. A rule
// is judged only when it compared a value with an earlier one: a single poll proves no transition.
import { canObserveFileStatus, isFileStatus } from '../model/file-status.js';
import type { JobSnapshot } from '../model/job.js';
import { canObserveStage, STAGE_VALUES, type StageValue } from '../model/stage.js';
import { canObserveStatus, isKnownStatus } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { findingsOf, type Judged } from './judged.js';
import type { Observation } from './observation.js';
import { COUNTERS } from './state-checks.js';
import { instantAt, numberAt, objectAt, show, stringAt } from './values.js';

export interface TimelineOptions {
  jobId?: string;
}

type TimelineCheck = (timeline: readonly Observation[], options?: TimelineOptions) => Judged[];

/** A value seen at a poll, keyed by what it is the value of (a counter's name, a file's uri...). */
type Sighting<T> = { value: T; pollIndex: number };

/**
 * Walks the real snapshots and, for every keyed value `read` finds in one, asks `illegal` whether
 * it may follow the value last seen under that key; `illegal` returns the message of a finding.
 */
function monotone<T>(
  requirement: string,
  read: (snapshot: JobSnapshot) => Iterable<[key: string, value: T]>,
  illegal: (before: T, after: T, key: string, since: string) => string | undefined,
): TimelineCheck {
  return (timeline, options = {}) => {
    const out: Finding[] = [];
    const last = new Map<string, Sighting<T>>();
    let compared = false;
    for (const observation of timeline) {
      if (observation.kind !== 'snapshot') continue;
      const ctx: FindingContext = { jobId: options.jobId ?? stringAt(observation.snapshot.job_id), pollIndex: observation.index };
      for (const [key, value] of read(observation.snapshot)) {
        const before = last.get(key);
        if (before) compared = true;
        const message = before && illegal(before.value, value, key, `poll ${before.pollIndex}`);
        if (message) out.push(finding(requirement, message, ctx));
        last.set(key, { value, pollIndex: observation.index });
      }
    }
    return compared ? [{ requirement, findings: out }] : [];
  };
}

function isStageValue(value: unknown): value is StageValue {
  return typeof value === 'string' && (STAGE_VALUES as readonly string[]).includes(value);
}

export const checkStatusTransitions = monotone(
  'JS-TRANS-001',
  (s) => (isKnownStatus(s.status) ? [['status', s.status]] : []),
  (before, after, _key, since) => (canObserveStatus(before, after) ? undefined : `status went from ${before} (${since}) to ${after}`),
);

export const checkStageOrder = monotone(
  'JS-TRANS-002',
  (s) => {
    // The stage of a finished job is undocumented ("When status is running"): only running snapshots count.
    const stage = objectAt(s.progress)?.current_stage;
    return s.status === 'running' && isStageValue(stage) ? [['stage', stage]] : [];
  },
  (before, after, _key, since) => (canObserveStage(before, after) ? undefined : `stage went back from ${before} (${since}) to ${after}`),
);

export const checkFileTransitions = monotone(
  'JS-TRANS-003',
  function* (s) {
    const listed = new Set<string>(); // a uri listed twice in one answer is a paging problem, not a transition
    for (const file of Array.isArray(s.files) ? s.files : []) {
      const uri = stringAt(objectAt(file)?.uri);
      const status = objectAt(file)?.status;
      if (uri === undefined || !isFileStatus(status) || listed.has(uri)) continue;
      listed.add(uri);
      yield [uri, status];
    }
  },
  (before, after, uri, since) => (canObserveFileStatus(before, after) ? undefined : `file ${show(uri)} went from ${before} (${since}) to ${after}`),
);

export const checkCounterMonotonicity = monotone(
  'JS-TRANS-004',
  function* (s) {
    const progress = objectAt(s.progress);
    for (const key of COUNTERS) {
      const value = numberAt(progress?.[key]);
      if (value !== undefined) yield [key, value];
    }
  },
  (before, after, key, since) => (after < before ? `progress.${key} decreased from ${before} (${since}) to ${after}` : undefined),
);

export const checkFixedTimestamps = monotone(
  'JS-TRANS-005',
  function* (s) {
    for (const key of ['created_at', 'started_at', 'completed_at'] as const) {
      // Once set, a fixed timestamp is compared on every later poll: absent counts as null.
      yield [key, (s[key] as unknown) ?? null];
    }
  },
  (before, after, key, since) => {
    if (before === null) return undefined;
    const same = after !== null && (after === before || (instantAt(after) !== undefined && instantAt(after) === instantAt(before)));
    return same ? undefined : `${key} changed from ${show(before)} (${since}) to ${show(after)}`;
  },
);

export const checkUpdatedAtMonotonic = monotone(
  'JS-TRANS-006',
  (s) => {
    const at = instantAt(s.updated_at);
    return at === undefined ? [] : [['updated_at', at]];
  },
  (before, after, _key, since) =>
    after < before ? `updated_at went back from ${new Date(before).toISOString()} (${since}) to ${new Date(after).toISOString()}` : undefined,
);

export const TRANSITION_CHECKS: Record<string, TimelineCheck> = {
  checkStatusTransitions,
  checkStageOrder,
  checkFileTransitions,
  checkCounterMonotonicity,
  checkFixedTimestamps,
  checkUpdatedAtMonotonic,
};

/** Every lifecycle rule judged over one job's timeline. */
export function assessTimelineTransitions(timeline: readonly Observation[], options: TimelineOptions = {}): Judged[] {
  return Object.values(TRANSITION_CHECKS).flatMap((check) => check(timeline, options));
}

/** Every lifecycle rule over one job's timeline. */
export function checkTimeline(timeline: readonly Observation[], options: TimelineOptions = {}): Finding[] {
  return findingsOf(assessTimelineTransitions(timeline, options));
}
