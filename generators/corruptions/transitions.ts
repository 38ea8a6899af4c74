// Corruptions of the lifecycle across polls (JS-TRANS-001..006). Each keeps every snapshot valid
// on its own; only the sequence breaks. A change that must not reappear as a second break later
// (a status, a fixed timestamp) is applied to every later poll alike.
import type { JobSnapshot } from '../../src/model/job.js';
import { STAGES, isStage, stageRank } from '../../src/model/stage.js';
import { isTerminal, type JobStatus } from '../../src/model/status.js';
import { isFileTerminal, type FileStatusValue } from '../../src/model/file-status.js';
import { choose, editSnapshots, shiftIso, snapshotIndexes, snapshotOf, timelineCorruption, type TimelineCorruption } from './corruption.js';
import type { ScenarioTimelineOptions } from '../timeline.js';
import type { Timeline } from '../../src/oracle/observation.js';

const terminal = (s: JobSnapshot) => isTerminal(s.status);

/** Rewrites a terminal snapshot as a consistent snapshot of another terminal status. */
function restate(s: JobSnapshot, to: JobStatus): void {
  s.status = to;
  delete s.billing;
  if (to === 'failed') {
    s.error_code = 'JOB_FAILED';
    s.error_message = 'The job failed';
    s.result ??= { files_indexed: 0, files_failed: 0, files_skipped: 0, duration_seconds: 0, warnings: [] };
  }
  if (to === 'cancelled') {
    s.cancelled_by = 'admin';
    s.cancelled_at = s.completed_at ?? null;
  }
  s.progress_message = `Job ${to}`;
}

/**
 * A change that starts at a poll chosen among `polls` (never the first of them) and is kept on every later
 * one of them: it happens once, and is never undone into a second break.
 */
function keptChange(spec: {
  name: string;
  requirement: string;
  needs: ScenarioTimelineOptions;
  polls(timeline: Timeline): number[];
  /** What changes, given the snapshot where it starts. */
  change(first: JobSnapshot): { what: string; edit(s: JobSnapshot): void };
}): TimelineCorruption {
  const { polls, change, ...operator } = spec;
  return timelineCorruption({
    ...operator,
    corrupt(g, pick) {
      const indexes = polls(g.timeline);
      const from = choose(indexes.slice(1), pick);
      if (from === undefined) return undefined;
      const { what, edit } = change(snapshotOf(g.timeline[from])!);
      return {
        pollIndex: from,
        what,
        timeline: editSnapshots(
          g.timeline,
          indexes.filter((i) => i >= from),
          edit,
        ),
      };
    },
  });
}

export const terminalStatusChanges = keptChange({
  name: 'terminal-status-changes',
  requirement: 'JS-TRANS-001',
  needs: { minTerminalPolls: 2 },
  // Running after completed would need completed_at to vanish (JS-STATE-002, JS-TRANS-005), so the
  // regression that stays valid poll by poll is one terminal status turning into another.
  polls: (timeline) => snapshotIndexes(timeline, terminal),
  change(first) {
    const to: JobStatus = first.status === 'failed' ? 'cancelled' : 'failed';
    return { what: `status turns from ${first.status} to ${to}`, edit: (s) => restate(s, to) };
  },
});

/** The last value of `read` seen before each real snapshot, by snapshot index. */
function lastSeenBefore<T>(timeline: Timeline, read: (s: JobSnapshot) => T | undefined): Map<number, T> {
  const out = new Map<number, T>();
  let last: T | undefined;
  for (const o of timeline) {
    const s = snapshotOf(o);
    if (!s) continue;
    if (last !== undefined) out.set(o.index, last);
    last = read(s) ?? last;
  }
  return out;
}

export const stageGoesBack = timelineCorruption({
  name: 'stage-goes-back',
  requirement: 'JS-TRANS-002',
  needs: { scenario: { ends: ['run'] }, minPolls: 2, minTerminalPolls: 2 },
  corrupt(g, pick) {
    const seen = lastSeenBefore(g.timeline, (s) => s.progress?.current_stage ?? undefined);
    const candidates = snapshotIndexes(g.timeline, (s, i) => {
      const before = seen.get(i);
      // Only while running: the stage of a finished job is undocumented, so it may read anything.
      return s.status === 'running' && s.progress != null && before !== undefined && isStage(before) && stageRank(before) > 0;
    });
    const i = choose(candidates, pick);
    if (i === undefined) return undefined;
    const before = seen.get(i)!;
    const stage = STAGES[pick % stageRank(before as (typeof STAGES)[number])]!;
    const timeline = editSnapshots(g.timeline, [i], (s) => void (s.progress!.current_stage = stage));
    return { pollIndex: i, what: `stage goes back from ${before} to ${stage}`, timeline };
  },
});

export const fileStatusGoesBack = timelineCorruption({
  name: 'file-status-goes-back',
  requirement: 'JS-TRANS-003',
  needs: { scenario: { minFiles: 1 }, minPolls: 3 },
  corrupt(g, pick) {
    // Either a settled file turns into another terminal status (kept on every later poll, so the
    // change happens once), or a processing file is queued again on a running poll.
    const seen = new Map<string, FileStatusValue>();
    const candidates: { index: number; uri: string; to: FileStatusValue; from: FileStatusValue }[] = [];
    for (const o of g.timeline) {
      const s = snapshotOf(o);
      if (!s) continue;
      for (const f of s.files ?? []) {
        const before = seen.get(f.uri);
        if (before && isFileTerminal(before) && f.status === before) {
          candidates.push({ index: o.index, uri: f.uri, from: before, to: before === 'cancelled' ? 'skipped' : 'cancelled' });
        }
        if (before === 'processing' && f.status === 'processing' && !terminal(s)) {
          candidates.push({ index: o.index, uri: f.uri, from: before, to: 'queued' });
        }
        seen.set(f.uri, f.status);
      }
    }
    const c = choose(candidates, pick);
    if (!c) return undefined;
    const later = isFileTerminal(c.to) ? snapshotIndexes(g.timeline, (_, i) => i >= c.index) : [c.index];
    const timeline = editSnapshots(g.timeline, later, (s) => {
      const file = (s.files ?? []).find((f) => f.uri === c.uri);
      if (file) file.status = c.to;
    });
    return { pollIndex: c.index, what: `${c.uri} goes from ${c.from} to ${c.to}`, timeline };
  },
});

const DECREASABLE = ['files_processed', 'files_skipped', 'elapsed_seconds'] as const;

export const counterDecreases = timelineCorruption({
  name: 'counter-decreases',
  requirement: 'JS-TRANS-004',
  needs: { scenario: { ends: ['run'] }, minPolls: 3, minTerminalPolls: 1 },
  corrupt(g, pick) {
    // files_failed stays out: lowering it could make completed_with_failures report none (JS-STATE-011).
    const candidates: { index: number; key: (typeof DECREASABLE)[number]; to: number }[] = [];
    for (const key of DECREASABLE) {
      const seen = lastSeenBefore(g.timeline, (s) => s.progress?.[key] ?? undefined);
      for (const i of snapshotIndexes(g.timeline, (s) => s.progress != null)) {
        const before = seen.get(i);
        if (before !== undefined && before >= 1) candidates.push({ index: i, key, to: before - 1 });
      }
    }
    const c = choose(candidates, pick);
    if (!c) return undefined;
    const timeline = editSnapshots(g.timeline, [c.index], (s) => void (s.progress![c.key] = c.to));
    return { pollIndex: c.index, what: `progress.${c.key} drops to ${c.to}`, timeline };
  },
});

export const createdAtChanges = keptChange({
  name: 'created-at-changes',
  requirement: 'JS-TRANS-005',
  needs: { minPolls: 2 },
  polls: (timeline) => snapshotIndexes(timeline),
  // A second earlier, on this poll and every later one: still before every other timestamp.
  change: () => ({ what: 'created_at moves a second earlier', edit: (s) => void (s.created_at = shiftIso(s.created_at!, -1000)) }),
});

export const completedAtChanges = keptChange({
  name: 'completed-at-changes',
  requirement: 'JS-TRANS-005',
  needs: { minTerminalPolls: 2 },
  polls: (timeline) => snapshotIndexes(timeline, terminal),
  change: () => ({ what: 'completed_at moves a second later', edit: (s) => void (s.completed_at = shiftIso(s.completed_at!, 1000)) }),
});

export const updatedAtGoesBack = timelineCorruption({
  name: 'updated-at-goes-back',
  requirement: 'JS-TRANS-006',
  needs: { minPolls: 3 },
  corrupt(g, pick) {
    const seen = lastSeenBefore(g.timeline, (s) => (typeof s.updated_at === 'string' ? Date.parse(s.updated_at) : undefined));
    // A millisecond before the last updated_at seen, and still not before created_at (JS-STATE-007).
    const candidates = snapshotIndexes(g.timeline, (s, i) => {
      const before = seen.get(i);
      return before !== undefined && before - 1 >= Date.parse(s.created_at!);
    });
    const i = choose(candidates, pick);
    if (i === undefined) return undefined;
    const to = new Date(seen.get(i)! - 1).toISOString();
    return {
      pollIndex: i,
      what: `updated_at goes back to ${to}`,
      timeline: editSnapshots(g.timeline, [i], (s) => void (s.updated_at = to)),
    };
  },
});

export const TRANSITION_CORRUPTIONS = [
  terminalStatusChanges,
  stageGoesBack,
  fileStatusGoesBack,
  counterDecreases,
  createdAtChanges,
  completedAtChanges,
  updatedAtGoesBack,
];
