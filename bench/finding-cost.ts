// Cost per finding: how many of its area's requests the suite had sent when it had what a finding is about.
// The run's exchanges.har (src/har reads it) holds each request with its X-Conformance-Test header (the
// area), its test and its timeline (the job id); a finding names its test, its job and, for one poll, its
// index in the job's timeline. A finding about no single poll costs its test's requests up to its last.
import { scanHarFile } from '../src/har/har-file.js';
import type { HarEntry } from '../src/har/har-format.js';
import type { RunResults } from '../tools/suite-run.js';
import { areaOf, TEST_HEADER } from '../tools/test-header.js';
import type { SuiteRequirement } from './fault-matrix.js';

/** The little of an exchanges.har entry the cost needs. */
export interface RecordedRequest {
  area: string | undefined;
  /** `<spec file>:<line> <title>`, as the HAR's `_test`. */
  test: string | undefined;
  timeline: string | undefined;
  startedMs: number;
}

export function recordedRequests(harFile: string): RecordedRequest[] {
  const entries: RecordedRequest[] = [];
  scanHarFile(harFile, (value) => {
    if (value.kind !== 'entry' || !value.bytes) return;
    const entry = JSON.parse(value.bytes.toString('utf8')) as HarEntry;
    const header = entry.request.headers.find((h) => h.name.toLowerCase() === TEST_HEADER)?.value;
    entries.push({ area: areaOf(header), test: entry._test, timeline: entry._timeline, startedMs: Date.parse(entry.startedDateTime) });
  });
  return entries;
}

type Finding = RunResults['requirements'][number]['findings'][number];

/** The recorded request a finding is about: its poll of the job when it names one, else its test's last about the job (or at all). */
function requestOf(finding: Finding, ofTest: readonly RecordedRequest[]): RecordedRequest | undefined {
  if (finding.jobId !== undefined) {
    const polls = ofTest.filter((e) => e.timeline === finding.jobId);
    if (finding.pollIndex !== undefined && polls[finding.pollIndex]) return polls[finding.pollIndex];
    const aboutJob = ofTest.filter((e) => e.timeline?.startsWith(finding.jobId!));
    if (aboutJob.length > 0) return aboutJob.at(-1);
  }
  return ofTest.at(-1);
}

/** The run's requirements with each finding's area and cost in requests of that area (pure). */
export function costedRequirements(results: Pick<RunResults, 'requirements'>, recorded: readonly RecordedRequest[]): SuiteRequirement[] {
  const inOrder = recorded.map((r, i) => ({ r, i })).sort((a, b) => a.r.startedMs - b.r.startedMs || a.i - b.i);
  const position = new Map(inOrder.map(({ r }, i) => [r, i]));
  const tests = new Map(results.requirements.flatMap((q) => q.tests.map((t) => [t.id, t] as const)));
  return results.requirements.map((q) => ({
    id: q.id,
    level: q.level,
    status: q.status,
    findings: q.findings.map((f) => {
      const test = tests.get(f.test);
      const key = test ? `${test.file}:${test.line} ${test.title}` : undefined;
      const area = test ? areaOf(`${test.file}:${test.line}`) : undefined;
      const ofTest = inOrder.filter(({ r }) => r.test === key).map(({ r }) => r);
      const at = requestOf(f, ofTest);
      const requests =
        at === undefined ? undefined : inOrder.filter(({ r }) => r.area === area && position.get(r)! <= position.get(at)!).length;
      return { requirement: f.requirement, area, requests };
    }),
  }));
}
