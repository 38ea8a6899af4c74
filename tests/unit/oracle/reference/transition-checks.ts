// Lifecycle across polls (JS-TRANS-001..006). Only real snapshots carry state: placeholders,
// HTTP errors and malformed answers are skipped, so completed -> placeholder -> completed is legal.
// Polling skips states, so each rule is reachability from the last value seen, not adjacency. A rule
// is judged only when it compared a value with an earlier one: a single poll proves no transition.
import { canObserveFileStatus, isFileStatus, type FileStatusValue } from '../../../../src/model/file-status.js';
import type { JobSnapshot } from '../../../../src/model/job.js';
import { canObserveStage, STAGE_VALUES, type StageValue } from '../../../../src/model/stage.js';
import { canObserveStatus, isKnownStatus, type KnownStatus } from '../../../../src/model/status.js';
import { finding, type Finding, type FindingContext } from '../../../../src/oracle/finding.js';
import { findingsOf, type Judged } from './judged.js';
import type { Observation } from '../../../../src/oracle/observation.js';
import { COUNTERS } from './state-checks.js';
import { instantAt, numberAt, objectAt, show, stringAt } from './values.js';

export interface TimelineOptions {
  jobId?: string;
}

type TimelineCheck = (timeline: readonly Observation[], options?: TimelineOptions) => Judged[];

/** A value seen at a poll, keyed by what it is the value of (a counter's name, a file's uri...). */
type Sighting<T> = { value: T; pollIndex: number };

/** Where a rule reports the keyed values it reads in a snapshot. */
interface Sightings<T> {
  see(key: string, value: T): void;
}

/** A lifecycle rule: the keyed values it follows in a snapshot, and which may not follow which. */
interface Rule<T> {
  requirement: string;
  read: (snapshot: JobSnapshot, sightings: Sightings<T>) => void;
  /** The message of a finding when `after` may not follow `before` (seen at `since`). */
  illegal: (before: T, after: T, key: string, since: string) => string | undefined;
}

/** A rule following one timeline, a snapshot at a time, whatever the type of the values it follows. */
interface Following {
  visit(observation: Observation & { kind: 'snapshot' }): void;
  /** The rule's judgement, or nothing when no value was ever compared with an earlier one. */
  judgement(): Judged | undefined;
}

/** One rule following one timeline: each keyed value against the one last seen under its key. */
class Follower<T> implements Sightings<T>, Following {
  private readonly last = new Map<string, Sighting<T>>();
  private readonly findings: Finding[] = [];
  private compared = false;
  private current: (Observation & { kind: 'snapshot' }) | undefined;

  constructor(
    private readonly rule: Rule<T>,
    private readonly jobId: string | undefined,
  ) {}

  visit(observation: Observation & { kind: 'snapshot' }): void {
    this.current = observation;
    this.rule.read(observation.snapshot, this);
  }

  see(key: string, value: T): void {
    const at = this.current!;
    const before = this.last.get(key);
    if (before === undefined) {
      this.last.set(key, { value, pollIndex: at.index });
      return;
    }
    this.compared = true;
    const message = this.rule.illegal(before.value, value, key, `poll ${before.pollIndex}`);
    if (message)
      this.findings.push(
        finding(this.rule.requirement, message, { jobId: this.jobId ?? stringAt(at.snapshot.job_id), pollIndex: at.index }),
      );
    before.value = value;
    before.pollIndex = at.index;
  }

  judgement(): Judged | undefined {
    return this.compared ? { requirement: this.rule.requirement, findings: this.findings } : undefined;
  }
}

/** A check of one rule over a whole timeline, which can also follow a timeline alongside the other rules. */
type TransitionCheck = TimelineCheck & { follow(jobId?: string): Following };

/** Walks the real snapshots of a timeline once, every follower at each; judgements in the followers' order. */
function walk(followers: readonly Following[], timeline: readonly Observation[]): Judged[] {
  for (const observation of timeline) {
    if (observation.kind !== 'snapshot') continue;
    for (const f of followers) f.visit(observation);
  }
  const out: Judged[] = [];
  for (const f of followers) {
    const judgement = f.judgement();
    if (judgement) out.push(judgement);
  }
  return out;
}

/**
 * Walks the real snapshots and, for every keyed value the rule reads in one, asks `illegal` whether
 * it may follow the value last seen under that key; `illegal` returns the message of a finding.
 */
function monotone<T>(rule: Rule<T>): TransitionCheck {
  const follow = (jobId?: string): Following => new Follower(rule, jobId);
  return Object.assign((timeline: readonly Observation[], options: TimelineOptions = {}) => walk([follow(options.jobId)], timeline), {
    follow,
  });
}

function isStageValue(value: unknown): value is StageValue {
  return typeof value === 'string' && (STAGE_VALUES as readonly string[]).includes(value);
}

export const checkStatusTransitions = monotone<KnownStatus>({
  requirement: 'JS-TRANS-001',
  read: (s, sightings) => {
    if (isKnownStatus(s.status)) sightings.see('status', s.status);
  },
  illegal: (before, after, _key, since) =>
    canObserveStatus(before, after) ? undefined : `status went from ${before} (${since}) to ${after}`,
});

export const checkStageOrder = monotone<StageValue>({
  requirement: 'JS-TRANS-002',
  read: (s, sightings) => {
    // The stage of a finished job is undocumented ("When status is running"): only running snapshots count.
    const stage = objectAt(s.progress)?.current_stage;
    if (s.status === 'running' && isStageValue(stage)) sightings.see('stage', stage);
  },
  illegal: (before, after, _key, since) =>
    canObserveStage(before, after) ? undefined : `stage went back from ${before} (${since}) to ${after}`,
});

export const checkFileTransitions = monotone<FileStatusValue>({
  requirement: 'JS-TRANS-003',
  read: (s, sightings) => {
    if (!Array.isArray(s.files)) return;
    const listed = new Set<string>(); // a uri listed twice in one answer is a paging problem, not a transition
    for (const file of s.files) {
      const uri = stringAt(objectAt(file)?.uri);
      const status = objectAt(file)?.status;
      if (uri === undefined || !isFileStatus(status) || listed.has(uri)) continue;
      listed.add(uri);
      sightings.see(uri, status);
    }
  },
  illegal: (before, after, uri, since) =>
    canObserveFileStatus(before, after) ? undefined : `file ${show(uri)} went from ${before} (${since}) to ${after}`,
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
  illegal: (before, after, key, since) => (after < before ? `progress.${key} decreased from ${before} (${since}) to ${after}` : undefined),
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
    return same ? undefined : `${key} changed from ${show(before)} (${since}) to ${show(after)}`;
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
      ? `updated_at went back from ${new Date(before).toISOString()} (${since}) to ${new Date(after).toISOString()}`
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
