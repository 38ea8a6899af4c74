// The versioned results model (docs/ARCHITECTURE.md, "Fixed interfaces") built from one run and the catalog. Pure: the reporter
// collects plain test records and writes files; this only decides statuses, so it is testable alone.
import {
  FINDING_EVIDENCE_CHARS,
  FINDING_MESSAGE_CHARS,
  FINDINGS_BYTE_BUDGET,
  SHORT_FINDING_MESSAGE_CHARS,
  TEST_ERROR_CHARS,
} from '../contract/limits.js';
import {
  levelIn,
  linksOf,
  type Area,
  type Catalog,
  type Level,
  type Profile,
  type Requirement,
  type SourceLink,
  type SpecIssue,
} from '../contract/catalog.js';
import { areaEvidence } from './area-evidence.js';
import type { RunFinding } from '../oracle/finding.js';
import { foldRepeated, type Repeats } from '../oracle/repeated-findings.js';
import { coverageOf, type Coverage } from './coverage.js';
import { clip } from '../contract/clip.js';
import { keepTimelines, type KeptTimelines, type TimelineEvidence } from './kept-timelines.js';
import type { SeedEvidence, TrafficOrigin } from '../evidence/format.js';
import type { TestRecord } from './test-record.js';
import { redactDeep } from '../redaction/redact.js';
import { waivedStatus, waiverWarnings, type Waiver } from './waivers.js';
import {
  FAILED,
  requirementStatus,
  summarize,
  type InconclusiveNote,
  type RequirementStatus,
  type Summary,
  type TestStatus,
} from './verdict.js';

export type { LevelCounts, RequirementStatus, Summary, TestStatus, Verdict } from './verdict.js';
export type { TestRecord } from './test-record.js';

/** 2: verdict `incomplete`, status `inconclusive`, `profile`, requirement `evidence`, summary `exitCode`. */
export const RESULTS_SCHEMA_VERSION = 2;

export interface RunMeta {
  /** HTTP status -> count over every exchange of the run (exchanges.har); without it, over the attached timelines. */
  httpStatuses?: Record<string, number>;
  startedAt: string;
  finishedAt: string;
  /** Playwright's overall status: passed, failed, timedout, interrupted. */
  runStatus: string;
  /** Secret values to scrub from everything (the API key); never written themselves. */
  secrets: readonly string[];
  apiKeyConfigured: boolean;
  /** Where the target came from when no test annotated it (e.g. CONFORMANCE_BASE_URL). */
  fallbackBaseUrl?: string;
  /** Its kind, likewise (CONFORMANCE_BASE_URL set: external). */
  fallbackKind?: TrafficOrigin;
  profile: Profile;
  /** CONFORMANCE_REQUIRE_COMPLETE=1: an incomplete verdict exits 1. */
  requireComplete: boolean;
  /** How the tests were selected (--grep, files, --shard); empty or absent for a whole run. */
  selection?: readonly string[];
  /** Why the run broke before any test ran (the preflight). */
  brokeBefore?: string;
  /** CONFORMANCE_WAIVERS, read. */
  waivers?: readonly Waiver[];
}

/** A test as a requirement lists it: the record without its evidence, with the reason it was skipped. */
export interface TestRef extends Omit<TestRecord, 'evidence'> {
  skipReason?: string;
  /** What the test noted of how it judged, e.g. "JS-MEDIA-002 proved through POST /v3/collections/{name}/query". */
  notes?: string[];
}

export interface ReportedFinding extends RunFinding {
  /** Id of the test that produced it (see `tests` of the requirement). */
  test: string;
  /** Id of the timeline in `timelines` that shows the job, when the test attached one. */
  timeline?: string;
  /** The same finding seen again in the same test (same words, same job): how often and on which polls. */
  repeats?: Repeats;
}

export interface RequirementResult extends Pick<Requirement, 'id' | 'area' | 'level' | 'evidence' | 'title' | 'statement' | 'source'> {
  /** False for ids named by tests or findings but absent from spec/requirements.yaml. */
  catalogued: boolean;
  /** The sources `source` quotes, as links (from the catalog's `sources`). */
  links: SourceLink[];
  status: RequirementStatus;
  tests: TestRef[];
  findings: ReportedFinding[];
  /** Distinct findings past the report's limits, counted, not listed (the first ones are kept). */
  findingsLeftOut?: number;
  /** Why its check never ran, test by test (when inconclusive). */
  inconclusive: InconclusiveNote[];
  /** The waiver that made it `waived` (status waived only). */
  waiver?: Waiver;
}

export interface ResultsTarget {
  baseUrl: string | null;
  kind: TrafficOrigin | 'unknown';
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
  /** Timelines of jobs where something went wrong that the report's byte budget had no room for. */
  timelinesLeftOut: number;
  /** Evidence the reporter could not read; the run is still reported. */
  problems: string[];
}

/** Distinct findings kept per requirement: the first ones say what broke; the rest are counted. */
const MAX_FINDINGS_PER_REQUIREMENT = 50;

function clipEvidence(evidence: unknown): unknown {
  if (evidence === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(evidence);
  } catch {
    return '[evidence not serialisable]';
  }
  if (json === undefined) return undefined;
  return json.length <= FINDING_EVIDENCE_CHARS ? evidence : clip(json, FINDING_EVIDENCE_CHARS, 'cut');
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
  if (record.evidence.notes?.length) ref.notes = record.evidence.notes.slice(0, 20);
  if (record.error !== undefined) ref.error = clip(record.error, TEST_ERROR_CHARS, 'cut');
  return ref;
}

/** Which tests name each requirement (by tag, finding or a check that ran), in run order. */
function testsByRequirement(records: readonly TestRecord[]): Map<string, TestRecord[]> {
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
  }
  return byRequirement;
}

/** What the run's findings may still spend of FINDINGS_BYTE_BUDGET, shared by every requirement in catalog order. */
interface FindingsBudget {
  left: number;
}

/**
 * The findings of `tests` that name requirement `id`, a repeated one folded with its polls, their evidence
 * clipped, pointing at their test and timeline; at most MAX_FINDINGS_PER_REQUIREMENT, within the run's budget;
 * at `level` when the catalog knows the requirement (the run's profile, decided once, as the heading says).
 */
function reportedFindings(
  id: string,
  tests: readonly TestRecord[],
  kept: KeptTimelines,
  level: Level | undefined,
  budget: FindingsBudget,
): Pick<RequirementResult, 'findings' | 'findingsLeftOut'> {
  const findings: ReportedFinding[] = [];
  let distinct = 0;
  for (const test of tests) {
    for (const finding of foldRepeated(test.evidence.findings.filter((f) => f.requirement === id))) {
      distinct += 1;
      const room = budget.left > 0;
      if (findings.length >= MAX_FINDINGS_PER_REQUIREMENT || (!room && findings.length > 0)) continue;
      const reported: ReportedFinding = {
        ...finding,
        ...(level ? { level } : {}),
        message: clip(finding.message, room ? FINDING_MESSAGE_CHARS : SHORT_FINDING_MESSAGE_CHARS, 'cut'),
        test: test.id,
      };
      const evidence = room ? clipEvidence(finding.evidence) : undefined;
      if (evidence === undefined) delete reported.evidence;
      else reported.evidence = evidence;
      const timeline = finding.jobId !== undefined ? kept.idOf(test, finding.jobId) : undefined;
      if (timeline) reported.timeline = timeline;
      budget.left -= JSON.stringify(reported).length;
      findings.push(reported);
    }
  }
  return distinct > findings.length ? { findings, findingsLeftOut: distinct - findings.length } : { findings };
}

type RequirementHeading = Omit<RequirementResult, 'status' | 'tests' | 'findings' | 'inconclusive'>;

function cataloguedHeading(r: Requirement, profile: Profile, catalog: Catalog): RequirementHeading {
  return {
    links: linksOf(r, catalog),
    id: r.id,
    area: r.area,
    level: levelIn(r, profile),
    evidence: r.evidence,
    title: r.title,
    statement: r.statement,
    source: r.source,
    catalogued: true,
  };
}

/** An id a test or finding names that the catalog lacks: a MUST unless only SHOULD findings name it. */
function uncataloguedHeading(id: string, tests: readonly TestRecord[]): RequirementHeading {
  const levels = tests.flatMap((t) => t.evidence.findings.filter((f) => f.requirement === id).map((f) => f.level));
  return {
    id,
    area: 'uncatalogued',
    level: levels.includes('MUST') || levels.length === 0 ? 'MUST' : 'SHOULD',
    evidence: 'inferred',
    title: 'Not in the requirement catalog',
    statement: 'A test or a finding names this id, but spec/requirements.yaml does not define it.',
    source: 'run',
    links: [],
    catalogued: false,
  };
}

/** The catalog's requirements in its order, then the ids it lacks, sorted; each with its status and evidence. */
function requirementResults(
  records: readonly TestRecord[],
  catalog: Catalog,
  profile: Profile,
  kept: KeptTimelines,
  partial: boolean,
  brokeBefore: string | undefined,
  waiverOf: (id: string) => Waiver | undefined,
  runDate: string,
): { requirements: RequirementResult[]; uncatalogued: string[] } {
  const byRequirement = testsByRequirement(records);
  const budget: FindingsBudget = { left: FINDINGS_BYTE_BUDGET };
  const resultFor = (heading: RequirementHeading): RequirementResult => {
    // A run that broke before any test judged nothing: each requirement says why, none is charged to the target.
    if (brokeBefore !== undefined)
      return { ...heading, status: 'inconclusive', tests: [], findings: [], inconclusive: [{ test: 'preflight', cause: brokeBefore }] };
    const tests = byRequirement.get(heading.id) ?? [];
    const decision = requirementStatus(tests, heading.id, partial);
    const { findings, findingsLeftOut } = reportedFindings(heading.id, tests, kept, heading.catalogued ? heading.level : undefined, budget);
    const waiver = waiverOf(heading.id);
    const status = waivedStatus(decision.status, waiver, runDate);
    return {
      ...heading,
      status,
      tests: tests.map(testRef),
      findings,
      ...(findingsLeftOut ? { findingsLeftOut } : {}),
      inconclusive: decision.inconclusive,
      ...(status === 'waived' && waiver ? { waiver } : {}),
    };
  };
  const catalogued = new Set(catalog.requirements.map((r) => r.id));
  const uncatalogued = [...byRequirement.keys()].filter((id) => !catalogued.has(id)).sort();
  const requirements = [
    ...catalog.requirements.map((r) => resultFor(cataloguedHeading(r, profile, catalog))),
    ...uncatalogued.map((id) => resultFor(uncataloguedHeading(id, byRequirement.get(id) ?? []))),
  ];
  return { requirements, uncatalogued };
}

/** The first target a test annotated, else where the run was pointed; never the key. */
function resultsTarget(records: readonly TestRecord[], meta: RunMeta): ResultsTarget {
  const targetEvidence = records.find((r) => r.evidence.target)?.evidence.target;
  return {
    baseUrl: targetEvidence?.baseUrl ?? meta.fallbackBaseUrl ?? null,
    kind: targetEvidence?.kind ?? meta.fallbackKind ?? 'unknown',
    controllable: targetEvidence?.controllable ?? null,
    apiKey: meta.apiKeyConfigured ? 'redacted' : 'not set',
  };
}

function runCounts(records: readonly TestRecord[], runStatus: string): Results['run'] {
  const count = (statuses: readonly TestStatus[]): number => records.filter((r) => statuses.includes(r.status)).length;
  return {
    status: runStatus,
    tests: records.length,
    passed: count(['passed']),
    failed: count(FAILED),
    skipped: count(['skipped']),
    other: count(['interrupted', 'not-run']),
  };
}

/** One timeline per area from a passing test, in the catalog's order of areas. */
function passedEvidence(records: readonly TestRecord[], catalog: Catalog): TimelineEvidence[] {
  const areaOf = new Map(catalog.requirements.map((r) => [r.id, r.area]));
  const order = catalog.areas.map((a) => a.id);
  return areaEvidence(records, (id) => areaOf.get(id)).sort((a, b) => order.indexOf(a.area ?? '') - order.indexOf(b.area ?? ''));
}

export function buildResults(records: readonly TestRecord[], catalog: Catalog, meta: RunMeta): Results {
  const kept = keepTimelines(records);
  const partial = (meta.selection ?? []).length > 0;
  const { requirements, uncatalogued } = requirementResults(
    records,
    catalog,
    meta.profile,
    kept,
    partial,
    meta.brokeBefore,
    (id) => meta.waivers?.find((w) => w.id === id),
    meta.finishedAt,
  );
  const areas =
    uncatalogued.length > 0 ? [...catalog.areas, { id: 'uncatalogued', prefix: '', title: 'Not in the catalog' }] : [...catalog.areas];
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    target: resultsTarget(records, meta),
    profile: meta.profile,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    summary: summarize(requirements, {
      tests: records,
      runStatus: meta.runStatus,
      requireComplete: meta.requireComplete,
      ...(meta.selection ? { selection: meta.selection } : {}),
      ...(meta.brokeBefore ? { brokeBefore: meta.brokeBefore } : {}),
      warnings: waiverWarnings(meta.waivers ?? [], new Set(catalog.requirements.map((r) => r.id)), meta.finishedAt),
    }),
    requirements,
    seeds: records.flatMap((r) => r.evidence.seeds.map((s) => ({ ...s, test: r.id, testTitle: r.title }))),
    run: runCounts(records, meta.runStatus),
    areas,
    specIssues: catalog.spec_issues ?? [],
    coverage: coverageOf(
      records.flatMap((r) => r.evidence.timelines.map((t) => t.timeline)),
      meta.httpStatuses,
    ),
    timelines: [...kept.timelines, ...passedEvidence(records, catalog)],
    timelinesLeftOut: kept.leftOut,
    // What the tests could not attach, test by test.
    problems: records.flatMap((r) => r.evidence.problems.map((problem) => `${r.title}: ${problem}`)),
  };
  // Last line of defence: whatever a test or the target put in, the key does not leave this function.
  return redactDeep(results, meta.secrets) as Results;
}
