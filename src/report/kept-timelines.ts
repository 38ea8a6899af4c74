// Which poll timelines a report keeps as evidence, and how far it cuts them: only where something went
// wrong, a bounded number, each observation's body and strings clipped, so the report stays small.
import type { Observation } from '../oracle/observation.js';
import { clip } from '../contract/clip.js';
import { clipStrings } from '../evidence/clip-strings.js';
import type { TestRecord } from './test-record.js';
import { FAILED } from './verdict.js';

export interface TimelineEvidence {
  id: string;
  test: string;
  jobId: string;
  observations: Observation[];
  /** Observations left out of a very long timeline (the ends and every highlighted poll are kept). */
  omitted: number;
  /** Poll indexes some finding points at. */
  highlight: number[];
  /** Set on the one timeline kept per area from a passing test (area-evidence.ts): what a pass stands on. */
  area?: string;
}

/** The timelines kept, and the id of the first one kept for a job of a test, for findings to point at. */
export interface KeptTimelines {
  timelines: TimelineEvidence[];
  idOf(test: TestRecord, jobId: string): string | undefined;
}

const MAX_TIMELINES_PER_TEST = 10;
const MAX_TIMELINES = 200;
const MAX_OBSERVATIONS = 400;
const MAX_BODY = 8 * 1024;
/** Fields of parsed snapshots (a message, a uri) and how many files of one snapshot are kept. */
const MAX_STRING = 2000;
const MAX_ITEMS = 200;

export function clipTimeline(
  observations: readonly Observation[],
  highlight: ReadonlySet<number>,
  limits = { observations: MAX_OBSERVATIONS, body: MAX_BODY },
): { kept: Observation[]; omitted: number } {
  const { observations: most, body: bodyMax } = limits;
  const keep = (o: Observation, position: number): boolean =>
    observations.length <= most || position < most / 2 || position >= observations.length - most / 2 || highlight.has(o.index);
  const kept = observations.filter(keep).map((o) => {
    const body = o.exchange.body;
    const clipped = clipStrings({ ...o, exchange: { ...o.exchange, body: '' } }, MAX_STRING, MAX_ITEMS) as Observation;
    clipped.exchange.body = clip(body, bodyMax, 'cut');
    if (body.length > bodyMax) clipped.exchange.truncated = true;
    return clipped;
  });
  return { kept, omitted: observations.length - kept.length };
}

/** The polls of `jobId` that the test's findings point at. */
function pollsPointedAt(record: TestRecord, jobId: string): Set<number> {
  return new Set(record.evidence.findings.filter((f) => f.jobId === jobId && f.pollIndex !== undefined).map((f) => f.pollIndex as number));
}

/** Timelines are kept as evidence only where something went wrong (a finding, a failed test); coverage reads them all. */
export function keepTimelines(records: readonly TestRecord[]): KeptTimelines {
  const timelines: TimelineEvidence[] = [];
  const ids = new Map<TestRecord, Map<string, string>>();
  for (const record of records) {
    const wentWrong = record.evidence.findings.length > 0 || FAILED.includes(record.status);
    if (!wentWrong) continue;
    const firstOfJob = new Map<string, string>();
    ids.set(record, firstOfJob);
    for (const attached of record.evidence.timelines.slice(0, MAX_TIMELINES_PER_TEST)) {
      if (timelines.length >= MAX_TIMELINES) break;
      const highlight = pollsPointedAt(record, attached.jobId);
      const { kept, omitted } = clipTimeline(attached.timeline, highlight);
      const id = `t${timelines.length + 1}`;
      if (!firstOfJob.has(attached.jobId)) firstOfJob.set(attached.jobId, id);
      timelines.push({
        id,
        test: record.id,
        jobId: attached.jobId,
        observations: kept,
        omitted,
        highlight: [...highlight].sort((a, b) => a - b),
      });
    }
  }
  return { timelines, idOf: (test, jobId) => ids.get(test)?.get(jobId) };
}
