// The versioned results model (DESIGN section 6) built from one run and the catalog. Pure: the reporter
// collects plain test records and writes files; this only decides statuses, so it is testable alone.
import { levelIn, type Area, type Catalog, type Profile, type Requirement, type SpecIssue } from '../contract/catalog.js';
import type { Finding } from '../oracle/finding.js';
import type { Observation } from '../oracle/observation.js';
import { coverageOf, type Coverage } from './coverage.js';
import { clip } from '../contract/clip.js';
import { clipStrings } from './limits.js';
import type { SeedEvidence, TargetKind } from './evidence.js';
import type { TestEvidence } from './read-evidence.js';
import { redactDeep } from '../redaction/redact.js';
import { requirementStatus, summarize, type InconclusiveNote, type RequirementStatus, type Summary, type TestStatus } from './verdict.js';

export type { LevelCounts, RequirementStatus, Summary, TestStatus, Verdict } from './verdict.js';

/** 2: verdict `incomplete`, status `inconclusive`, `profile`, requirement `evidence`, summary `exitCode`. */
export const RESULTS_SCHEMA_VERSION = 2;

/** One test of the run as the reporter saw it: its last result and the evidence it carried. */
export interface TestRecord {
  id: string;
  title: string;
  file: string;
  line: number;
  project: string;
  status: TestStatus;
  durationMs: number;
  error?: string;
  evidence: TestEvidence;
}

export interface RunMeta {
  startedAt: string;
  finishedAt: string;
  /** Playwright's overall status: passed, failed, timedout, interrupted. */
  runStatus: string;
  /** Secret values to scrub from everything (the API key); never written themselves. */
  secrets: readonly string[];
  apiKeyConfigured: boolean;
  /** Where the target came from when no test annotated it (e.g. CONFORMANCE_BASE_URL). */
  fallbackBaseUrl?: string;
  profile: Profile;
  /** CONFORMANCE_REQUIRE_COMPLETE=1: an incomplete verdict exits 1. */
  requireComplete: boolean;
}

/** A test as a requirement lists it: the record without its evidence, with the reason it was skipped. */
export interface TestRef extends Omit<TestRecord, 'evidence'> {
  skipReason?: string;
}

export interface ReportedFinding extends Finding {
  /** Id of the test that produced it (see `tests` of the requirement). */
  test: string;
  /** Id of the timeline in `timelines` that shows the job, when the test attached one. */
  timeline?: string;
}

export interface RequirementResult extends Pick<Requirement, 'id' | 'area' | 'level' | 'evidence' | 'title' | 'statement' | 'source'> {
  /** False for ids named by tests or findings but absent from spec/requirements.yaml. */
  catalogued: boolean;
  status: RequirementStatus;
  tests: TestRef[];
  findings: ReportedFinding[];
  /** Why its check never ran, test by test (when inconclusive). */
  inconclusive: InconclusiveNote[];
}

export interface TimelineEvidence {
  id: string;
  test: string;
  jobId: string;
  observations: Observation[];
  /** Observations left out of a very long timeline (the ends and every highlighted poll are kept). */
  omitted: number;
  /** Poll indexes some finding points at. */
  highlight: number[];
}

export interface ResultsTarget {
  baseUrl: string | null;
  kind: TargetKind | 'unknown';
  controllable: boolean | null;
  /** The key itself is never recorded. */
  apiKey: 'redacted' | 'not set';
}

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  target: ResultsTarget;
  profile: Profile;
  startedAt: string;
  finishedAt: string;
  summary: Summary;
  requirements: RequirementResult[];
  seeds: Array<SeedEvidence & { test: string; testTitle: string }>;
  run: { status: string; tests: number; passed: number; failed: number; skipped: number; other: number };
  areas: Area[];
  specIssues: SpecIssue[];
  coverage: Coverage;
  timelines: TimelineEvidence[];
  /** Evidence the reporter could not read; the run is still reported. */
  problems: string[];
}

const MAX_TIMELINES_PER_TEST = 10;
const MAX_TIMELINES = 200;
const MAX_OBSERVATIONS = 400;
const MAX_BODY = 8 * 1024;
/** Fields of parsed snapshots (a message, a uri) and how many files of one snapshot are kept. */
const MAX_STRING = 2000;
const MAX_ITEMS = 200;
const MAX_EVIDENCE = 8 * 1024;
const MAX_ERROR = 4000;
const FAILED: readonly TestStatus[] = ['failed', 'timedOut'];

function clipEvidence(evidence: unknown): unknown {
  if (evidence === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(evidence);
  } catch {
    return '[evidence not serialisable]';
  }
  if (json === undefined) return undefined;
  return json.length <= MAX_EVIDENCE ? evidence : clip(json, MAX_EVIDENCE, 'cut');
}

function clipTimeline(observations: readonly Observation[], highlight: ReadonlySet<number>): { kept: Observation[]; omitted: number } {
  const keep = (o: Observation, position: number): boolean =>
    observations.length <= MAX_OBSERVATIONS ||
    position < MAX_OBSERVATIONS / 2 ||
    position >= observations.length - MAX_OBSERVATIONS / 2 ||
    highlight.has(o.index);
  const kept = observations.filter(keep).map((o) => {
    const body = o.exchange.body;
    const clipped = clipStrings({ ...o, exchange: { ...o.exchange, body: '' } }, MAX_STRING, MAX_ITEMS) as Observation;
    clipped.exchange.body = clip(body, MAX_BODY, 'cut');
    if (body.length > MAX_BODY) clipped.exchange.truncated = true;
    return clipped;
  });
  return { kept, omitted: observations.length - kept.length };
}

function testRef(record: TestRecord): TestRef {
  const ref: TestRef = {
    id: record.id,
    title: record.title,
    file: record.file,
    line: record.line,
    project: record.project,
    status: record.status,
    durationMs: record.durationMs,
  };
  if (record.evidence.skipReason !== undefined) ref.skipReason = record.evidence.skipReason;
  else if (record.status === 'not-run' || record.status === 'interrupted')
    ref.skipReason = `the test ${record.status === 'not-run' ? 'did not run' : 'was interrupted'}`;
  if (record.error !== undefined) ref.error = clip(record.error, MAX_ERROR, 'cut');
  return ref;
}

export function buildResults(records: readonly TestRecord[], catalog: Catalog, meta: RunMeta): Results {
  const problems: string[] = [];
  const byRequirement = new Map<string, TestRecord[]>();
  const mention = (id: string, record: TestRecord): void => {
    const list = byRequirement.get(id) ?? [];
    if (!list.includes(record)) list.push(record);
    byRequirement.set(id, list);
  };
  for (const record of records) {
    for (const id of record.evidence.requirements) mention(id, record);
    for (const finding of record.evidence.findings) mention(finding.requirement, record);
    for (const id of record.evidence.exercised) mention(id, record);
    for (const problem of record.evidence.problems) problems.push(`${record.title}: ${problem}`);
  }

  // Timelines are kept as evidence only where something went wrong; coverage reads them all.
  const timelines: TimelineEvidence[] = [];
  const timelineIds = new Map<TestRecord, Map<string, string>>();
  for (const record of records) {
    const wentWrong = record.evidence.findings.length > 0 || FAILED.includes(record.status);
    if (!wentWrong) continue;
    const ids = new Map<string, string>();
    timelineIds.set(record, ids);
    for (const attached of record.evidence.timelines.slice(0, MAX_TIMELINES_PER_TEST)) {
      if (timelines.length >= MAX_TIMELINES) break;
      const highlight = new Set(
        record.evidence.findings.filter((f) => f.jobId === attached.jobId && f.pollIndex !== undefined).map((f) => f.pollIndex as number),
      );
      const { kept, omitted } = clipTimeline(attached.timeline, highlight);
      const id = `t${timelines.length + 1}`;
      if (!ids.has(attached.jobId)) ids.set(attached.jobId, id);
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

  const catalogued = new Set(catalog.requirements.map((r) => r.id));
  const resultFor = (id: string, base: Omit<RequirementResult, 'status' | 'tests' | 'findings' | 'inconclusive'>): RequirementResult => {
    const tests = byRequirement.get(id) ?? [];
    const findings: ReportedFinding[] = [];
    for (const test of tests) {
      for (const finding of test.evidence.findings) {
        if (finding.requirement !== id) continue;
        const reported: ReportedFinding = { ...finding, test: test.id };
        const evidence = clipEvidence(finding.evidence);
        if (evidence === undefined) delete reported.evidence;
        else reported.evidence = evidence;
        const timeline = finding.jobId !== undefined ? timelineIds.get(test)?.get(finding.jobId) : undefined;
        if (timeline) reported.timeline = timeline;
        findings.push(reported);
      }
    }
    const decision = requirementStatus(tests, id);
    return { ...base, status: decision.status, tests: tests.map(testRef), findings, inconclusive: decision.inconclusive };
  };

  const requirements = catalog.requirements.map((r) =>
    resultFor(r.id, {
      id: r.id,
      area: r.area,
      level: levelIn(r, meta.profile),
      evidence: r.evidence,
      title: r.title,
      statement: r.statement,
      source: r.source,
      catalogued: true,
    }),
  );
  const strangers = [...byRequirement.keys()].filter((id) => !catalogued.has(id)).sort();
  for (const id of strangers) {
    const levels = (byRequirement.get(id) ?? []).flatMap((t) =>
      t.evidence.findings.filter((f) => f.requirement === id).map((f) => f.level),
    );
    requirements.push(
      resultFor(id, {
        id,
        area: 'uncatalogued',
        level: levels.includes('MUST') || levels.length === 0 ? 'MUST' : 'SHOULD',
        evidence: 'inferred',
        title: 'Not in the requirement catalog',
        statement: 'A test or a finding names this id, but spec/requirements.yaml does not define it.',
        source: 'run',
        catalogued: false,
      }),
    );
  }
  const areas =
    strangers.length > 0 ? [...catalog.areas, { id: 'uncatalogued', prefix: '', title: 'Not in the catalog' }] : [...catalog.areas];

  const targetEvidence = records.find((r) => r.evidence.target)?.evidence.target;
  const target: ResultsTarget = {
    baseUrl: targetEvidence?.baseUrl ?? meta.fallbackBaseUrl ?? null,
    kind: targetEvidence?.kind ?? 'unknown',
    controllable: targetEvidence?.controllable ?? null,
    apiKey: meta.apiKeyConfigured ? 'redacted' : 'not set',
  };

  const count = (statuses: readonly TestStatus[]): number => records.filter((r) => statuses.includes(r.status)).length;
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    target,
    profile: meta.profile,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    summary: summarize(requirements, { tests: records, runStatus: meta.runStatus, requireComplete: meta.requireComplete }),
    requirements,
    seeds: records.flatMap((r) => r.evidence.seeds.map((s) => ({ ...s, test: r.id, testTitle: r.title }))),
    run: {
      status: meta.runStatus,
      tests: records.length,
      passed: count(['passed']),
      failed: count(FAILED),
      skipped: count(['skipped']),
      other: count(['interrupted', 'not-run']),
    },
    areas,
    specIssues: catalog.spec_issues ?? [],
    coverage: coverageOf(records.flatMap((r) => r.evidence.timelines.map((t) => t.timeline))),
    timelines,
    problems,
  };
  // Last line of defence: whatever a test or the target put in, the key does not leave this function.
  return redactDeep(results, meta.secrets) as Results;
}
