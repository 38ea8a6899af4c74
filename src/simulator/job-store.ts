// The job engine: a store of jobs, each a scenario played from its creation instant. State is
// never stored, only computed: snapshotAt(scenario, identity, now) is the whole truth.
import type { JobSnapshot } from '../model/job.js';
import { indexedFilesAt, isTerminalAt, snapshotAt } from '../model/progression.js';
import type { FileScenario, JobIdentity, PlaceholderPattern, Scenario } from '../model/scenario.js';
import { withFault, type JobFault } from './faults.js';
import type { LiveFields } from './live-fields.js';
import { seededRandom } from '../model/random.js';
import { uuidFrom } from './random.js';

export interface JobRecord {
  identity: JobIdentity;
  scenario: Scenario;
  orgId: string;
  /** The collection instance the job indexes into (a deleted and re-created name is another one). */
  collectionId: string;
  /** Order of creation in the store (1, 2, ...): what a document deletion is dated by, as instants can tie. */
  seq: number;
  /** Polls served so far (requests without files_cursor), placeholders included. */
  pollCount: number;
  /** Placeholder pattern set through the control API; replaces the scenario's own. */
  placeholders?: PlaceholderPattern;
  /** Searchable text per file uri (what the query endpoint returns as `content`). */
  contents: Map<string, string>;
  /** The live fields of the finished job, once it has been touched (the variant dialect only). */
  live?: LiveFields;
  /** Created through a public index endpoint (not played through the control API). */
  publicJob?: boolean;
}

export type FaultResult = { ok: true; job: JobRecord } | { ok: false; reason: string };

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private nextRandom: () => number;
  /** The seq of the newest job created. */
  lastSeq = 0;

  constructor(private readonly seed: number) {
    this.nextRandom = seededRandom(seed);
  }

  create(input: {
    orgId: string;
    collectionId: string;
    scenario: Scenario;
    createdAtMs: number;
    contents?: Map<string, string>;
    publicJob?: boolean;
  }): JobRecord {
    let jobId = uuidFrom(this.nextRandom);
    while (this.jobs.has(jobId)) jobId = uuidFrom(this.nextRandom);
    const job: JobRecord = {
      identity: { jobId, createdAtMs: input.createdAtMs },
      scenario: input.scenario,
      orgId: input.orgId,
      collectionId: input.collectionId,
      seq: ++this.lastSeq,
      pollCount: 0,
      contents: input.contents ?? new Map(),
      ...(input.publicJob ? { publicJob: true } : {}),
    };
    this.jobs.set(jobId, job);
    return job;
  }

  /** The job if it belongs to `orgId`; another organization's job is as absent as an unknown one. */
  get(jobId: string, orgId: string): JobRecord | undefined {
    const job = this.jobs.get(jobId);
    return job && job.orgId === orgId ? job : undefined;
  }

  /** The organization's jobs, oldest first. */
  ofOrganization(orgId: string): JobRecord[] {
    return [...this.jobs.values()].filter((j) => j.orgId === orgId);
  }

  delete(jobId: string): boolean {
    return this.jobs.delete(jobId);
  }

  inCollection(orgId: string, collectionId: string): JobRecord[] {
    return [...this.jobs.values()].filter((j) => j.orgId === orgId && j.collectionId === collectionId);
  }

  get size(): number {
    return this.jobs.size;
  }

  clear(): void {
    this.jobs.clear();
    this.lastSeq = 0;
    this.nextRandom = seededRandom(this.seed);
  }
}

export function snapshotOf(job: JobRecord, nowMs: number): JobSnapshot {
  return snapshotAt(job.scenario, job.identity, nowMs);
}

export function indexedFilesOf(job: JobRecord, nowMs: number): FileScenario[] {
  return indexedFilesAt(job.scenario, job.identity, nowMs);
}

/** Cancels a job that is not terminal at `nowMs`; a finished job is left as it is. */
export function cancelJob(job: JobRecord, nowMs: number, by: string): JobSnapshot {
  if (!isTerminalAt(job.scenario, job.identity, nowMs)) {
    const atSecond = Math.max(0, (nowMs - job.identity.createdAtMs) / 1000);
    job.scenario = withFault(job.scenario, { kind: 'cancel', atSecond, by });
  }
  return snapshotOf(job, nowMs);
}

/**
 * Applies a fault to a job from `nowMs` on. Refused when it would change what the job already
 * shows (e.g. fail at a stage it has passed): faults shape the future, never rewrite history.
 */
export function applyJobFault(job: JobRecord, fault: JobFault, nowMs: number): FaultResult {
  const edited = withFault(job.scenario, fault);
  const before = fingerprint(snapshotAt(job.scenario, job.identity, nowMs));
  const after = fingerprint(snapshotAt(edited, job.identity, nowMs));
  if (before !== after) {
    return { ok: false, reason: `the job has already passed the point this ${fault.kind} fault would change` };
  }
  job.scenario = edited;
  return { ok: true, job };
}

function fingerprint(s: JobSnapshot): string {
  return JSON.stringify([
    s.status,
    s.progress?.current_stage ?? null,
    s.progress === null,
    s.started_at,
    (s.files ?? []).map((f) => f.status),
  ]);
}
