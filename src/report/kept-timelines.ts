// Which poll timelines a report keeps as evidence, and how far it cuts them: only where something went
// wrong, a bounded number, each observation's body and strings clipped, and all of them within one byte
// budget for the run, so the report stays small whatever the target answered and however often.
import {
  KEPT_BODY_CHARS,
  KEPT_STRING_CHARS,
  KEPT_TIMELINE_OBSERVATIONS,
  KEPT_TIMELINES,
  TIMELINE_BYTE_BUDGET,
  TIMELINES_BYTE_BUDGET,
} from '../contract/limits.js';
import type { Observation } from '../oracle/observation.js';
import { clip, clipStrings } from '../contract/clip.js';
import type { TestRecord } from './test-record.js';
import { FAILED } from './verdict.js';

export interface TimelineEvidence {
  id: string;
  test: string;
  jobId: string;
  observations: Observation[];
  /** Observations left out of a long or heavy timeline (its ends come first, then the polls findings point at). */
  omitted: number;
  /** Poll indexes some finding points at, among those kept. */
  highlight: number[];
  /** Set on the one timeline kept per area from a passing test (area-evidence.ts): what a pass stands on. */
  area?: string;
}

/** The timelines kept, and the id of the first one kept for a job of a test, for findings to point at. */
export interface KeptTimelines {
  timelines: TimelineEvidence[];
  /** Timelines where something went wrong that the budget had no room for. */
  leftOut: number;
  idOf(test: TestRecord, jobId: string): string | undefined;
}

const MAX_TIMELINES_PER_TEST = 10;
/** Observations kept at each end of a timeline before the polls findings point at. */
const ENDS = 10;
/** How many files of one kept snapshot are kept. */
const MAX_ITEMS = 200;

/** How much of a timeline is kept: observations, bytes of each body, bytes (as JSON) of all it keeps. */
export interface TimelineLimits {
  observations: number;
  body: number;
  bytes?: number;
}

function clipObservation(o: Observation, bodyMax: number): Observation {
  const body = o.exchange.body;
  const clipped = clipStrings({ ...o, exchange: { ...o.exchange, body: '' } }, KEPT_STRING_CHARS, MAX_ITEMS) as Observation;
  clipped.exchange.body = clip(body, bodyMax, 'cut');
  if (body.length > bodyMax) clipped.exchange.truncated = true;
  return clipped;
}

/** Positions of a timeline in the order they are worth keeping: its ends, then the polls findings point at, then the rest from both ends. */
function byWorth(observations: readonly Observation[], highlight: ReadonlySet<number>, most: number): number[] {
  const n = observations.length;
  const order: number[] = [];
  const taken = new Set<number>();
  const take = (position: number): void => {
    if (position < 0 || position >= n || taken.has(position)) return;
    taken.add(position);
    order.push(position);
  };
  for (let i = 0; i < ENDS; i++) {
    take(i);
    take(n - 1 - i);
  }
  observations.forEach((o, position) => {
    if (highlight.has(o.index)) take(position);
  });
  for (let i = ENDS; i < n; i++) {
    take(i);
    take(n - 1 - i);
  }
  return order.slice(0, most);
}

/** The observations worth keeping within `limits`, in timeline order, and how many bytes they take. */
export function clipTimeline(
  observations: readonly Observation[],
  highlight: ReadonlySet<number>,
  limits: TimelineLimits = { observations: KEPT_TIMELINE_OBSERVATIONS, body: KEPT_BODY_CHARS, bytes: TIMELINE_BYTE_BUDGET },
): { kept: Observation[]; omitted: number; size: number } {
  const chosen: Array<{ position: number; observation: Observation }> = [];
  const bytes = limits.bytes ?? TIMELINE_BYTE_BUDGET;
  let size = 0;
  for (const position of byWorth(observations, highlight, limits.observations)) {
    const observation = clipObservation(observations[position]!, limits.body);
    const weight = JSON.stringify(observation).length;
    if (size + weight > bytes) break;
    size += weight;
    chosen.push({ position, observation });
  }
  const kept = chosen.sort((a, b) => a.position - b.position).map((c) => c.observation);
  return { kept, omitted: observations.length - kept.length, size };
}

/** The polls of `jobId` that the test's findings point at. */
function pollsPointedAt(record: TestRecord, jobId: string): Set<number> {
  return new Set(record.evidence.findings.filter((f) => f.jobId === jobId && f.pollIndex !== undefined).map((f) => f.pollIndex as number));
}

/** Timelines are kept as evidence only where something went wrong (a finding, a failed test); coverage reads them all. */
export function keepTimelines(records: readonly TestRecord[]): KeptTimelines {
  const timelines: TimelineEvidence[] = [];
  const ids = new Map<TestRecord, Map<string, string>>();
  let budget = TIMELINES_BYTE_BUDGET;
  let leftOut = 0;
  for (const record of records) {
    const wentWrong = record.evidence.findings.length > 0 || FAILED.includes(record.status);
    if (!wentWrong) continue;
    const firstOfJob = new Map<string, string>();
    ids.set(record, firstOfJob);
    for (const attached of record.evidence.timelines.slice(0, MAX_TIMELINES_PER_TEST)) {
      const highlight = pollsPointedAt(record, attached.jobId);
      const { kept, omitted, size } =
        timelines.length < KEPT_TIMELINES
          ? clipTimeline(attached.timeline, highlight, {
              observations: KEPT_TIMELINE_OBSERVATIONS,
              body: KEPT_BODY_CHARS,
              bytes: Math.min(budget, TIMELINE_BYTE_BUDGET),
            })
          : { kept: [], omitted: attached.timeline.length, size: 0 };
      if (kept.length === 0 && attached.timeline.length > 0) {
        leftOut += 1;
        continue;
      }
      budget -= size;
      const id = `t${timelines.length + 1}`;
      if (!firstOfJob.has(attached.jobId)) firstOfJob.set(attached.jobId, id);
      const keptIndexes = new Set(kept.map((o) => o.index));
      timelines.push({
        id,
        test: record.id,
        jobId: attached.jobId,
        observations: kept,
        omitted,
        highlight: [...highlight].filter((i) => keptIndexes.has(i)).sort((a, b) => a - b),
      });
    }
    leftOut += Math.max(0, record.evidence.timelines.length - MAX_TIMELINES_PER_TEST);
  }
  return { timelines, leftOut, idOf: (test, jobId) => ids.get(test)?.get(jobId) };
}
