// How a run's evidence becomes requirement statuses, a verdict and an exit code (docs/ARCHITECTURE.md, "Fixed interfaces"). Pure.
// A requirement passes only where a check actually ran on the target's answers and held; a test's tag is
// not evidence. The suite's own trouble makes a requirement inconclusive, never failed.
import type { Level } from '../contract/catalog.js';
import type { TestEvidence } from '../evidence/read-evidence.js';
import { firstLine } from '../contract/clip.js';

/**
 * `not-selected`: a partial run (--grep, a file filter, --shard) selected no test of it; `waived`: it was not
 * exercised and a waiver in force (CONFORMANCE_WAIVERS) accepts that, in writing and for a time.
 */
export type RequirementStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'not-covered' | 'not-selected' | 'waived';
export type TestStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted' | 'not-run';
/** `broke`: the suite could not judge (its own trouble, the target unreachable or not the API): no verdict against the target. */
export type Verdict = 'conformant' | 'not-conformant' | 'incomplete' | 'broke';
/** 0 conformant (or incomplete unless complete runs are required), 1 not conformant, 2 the run broke or the settings are bad. */
export type ExitCode = 0 | 1 | 2;

/** What the verdict needs of a test: its outcome and its evidence. */
export interface JudgedTest {
  id: string;
  title: string;
  status: TestStatus;
  error?: string;
  evidence: Pick<TestEvidence, 'requirements' | 'findings' | 'exercised' | 'inconclusive' | 'skipReason'>;
}

export interface InconclusiveNote {
  test: string;
  cause: string;
}

export interface StatusDecision {
  status: RequirementStatus;
  /** Why it is inconclusive, test by test (empty otherwise). */
  inconclusive: InconclusiveNote[];
}

const RAN: readonly TestStatus[] = ['passed', 'failed', 'timedOut', 'interrupted'];
const BROKE: readonly TestStatus[] = ['failed', 'timedOut', 'interrupted'];
/** The outcomes a run counts as failed tests. */
export const FAILED: readonly TestStatus[] = ['failed', 'timedOut'];

/** A test that failed, timed out or was interrupted with no MUST finding to explain it: its evidence is not trusted. */
export function brokeUnexplained(test: JudgedTest): boolean {
  return BROKE.includes(test.status) && !test.evidence.findings.some((f) => f.level === 'MUST');
}

function brokeBecause(test: JudgedTest): string {
  const what = test.status === 'timedOut' ? 'timed out' : test.status === 'interrupted' ? 'was interrupted' : 'failed';
  const error = firstLine(test.error, 300);
  return `the test ${what} before this check ran${error ? `: ${error}` : ''}`;
}

/**
 * Status of one requirement from the tests that name it (by tag, finding or a check that ran). In a partial
 * run a requirement no selected test names is `not-selected`: whether some test covers it is not known.
 */
export function requirementStatus(tests: readonly JudgedTest[], id: string, partial = false): StatusDecision {
  if (tests.length === 0) return { status: partial ? 'not-selected' : 'not-covered', inconclusive: [] };
  if (tests.some((t) => t.evidence.findings.some((f) => f.requirement === id))) return { status: 'failed', inconclusive: [] };
  const trusted = (t: JudgedTest) => RAN.includes(t.status) && !brokeUnexplained(t);
  if (tests.some((t) => trusted(t) && t.evidence.exercised.includes(id) && !t.evidence.inconclusive.some((c) => c.requirement === id))) {
    return { status: 'passed', inconclusive: [] };
  }
  const ran = tests.filter((t) => RAN.includes(t.status));
  if (ran.length === 0) return { status: 'skipped', inconclusive: [] };
  const notes = ran.map((t) => {
    const own =
      t.evidence.inconclusive.find((c) => c.requirement === id) ?? t.evidence.inconclusive.find((c) => c.requirement === undefined);
    if (own) return { test: t.id, cause: own.cause };
    if (brokeUnexplained(t)) return { test: t.id, cause: brokeBecause(t) };
    return { test: t.id, cause: 'its check never ran: the test saw no answer this requirement applies to' };
  });
  return { status: 'inconclusive', inconclusive: notes };
}

export interface LevelCounts {
  passed: number;
  failed: number;
  inconclusive: number;
  skipped: number;
  notCovered: number;
  notSelected: number;
  waived: number;
}

export interface UnexercisedMust {
  id: string;
  status: Exclude<RequirementStatus, 'passed' | 'failed' | 'not-selected'>;
  reason: string;
}

export interface Summary {
  requirements: number;
  passed: number;
  /** MUST requirements failed. */
  failed: number;
  /** SHOULD requirements failed. */
  warned: number;
  inconclusive: number;
  skipped: number;
  notCovered: number;
  /** Requirements no selected test names (partial runs only). */
  notSelected: number;
  /** Unexercised requirements a waiver in force accepts. */
  waived: number;
  verdict: Verdict;
  /** The process exit code this run ends with: the banner and results.json say the same. */
  exitCode: ExitCode;
  /** The suite's own trouble or a test that failed unexplained: the run did not do what it set out to. */
  runBroken: boolean;
  brokenBecause: string[];
  /** A run of selected tests only (--grep, a file filter, --shard): its verdict speaks of what it selected. */
  partial: boolean;
  /** How the tests were selected, when partial (e.g. `--grep=placeholder`). */
  selection: string[];
  /** Said, not counted: an expired waiver, a waiver of an unknown id. */
  warnings: string[];
  /** Every MUST that was not exercised, and why (the banner lists them); waived ones with the waiver. */
  unexercisedMust: UnexercisedMust[];
  must: LevelCounts;
  should: LevelCounts;
}

export interface SummaryInput {
  id: string;
  level: Level;
  status: RequirementStatus;
  inconclusive: InconclusiveNote[];
  tests: ReadonlyArray<{ skipReason?: string }>;
  /** The waiver that made it `waived`. */
  waiver?: { reason: string; owner: string; expires: string };
}

export interface RunOutcome {
  /** Tests of the run (every project): unexplained failures break the run. */
  tests: readonly JudgedTest[];
  /** Playwright's own status: interrupted or timed out runs are broken runs. */
  runStatus: string;
  /** CONFORMANCE_REQUIRE_COMPLETE=1: an incomplete verdict, or a partial run, exits 1. */
  requireComplete: boolean;
  /** How the tests were selected; empty for a whole run. */
  selection?: readonly string[];
  /** Why the run broke before any test (the preflight), when it did. */
  brokeBefore?: string;
  /** What the run should say but does not count (an expired waiver). */
  warnings?: readonly string[];
}

function emptyCounts(): LevelCounts {
  return { passed: 0, failed: 0, inconclusive: 0, skipped: 0, notCovered: 0, notSelected: 0, waived: 0 };
}

const COUNT_KEY: Record<RequirementStatus, keyof LevelCounts> = {
  passed: 'passed',
  failed: 'failed',
  inconclusive: 'inconclusive',
  skipped: 'skipped',
  'not-covered': 'notCovered',
  'not-selected': 'notSelected',
  waived: 'waived',
};

function whyUnexercised(r: SummaryInput): string {
  if (r.status === 'waived' && r.waiver) return `waived until ${r.waiver.expires} by ${r.waiver.owner}: ${r.waiver.reason}`;
  if (r.status === 'not-covered') return 'no test names it';
  if (r.status === 'skipped') {
    const reasons = [...new Set(r.tests.map((t) => t.skipReason).filter((x): x is string => !!x))];
    return reasons.length > 0 ? reasons.join('; ') : 'its tests were skipped';
  }
  return [...new Set(r.inconclusive.map((n) => n.cause))].slice(0, 3).join('; ') || 'its check never ran';
}

/**
 * A MUST finding is the API's doing whatever else happened, so it wins; otherwise the suite's own trouble
 * means it could not judge (broke); a waived MUST does not keep a run from being conformant.
 */
function verdictOf(mustFailed: number, unexercised: readonly UnexercisedMust[], runBroken: boolean): Verdict {
  if (mustFailed > 0) return 'not-conformant';
  if (runBroken) return 'broke';
  return unexercised.every((u) => u.status === 'waived') ? 'conformant' : 'incomplete';
}

/** A release gate (CONFORMANCE_REQUIRE_COMPLETE=1) passes only on a whole run that is conformant. */
function exitCodeOf(verdict: Verdict, partial: boolean, requireComplete: boolean): ExitCode {
  if (verdict === 'broke') return 2;
  if (verdict === 'not-conformant') return 1;
  return requireComplete && (verdict === 'incomplete' || partial) ? 1 : 0;
}

export function summarize(requirements: readonly SummaryInput[], outcome: RunOutcome): Summary {
  const must = emptyCounts();
  const should = emptyCounts();
  for (const r of requirements) (r.level === 'MUST' ? must : should)[COUNT_KEY[r.status]] += 1;

  const brokenBecause: string[] = outcome.brokeBefore ? [outcome.brokeBefore] : [];
  for (const test of outcome.tests) {
    if (brokeUnexplained(test))
      brokenBecause.push(
        `"${test.title}" ${test.status === 'timedOut' ? 'timed out' : test.status}${test.error ? `: ${firstLine(test.error, 300)}` : ''}`,
      );
    for (const c of test.evidence.inconclusive) if (c.suiteTrouble) brokenBecause.push(c.cause);
  }
  if (outcome.runStatus === 'interrupted' || outcome.runStatus === 'timedout')
    brokenBecause.push(`the run ${outcome.runStatus === 'timedout' ? 'hit its global timeout' : 'was interrupted'}`);
  const unique = [...new Set(brokenBecause)];

  const unexercisedMust = requirements
    .filter(
      (r): r is SummaryInput & { status: UnexercisedMust['status'] } =>
        r.level === 'MUST' && r.status !== 'passed' && r.status !== 'failed' && r.status !== 'not-selected',
    )
    .map((r) => ({ id: r.id, status: r.status, reason: whyUnexercised(r) }));
  const runBroken = unique.length > 0;
  const selection = [...(outcome.selection ?? [])];
  const partial = selection.length > 0;
  const verdict = verdictOf(must.failed, unexercisedMust, runBroken);
  return {
    requirements: requirements.length,
    passed: must.passed + should.passed,
    failed: must.failed,
    warned: should.failed,
    inconclusive: must.inconclusive + should.inconclusive,
    skipped: must.skipped + should.skipped,
    notCovered: must.notCovered + should.notCovered,
    notSelected: must.notSelected + should.notSelected,
    waived: must.waived + should.waived,
    verdict,
    exitCode: exitCodeOf(verdict, partial, outcome.requireComplete),
    runBroken,
    brokenBecause: unique.slice(0, 50),
    partial,
    selection,
    warnings: [...(outcome.warnings ?? [])],
    unexercisedMust,
    must,
    should,
  };
}
