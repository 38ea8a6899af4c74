// Lifecycle across polls (JS-TRANS-001..006). Only real snapshots carry state: placeholders,
// HTTP errors and malformed answers are skipped, so completed -> placeholder -> completed is legal.
// Polling skips states, so each rule is reachability from the last value seen, not adjacency. A rule
// is judged only when it compared a value with an earlier one: a single poll proves no transition.
import { canObserveFileStatus, isFileStatus, type FileStatusValue } from '../../../../src/model/file-status.js';
import { canObserveStage, STAGE_VALUES, type StageValue } from '../../../../src/model/stage.js';
import { canObserveStatus, isKnownStatus, type KnownStatus } from '../../../../src/model/status.js';
import type { Finding } from '../../../../src/oracle/finding.js';
import { Lifecycle, monotone, walk, type TimelineOptions, type TransitionCheck } from './following.js';
import { findingsOf, type Judged } from './judged.js';
import type { Observation } from '../../../../src/oracle/observation.js';
import { COUNTERS } from './state-checks.js';
import { instantAt } from '../../../../src/contract/date-time.js';
import { numberAt, objectAt, show, stringAt } from '../../../../src/oracle/values.js';

export type { TimelineOptions };

function isStageValue(value: unknown): value is StageValue {
  return typeof value === 'string' && (STAGE_VALUES as readonly string[]).includes(value);
}

export const checkStatusTransitions = monotone<KnownStatus>({
  requirement: 'JS-TRANS-001',
  read: (s, sightings) => {
    if (isKnownStatus(s.status)) sightings.see('status', s.status);
  },
  illegal: (before, after, _key, since) =>
    canObserveStatus(before, after) ? undefined : `status went from ${before} (poll ${since}) to ${after}`,
});

export const checkStageOrder = monotone<StageValue>({
  requirement: 'JS-TRANS-002',
  read: (s, sightings) => {
    // The stage of a finished job is undocumented ("When status is running"): only running snapshots count.
    const stage = objectAt(s.progress)?.current_stage;
    if (s.status === 'running' && isStageValue(stage)) sightings.see('stage', stage);
  },
  illegal: (before, after, _key, since) =>
    canObserveStage(before, after) ? undefined : `stage went back from ${before} (poll ${since}) to ${after}`,
});

export const checkFileTransitions = monotone<FileStatusValue>({
  requirement: 'JS-TRANS-003',
  read: (s, sightings) => {
    if (!Array.isArray(s.files)) return;
    for (const file of s.files) {
      const entry = objectAt(file);
      const uri = stringAt(entry?.uri);
      const status = entry?.status;
      if (uri !== undefined && isFileStatus(status)) sightings.see(uri, status);
    }
  },
  illegal: (before, after, uri, since) =>
    canObserveFileStatus(before, after) ? undefined : `file ${show(uri)} went from ${before} (poll ${since}) to ${after}`,
});

export const checkCounterMonotonicity = monotone<number>({
  requirement: 'JS-TRANS-004',
  read: (s, sightings) => {
    const progress = objectAt(s.progress);
    if (!progress) return;
    for (const key of COUNTERS) {
      const value = numberAt(progress[key]);
      if (value !== undefined) sightings.see(key, value);
    }
  },
  illegal: (before, after, key, since) =>
    after < before ? `progress.${key} decreased from ${before} (poll ${since}) to ${after}` : undefined,
});

const FIXED_TIMESTAMPS = ['created_at', 'started_at', 'completed_at'] as const;

export const checkFixedTimestamps = monotone<unknown>({
  requirement: 'JS-TRANS-005',
  read: (s, sightings) => {
    // Once set, a fixed timestamp is compared on every later poll: absent counts as null.
    for (const key of FIXED_TIMESTAMPS) sightings.see(key, (s[key] as unknown) ?? null);
  },
  illegal: (before, after, key, since) => {
    if (before === null) return undefined;
    const same = after !== null && (after === before || (instantAt(after) !== undefined && instantAt(after) === instantAt(before)));
    return same ? undefined : `${key} changed from ${show(before)} (poll ${since}) to ${show(after)}`;
  },
});

export const checkUpdatedAtMonotonic = monotone<number>({
  requirement: 'JS-TRANS-006',
  read: (s, sightings) => {
    const at = instantAt(s.updated_at);
    if (at !== undefined) sightings.see('updated_at', at);
  },
  illegal: (before, after, _key, since) =>
    after < before
      ? `updated_at went back from ${new Date(before).toISOString()} (poll ${since}) to ${new Date(after).toISOString()}`
      : undefined,
});

export const TRANSITION_CHECKS: Record<string, TransitionCheck> = {
  checkStatusTransitions,
  checkStageOrder,
  checkFileTransitions,
  checkCounterMonotonicity,
  checkFixedTimestamps,
  checkUpdatedAtMonotonic,
};

const TRANSITION_CHECK_LIST = Object.values(TRANSITION_CHECKS);

/** Every lifecycle rule, ready to follow one job's timeline a poll at a time. */
export function followLifecycle(options: TimelineOptions = {}): Lifecycle {
  return new Lifecycle(TRANSITION_CHECK_LIST.map((check) => check.follow(options.jobId)));
}

/** Every lifecycle rule judged over one job's timeline, in one walk over its snapshots. */
export function assessTimelineTransitions(timeline: readonly Observation[], options: TimelineOptions = {}): Judged[] {
  return walk(
    TRANSITION_CHECK_LIST.map((check) => check.follow(options.jobId)),
    timeline,
  );
}

/** Every lifecycle rule over one job's timeline. */
export function checkTimeline(timeline: readonly Observation[], options: TimelineOptions = {}): Finding[] {
  return findingsOf(assessTimelineTransitions(timeline, options));
}
