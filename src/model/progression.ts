// How a job unfolds: the snapshot a conforming server returns for a scenario at any instant.
// The simulator serves it, the generators sample it, the poller benchmark replays it; so the
// lifecycle rules of the catalog are encoded once, here, and proven by the oracle.
import { billingOf } from './billing.js';
import type { FileStatus, JobProgress, JobSnapshot } from './job.js';
import type { FileScenario, JobIdentity, Scenario } from './scenario.js';
import { STAGES, type Stage, type StageValue } from './stage.js';
import type { FileStatusValue } from './file-status.js';
import type { JobStatus } from './status.js';

const STAGE_DESCRIPTIONS: Record<Stage, string> = {
  scanning: 'Scanning bucket for files',
  extracting: 'Extracting text content from documents',
  chunking: 'Splitting documents into semantic chunks',
  tagging: 'AI tagging and summarization',
  embedding: 'Generating vector embeddings',
  finalizing: 'Aggregating results and recording billing',
};

const PAGES_PER_FILE = 3;

/** Where a job's life is cut short, in seconds after creation. */
interface Cut {
  atS: number;
  kind: 'cancelled' | 'failed';
}

/** The schedule of one scenario, in seconds after creation. */
interface Plan {
  startS: number;
  stageStartS: number[];
  runEndS: number;
  /** Processing window of each file (skipped files settle when scanning ends). */
  windows: [number, number][];
  skipS: number;
  /** When the job reaches its terminal status, or Infinity when it never does. */
  terminalS: number;
  terminalStatus: JobStatus;
  cut: Cut | null;
  /** A stuck job's clock stops here. */
  freezeS: number;
  /** Start of the media lag: running, progress null, until terminalS. */
  lagFromS: number;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

function plan(scenario: Scenario): Plan {
  const startS = scenario.pendingSeconds;
  const stageStartS = STAGES.map((_, i) => startS + sum(scenario.stageSeconds.slice(0, i)));
  const runEndS = startS + sum(scenario.stageSeconds);
  const filesFromS = stageStartS[1]!;
  const span = stageStartS[5]! - filesFromS;
  const processed = scenario.files.filter((f) => f.outcome !== 'skipped').length;
  let k = 0;
  const windows = scenario.files.map((f): [number, number] => {
    if (f.outcome === 'skipped') return [filesFromS, filesFromS];
    const window: [number, number] = [filesFromS + (span * k) / processed, filesFromS + (span * (k + 1)) / processed];
    k += 1;
    return window;
  });
  const anyFailed = scenario.files.some((f) => f.outcome === 'failed');
  const media = scenario.files.some((f) => f.media);
  const naturalEndS = runEndS + (media ? scenario.mediaLagSeconds : 0);
  const base = {
    startS,
    stageStartS,
    runEndS,
    windows,
    skipS: filesFromS,
    terminalS: naturalEndS,
    terminalStatus: (anyFailed ? 'completed_with_failures' : 'completed') as JobStatus,
    cut: null as Cut | null,
    freezeS: Infinity,
    lagFromS: media ? runEndS : Infinity,
  };
  const end = scenario.end;
  switch (end.kind) {
    case 'run':
      return base;
    case 'cancel':
      if (end.atSecond >= naturalEndS) return base;
      return { ...base, terminalS: end.atSecond, terminalStatus: 'cancelled', cut: { atS: end.atSecond, kind: 'cancelled' } };
    case 'fail': {
      const i = stageIndex(end.stage);
      const failS = stageStartS[i]! + scenario.stageSeconds[i]! / 2;
      return { ...base, terminalS: failS, terminalStatus: 'failed', cut: { atS: failS, kind: 'failed' }, lagFromS: Infinity };
    }
    case 'stuck': {
      const i = stageIndex(end.stage);
      return { ...base, terminalS: Infinity, freezeS: stageStartS[i]! + scenario.stageSeconds[i]! / 2, lagFromS: Infinity };
    }
  }
}

interface FileState {
  status: FileStatusValue;
  sinceS: number;
}

function fileStateAt(p: Plan, file: FileScenario, index: number, tS: number): FileState {
  const effective = Math.min(tS, p.cut?.atS ?? Infinity, p.freezeS);
  const [from, to] = p.windows[index]!;
  if (file.outcome === 'skipped' ? effective >= p.skipS : effective >= to) {
    return { status: file.outcome, sinceS: file.outcome === 'skipped' ? p.skipS : to };
  }
  if (p.cut && tS >= p.cut.atS) return { status: p.cut.kind, sinceS: p.cut.atS };
  if (effective >= from && file.outcome !== 'skipped') return { status: 'processing', sinceS: from };
  return { status: 'queued', sinceS: 0 };
}

function stageAt(p: Plan, tS: number): Stage {
  let current: Stage = 'scanning';
  STAGES.forEach((stage, i) => {
    if (tS >= p.stageStartS[i]!) current = stage;
  });
  return current;
}

/** One instant of a scenario: seconds since creation, the job's own clock (it stops when the job ends or sticks), timestamps. */
interface Instant {
  scenario: Scenario;
  p: Plan;
  tS: number;
  clockS: number;
  iso(s: number): string;
  /** iso() of one of the plan's instants (a file's window, its skip or cut): formatted once per job. */
  planStamp(s: number): string;
}

function countOf(files: readonly FileStatus[], status: FileStatusValue): number {
  return files.filter((f) => f.status === status).length;
}

/** Every file with its status at the instant, the stage it is in, and why it failed. */
function filesAt(at: Instant): FileStatus[] {
  const { scenario, p, tS, clockS, planStamp } = at;
  return scenario.files.map((file, i) => {
    const state = fileStateAt(p, file, i, tS);
    const entry: FileStatus = { uri: file.uri, status: state.status, updated_at: planStamp(state.sinceS) };
    if (state.status === 'processing') entry.stage = stageAt(p, clockS);
    if (state.status === 'failed') {
      entry.error_code = scenario.end.kind === 'fail' && p.cut ? scenario.end.errorCode : 'extraction_failed';
      entry.error_message = scenario.end.kind === 'fail' && p.cut ? scenario.end.errorMessage : 'The file could not be parsed';
    }
    return entry;
  });
}

/** A finished job: its terminal status, timestamps, final progress, result, billing, and its error or canceller. */
function finish(snapshot: JobSnapshot, files: FileStatus[], at: Instant): JobSnapshot {
  const { scenario, p, clockS, iso } = at;
  const status = p.terminalStatus;
  const started = p.terminalS >= p.startS && !(p.cut?.kind === 'cancelled' && p.cut.atS < p.startS);
  snapshot.status = status;
  snapshot.started_at = started ? iso(p.startS) : null;
  snapshot.completed_at = iso(p.terminalS);
  snapshot.updated_at = iso(p.terminalS);
  snapshot.estimated_time_remaining_seconds = 0;
  snapshot.progress = progressAt(
    p,
    scenario,
    files,
    clockS,
    status === 'cancelled' ? 'cancelled' : stageAt(p, Math.min(clockS, p.runEndS)),
  );
  if (!started) snapshot.progress = null;
  if (status === 'completed' || status === 'completed_with_failures' || status === 'failed') {
    snapshot.result = {
      files_indexed: countOf(files, 'completed'),
      files_failed: countOf(files, 'failed'),
      files_skipped: countOf(files, 'skipped'),
      duration_seconds: Math.round(p.terminalS - p.startS),
      warnings: [],
    };
  }
  if (status === 'completed' || status === 'completed_with_failures')
    snapshot.billing = billingOf(countOf(files, 'completed') * PAGES_PER_FILE, scenario.processingType);
  if (status === 'failed' && scenario.end.kind === 'fail') {
    snapshot.error_code = scenario.end.errorCode;
    snapshot.error_message = scenario.end.errorMessage;
  }
  if (status === 'cancelled' && scenario.end.kind === 'cancel') {
    snapshot.cancelled_by = scenario.end.by;
    snapshot.cancelled_at = iso(scenario.end.atSecond);
  }
  snapshot.progress_message = `Job ${status.replace(/_/g, ' ')}`;
  return snapshot;
}

/** A started job: its current stage and estimate, or, on the media path, nothing more than running. */
function run(snapshot: JobSnapshot, files: FileStatus[], at: Instant): JobSnapshot {
  const { scenario, p, tS, clockS, iso } = at;
  snapshot.status = 'running';
  snapshot.started_at = iso(p.startS);
  snapshot.updated_at = iso(clockS);
  if (tS >= p.lagFromS) {
    // The media path: content is searchable, but the status says nothing more (seed, "Video/large media jobs").
    snapshot.progress = null;
    snapshot.progress_message = 'Processing media';
    snapshot.estimated_time_remaining_seconds = null;
    return snapshot;
  }
  const stage = stageAt(p, clockS);
  snapshot.progress = progressAt(p, scenario, files, clockS, stage);
  snapshot.progress_message = STAGE_DESCRIPTIONS[stage];
  snapshot.estimated_time_remaining_seconds = Number.isFinite(p.freezeS)
    ? Math.ceil(p.runEndS - p.freezeS)
    : Math.max(0, Math.ceil(p.runEndS - tS));
  return snapshot;
}

// A file's updated_at falls on one of the few instants of its job's plan, and a poll lists every file: each instant
// is formatted once per job, not once per file per poll (a pure memo, by job; the per-poll clock is not kept).
const stamps = new WeakMap<JobIdentity, Map<number, string>>();

function stampOf(identity: JobIdentity, s: number): string {
  const ms = identity.createdAtMs + Math.floor(s * 1000);
  let job = stamps.get(identity);
  if (!job) stamps.set(identity, (job = new Map()));
  let stamp = job.get(ms);
  if (stamp === undefined) job.set(ms, (stamp = new Date(ms).toISOString()));
  return stamp;
}

/** The snapshot a conforming server returns at `nowMs`: every file listed, no `files_page` (servers page it). */
export function snapshotAt(scenario: Scenario, identity: JobIdentity, nowMs: number): JobSnapshot {
  const p = plan(scenario);
  const tS = Math.max(0, (nowMs - identity.createdAtMs) / 1000);
  const at: Instant = {
    scenario,
    p,
    tS,
    clockS: Math.min(tS, p.terminalS, p.freezeS),
    iso: (s) => new Date(identity.createdAtMs + Math.floor(s * 1000)).toISOString(),
    planStamp: (s) => stampOf(identity, s),
  };
  const files = filesAt(at);
  const snapshot: JobSnapshot = {
    job_id: identity.jobId,
    status: 'pending',
    collection_name: scenario.collection,
    job_type: scenario.jobType,
    progress: null,
    files,
    created_at: at.iso(0),
    updated_at: at.iso(0),
    started_at: null,
    completed_at: null,
  };
  if (tS >= p.terminalS) return finish(snapshot, files, at);
  if (tS >= p.startS) return run(snapshot, files, at);
  snapshot.progress_message = 'Waiting to start';
  snapshot.estimated_time_remaining_seconds = Math.ceil(p.runEndS - tS);
  return snapshot;
}

function progressAt(p: Plan, scenario: Scenario, files: FileStatus[], clockS: number, stage: StageValue): JobProgress {
  return {
    current_stage: stage,
    stage_description: stage === 'cancelled' ? 'Cancelled' : STAGE_DESCRIPTIONS[stage],
    files_total: scenario.files.length,
    files_processed: countOf(files, 'completed'),
    files_failed: countOf(files, 'failed'),
    files_skipped: countOf(files, 'skipped'),
    elapsed_seconds: Math.max(0, Math.floor(clockS - p.startS)),
  };
}

/** Files whose content is searchable at `nowMs`: completed ones, whatever the job status says. */
export function indexedFilesAt(scenario: Scenario, identity: JobIdentity, nowMs: number): FileScenario[] {
  const p = plan(scenario);
  const tS = Math.max(0, (nowMs - identity.createdAtMs) / 1000);
  return scenario.files.filter((file, i) => {
    const state = fileStateAt(p, file, i, tS);
    return state.status === 'completed';
  });
}

/** Seconds after creation at which the job reaches its terminal status (Infinity when stuck). */
export function terminalSecond(scenario: Scenario): number {
  return plan(scenario).terminalS;
}

/** Whether the job is terminal at `nowMs` (cancel is accepted only before this). */
export function isTerminalAt(scenario: Scenario, identity: JobIdentity, nowMs: number): boolean {
  return (nowMs - identity.createdAtMs) / 1000 >= terminalSecond(scenario);
}
