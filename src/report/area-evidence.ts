// Evidence for what passed: per area, one timeline a passing test observed, kept small, so that a
// "conformant" report shows what the run saw and not only that nothing went wrong.
import { AREA_EVIDENCE_BODY_CHARS } from '../contract/limits.js';
import type { TestRecord } from './test-record.js';
import { clipTimeline, type TimelineEvidence } from './kept-timelines.js';

const OBSERVATIONS = 24;

/**
 * The first passing test of each area (by the requirements its checks ran on) that attached a timeline of
 * two polls or more; its longest such timeline, clipped to its ends. `areaOf` maps a requirement id to its area.
 */
export function areaEvidence(records: readonly TestRecord[], areaOf: (requirement: string) => string | undefined): TimelineEvidence[] {
  const chosen = new Map<string, TimelineEvidence>();
  for (const record of records) {
    if (record.status !== 'passed' || record.evidence.findings.length > 0) continue;
    const candidates = record.evidence.timelines.filter((t) => t.timeline.length >= 2);
    if (candidates.length === 0) continue;
    const attached = candidates.reduce((a, b) => (b.timeline.length > a.timeline.length ? b : a));
    for (const id of record.evidence.exercised) {
      const area = areaOf(id);
      if (area === undefined || chosen.has(area)) continue;
      const { kept, omitted } = clipTimeline(attached.timeline, new Set(), { observations: OBSERVATIONS, body: AREA_EVIDENCE_BODY_CHARS });
      chosen.set(area, { id: `a-${area}`, test: record.id, jobId: attached.jobId, observations: kept, omitted, highlight: [], area });
    }
  }
  return [...chosen.values()];
}
