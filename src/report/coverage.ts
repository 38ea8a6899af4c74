// What the run actually saw, derived from every attached timeline: statuses, stages, file statuses,
// status transitions. A requirement can pass while the run never saw a state it speaks about.
import { clip } from '../contract/clip.js';
import { FILE_STATUSES } from '../model/file-status.js';
import { JOB_STATUSES, canObserveStatus, isJobStatus } from '../model/status.js';
import { STAGE_VALUES } from '../model/stage.js';
import type { Observation } from '../oracle/observation.js';
import { isJsonObject } from '../model/json.js';

export interface CoverageRow {
  value: string;
  count: number;
  /** Whether the catalog's strict profile knows the value (an unknown one seen is worth a look). */
  known: boolean;
}

export interface Coverage {
  timelines: number;
  polls: number;
  observationKinds: CoverageRow[];
  statuses: CoverageRow[];
  stages: CoverageRow[];
  fileStatuses: CoverageRow[];
  /** Status changes between consecutive real snapshots of one job (placeholders carry no state); known = legal. */
  transitions: CoverageRow[];
  httpStatuses: CoverageRow[];
  /** Whether httpStatuses counts every exchange of the run, or only the polls of the timelines. */
  httpStatusesOf?: 'every exchange' | 'timelines';
}

/** Distinct values a table lists: a target that answers a new status on every poll must not grow the report with it. */
const MAX_ROWS = 60;
const OTHER = '(other values)';

class Counter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly known: readonly string[]) {
    for (const value of known) this.counts.set(value, 0);
  }
  add(value: unknown): void {
    if (value === undefined || value === null) return;
    const text = clip(String(value), 200, 'none');
    const key = this.counts.has(text) || this.counts.size < MAX_ROWS ? text : OTHER;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  rows(): CoverageRow[] {
    return [...this.counts].map(([value, count]) => ({ value, count, known: this.known.includes(value) }));
  }
}

function isLegal(transition: string): boolean {
  const [from, to] = transition.split(' → ');
  return isJobStatus(from) && isJobStatus(to) && canObserveStatus(from, to);
}

/** `everyExchange`: HTTP status -> count of every exchange of the run, which timelines (job polls only) under-count. */
export function coverageOf(timelines: ReadonlyArray<readonly Observation[]>, everyExchange?: Record<string, number>): Coverage {
  const kinds = new Counter(['snapshot', 'placeholder', 'http-error', 'malformed']);
  const statuses = new Counter(JOB_STATUSES);
  const stages = new Counter(STAGE_VALUES);
  const fileStatuses = new Counter(FILE_STATUSES);
  const transitions = new Counter([]);
  const httpStatuses = new Counter([]);
  let polls = 0;
  for (const timeline of timelines) {
    let previous: string | undefined;
    for (const observation of timeline) {
      polls += 1;
      kinds.add(observation.kind);
      httpStatuses.add(observation.exchange?.status);
      if (observation.kind !== 'snapshot' || !isJsonObject(observation.snapshot)) continue;
      const snapshot = observation.snapshot as unknown as Record<string, unknown>;
      const status = typeof snapshot.status === 'string' ? snapshot.status : undefined;
      statuses.add(status);
      if (isJsonObject(snapshot.progress)) stages.add(snapshot.progress.current_stage);
      if (Array.isArray(snapshot.files)) for (const file of snapshot.files) if (isJsonObject(file)) fileStatuses.add(file.status);
      if (status !== undefined && previous !== undefined && status !== previous) transitions.add(`${previous} → ${status}`);
      if (status !== undefined) previous = status;
    }
  }
  return {
    timelines: timelines.length,
    polls,
    observationKinds: kinds.rows(),
    statuses: statuses.rows(),
    stages: stages.rows(),
    fileStatuses: fileStatuses.rows(),
    transitions: transitions.rows().map((row) => ({ ...row, known: isLegal(row.value) })),
    httpStatuses: everyExchange
      ? Object.entries(everyExchange)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([value, count]) => ({ value, count, known: true }))
      : httpStatuses.rows().map((row) => ({ ...row, known: true })),
    httpStatusesOf: everyExchange ? 'every exchange' : 'timelines',
  };
}
