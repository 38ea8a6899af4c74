// Corruptions of per-snapshot invariants (JS-STATE-*, JS-MEDIA-001). Timestamps that are fixed
// once set (JS-TRANS-005) constrain them: a value is only ever introduced where no earlier poll saw
// another one, and kept on every later poll.
import { billingOf } from '../../src/model/billing.js';
import type { JobSnapshot } from '../../src/model/job.js';
import { isTerminal, SUCCESS_STATUSES, type JobStatus } from '../../src/model/status.js';
import { choose, editSnapshots, shiftIso, snapshotIndexes, snapshotOf, timelineCorruption } from './corruption.js';

const terminal = (s: JobSnapshot) => isTerminal(s.status);
const success = (s: JobSnapshot) => SUCCESS_STATUSES.includes(s.status);
const statusIn =
  (...statuses: JobStatus[]) =>
  (s: JobSnapshot) =>
    statuses.includes(s.status);

export const startedAtMissingWhileRunning = timelineCorruption({
  name: 'started-at-missing-while-running',
  requirement: 'JS-STATE-014',
  needs: { scenario: { ends: ['run'] }, minTerminalPolls: 1 },
  corrupt(g) {
    // Only the first poll that shows started_at can drop it: a later drop would change it (JS-TRANS-005).
    const first = snapshotIndexes(g.timeline, (s) => typeof s.started_at === 'string')[0];
    const s = snapshotOf(g.timeline[first ?? -1]);
    // A running snapshot with progress null must keep started_at for JS-MEDIA-001's sake.
    if (first === undefined || !s || !(success(s) || (s.status === 'running' && s.progress !== null))) return undefined;
    return {
      pollIndex: first,
      what: `started_at is null while ${s.status}`,
      timeline: editSnapshots(g.timeline, [first], (c) => void (c.started_at = null)),
    };
  },
});

export const startedAtSetWhilePending = timelineCorruption({
  name: 'started-at-set-while-pending',
  requirement: 'JS-STATE-001',
  corrupt(g, pick) {
    const real = snapshotIndexes(g.timeline);
    // Pending polls after which every real snapshot shows one same started_at (or none follows).
    const candidates = real.filter((i, k) => {
      if (snapshotOf(g.timeline[i])?.status !== 'pending') return false;
      const later = real.slice(k + 1).map((j) => snapshotOf(g.timeline[j])!.started_at);
      return later.every((v) => typeof v === 'string' && v === later[0]);
    });
    const i = choose(candidates, pick);
    if (i === undefined) return undefined;
    const later = real.filter((j) => j > i).map((j) => snapshotOf(g.timeline[j])!.started_at);
    const startedAt = later[0] ?? snapshotOf(g.timeline[i])!.created_at!;
    return {
      pollIndex: i,
      what: `started_at is ${startedAt} while pending`,
      timeline: editSnapshots(g.timeline, [i], (s) => void (s.started_at = startedAt)),
    };
  },
});

export const completedAtMissingWhenTerminal = timelineCorruption({
  name: 'completed-at-missing-when-terminal',
  requirement: 'JS-STATE-002',
  needs: { minTerminalPolls: 1 },
  corrupt(g) {
    const first = snapshotIndexes(g.timeline, terminal)[0];
    if (first === undefined) return undefined;
    return {
      pollIndex: first,
      what: 'completed_at is null on the first terminal poll',
      timeline: editSnapshots(g.timeline, [first], (s) => void (s.completed_at = null)),
    };
  },
});

export const completedAtSetWhileActive = timelineCorruption({
  name: 'completed-at-set-while-active',
  requirement: 'JS-STATE-002',
  corrupt(g, pick) {
    const real = snapshotIndexes(g.timeline);
    const candidates = real.filter((i, k) => {
      if (terminal(snapshotOf(g.timeline[i])!)) return false;
      const later = real.slice(k + 1).map((j) => snapshotOf(g.timeline[j])!.completed_at);
      return later.every((v) => typeof v === 'string' && v === later[0]);
    });
    const i = choose(candidates, pick);
    if (i === undefined) return undefined;
    const s = snapshotOf(g.timeline[i])!;
    const later = real.filter((j) => j > i).map((j) => snapshotOf(g.timeline[j])!.completed_at);
    const completedAt = later[0] ?? s.updated_at!;
    return {
      pollIndex: i,
      what: `completed_at is ${completedAt} while ${s.status}`,
      timeline: editSnapshots(g.timeline, [i], (c) => void (c.completed_at = completedAt)),
    };
  },
});

export const billingMissingOnSuccess = timelineCorruption({
  name: 'billing-missing-on-success',
  requirement: 'JS-STATE-003',
  needs: { scenario: { ends: ['run'] }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline, success), pick);
    if (i === undefined) return undefined;
    return { pollIndex: i, what: 'billing is absent on success', timeline: editSnapshots(g.timeline, [i], (s) => void delete s.billing) };
  },
});

export const billingPresentUnbilled = timelineCorruption({
  name: 'billing-present-unbilled',
  requirement: 'JS-STATE-013',
  corrupt(g, pick) {
    const i = choose(
      snapshotIndexes(g.timeline, (s) => !success(s)),
      pick,
    );
    if (i === undefined) return undefined;
    const s = snapshotOf(g.timeline[i])!;
    return {
      pollIndex: i,
      what: `billing is present while ${s.status}`,
      timeline: editSnapshots(g.timeline, [i], (c) => void (c.billing = billingOf(3))),
    };
  },
});

export const failedWithoutError = timelineCorruption({
  name: 'failed-without-error',
  requirement: 'JS-STATE-004',
  needs: { scenario: { ends: ['fail'] }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline, statusIn('failed')), pick);
    if (i === undefined) return undefined;
    const timeline = editSnapshots(g.timeline, [i], (s) => {
      if (pick % 2 === 0) s.error_code = '';
      else delete s.error_message;
    });
    return { pollIndex: i, what: pick % 2 === 0 ? 'error_code is empty' : 'error_message is absent', timeline };
  },
});

export const cancelledWithoutWho = timelineCorruption({
  name: 'cancelled-without-who',
  requirement: 'JS-STATE-005',
  needs: { scenario: { ends: ['cancel'] }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    const i = choose(
      snapshotIndexes(g.timeline, (s) => s.status === 'cancelled' && typeof s.cancelled_by === 'string'),
      pick,
    );
    if (i === undefined) return undefined;
    return { pollIndex: i, what: 'cancelled_by is absent', timeline: editSnapshots(g.timeline, [i], (s) => void delete s.cancelled_by) };
  },
});

export const resultMissing = timelineCorruption({
  name: 'result-missing',
  requirement: 'JS-STATE-006',
  needs: { scenario: { ends: ['run', 'fail'] }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline, statusIn('completed', 'completed_with_failures', 'failed')), pick);
    if (i === undefined) return undefined;
    return { pollIndex: i, what: 'result is absent', timeline: editSnapshots(g.timeline, [i], (s) => void delete s.result) };
  },
});

export const updatedBeforeCreated = timelineCorruption({
  name: 'updated-before-created',
  requirement: 'JS-STATE-007',
  corrupt(g) {
    // Only the first real poll: anywhere later, updated_at would also go back (JS-TRANS-006).
    const first = snapshotIndexes(g.timeline)[0];
    if (first === undefined) return undefined;
    const timeline = editSnapshots(g.timeline, [first], (s) => void (s.updated_at = shiftIso(s.created_at!, -10_000)));
    return { pollIndex: first, what: 'updated_at is ten seconds before created_at', timeline };
  },
});

export const completedBeforeStarted = timelineCorruption({
  name: 'completed-before-started',
  requirement: 'JS-STATE-007',
  needs: { scenario: { ends: ['run'] }, minTerminalPolls: 1 },
  corrupt(g) {
    // Moved on every terminal poll alike, so completed_at never changes across polls (JS-TRANS-005).
    const terminals = snapshotIndexes(g.timeline, (s) => terminal(s) && typeof s.started_at === 'string');
    const first = terminals[0];
    if (first === undefined) return undefined;
    // Well past the clock skew the oracle tolerates (CLOCK_SKEW_MS).
    const completedAt = shiftIso(snapshotOf(g.timeline[first])!.started_at!, -10_000);
    const timeline = editSnapshots(g.timeline, terminals, (s) => void (s.completed_at = completedAt));
    return { pollIndex: first, what: 'completed_at is ten seconds before started_at', timeline };
  },
});

export const counterExceedsTotal = timelineCorruption({
  name: 'counter-exceeds-total',
  requirement: 'JS-STATE-008',
  corrupt(g, pick) {
    const withCounters = snapshotIndexes(g.timeline, (s) => typeof s.progress?.files_total === 'number');
    const from = choose(withCounters, pick);
    if (from === undefined) return undefined;
    // Raised by the same amount from this poll on, so files_skipped still never decreases (JS-TRANS-004).
    const raise = Math.max(...withCounters.map((i) => snapshotOf(g.timeline[i])!.progress!.files_total!)) + 1;
    const timeline = editSnapshots(
      g.timeline,
      withCounters.filter((i) => i >= from),
      (s) => {
        s.progress!.files_skipped = (s.progress!.files_skipped ?? 0) + raise;
      },
    );
    return { pollIndex: from, what: `files_skipped raised by ${raise}, above files_total`, timeline };
  },
});

export const estimateNotInteger = timelineCorruption({
  name: 'estimate-not-integer',
  requirement: 'JS-STATE-009',
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline), pick);
    if (i === undefined) return undefined;
    return {
      pollIndex: i,
      what: 'estimated_time_remaining_seconds is 12.5',
      timeline: editSnapshots(g.timeline, [i], (s) => void (s.estimated_time_remaining_seconds = 12.5)),
    };
  },
});

export const unsettledFileWhenTerminal = timelineCorruption({
  name: 'unsettled-file-when-terminal',
  requirement: 'JS-STATE-010',
  needs: { scenario: { minFiles: 1 }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    // On the first terminal poll, a file last seen queued or processing (or never) stays so; it
    // settles on the next poll, which is a legal move (JS-TRANS-003).
    const first = snapshotIndexes(g.timeline, terminal)[0];
    if (first === undefined) return undefined;
    const lastSeen = new Map<string, string>();
    for (const o of g.timeline.slice(0, first)) for (const f of snapshotOf(o)?.files ?? []) lastSeen.set(f.uri, f.status);
    const files = snapshotOf(g.timeline[first])!.files ?? [];
    const uri = choose(
      files.map((f) => f.uri).filter((u) => ['queued', 'processing', undefined].includes(lastSeen.get(u))),
      pick,
    );
    if (uri === undefined) return undefined;
    const status = lastSeen.get(uri) === 'queued' ? 'queued' : 'processing';
    const timeline = editSnapshots(g.timeline, [first], (s) => {
      const file = s.files!.find((f) => f.uri === uri)!;
      file.status = status;
      delete file.error_code;
      delete file.error_message;
    });
    return { pollIndex: first, what: `${uri} is ${status} while the job is ${snapshotOf(g.timeline[first])!.status}`, timeline };
  },
});

export const mediaSnapshotWithoutTimestamps = timelineCorruption({
  name: 'media-snapshot-without-timestamps',
  requirement: 'JS-MEDIA-001',
  corrupt(g, pick) {
    // A running snapshot at progress null (the media path) that drops updated_at: dropping created_at
    // or started_at would also change a fixed timestamp (JS-TRANS-005), and dropping every timestamp
    // would make it the placeholder (classify).
    const i = choose(
      snapshotIndexes(g.timeline, (s) => s.status === 'running'),
      pick,
    );
    if (i === undefined) return undefined;
    const key = 'updated_at';
    const timeline = editSnapshots(g.timeline, [i], (s) => {
      s.progress = null;
      delete s[key];
    });
    return { pollIndex: i, what: `a running snapshot at progress null lacks ${key}`, timeline };
  },
});

export const STATE_CORRUPTIONS = [
  startedAtMissingWhileRunning,
  startedAtSetWhilePending,
  completedAtMissingWhenTerminal,
  completedAtSetWhileActive,
  billingMissingOnSuccess,
  billingPresentUnbilled,
  failedWithoutError,
  cancelledWithoutWho,
  resultMissing,
  updatedBeforeCreated,
  completedBeforeStarted,
  counterExceedsTotal,
  estimateNotInteger,
  unsettledFileWhenTerminal,
  mediaSnapshotWithoutTimestamps,
];
