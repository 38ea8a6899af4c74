// One run's results.json read as the job summary and the history site show it: schemaVersion 2 (profile,
// inconclusive, exitCode) and version 1 (what older runs wrote) alike. Pure: it takes parsed JSON.
import type { Level } from '../contract/profile.js';
import { isJsonObject } from '../model/json.js';
import type { LevelCounts } from './verdict.js';

/** The statuses of docs/ARCHITECTURE.md, "Fixed interfaces"; any other string a future version writes is kept as it is. */
export type RunRequirementStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped' | 'not-covered' | (string & {});

export interface RunRequirement {
  id: string;
  level: Level;
  title: string;
  status: RunRequirementStatus;
  findings: number;
  /** The first finding's message, or why it is inconclusive, or why its tests were skipped. */
  note?: string;
}

export interface RunSummary {
  schemaVersion: number;
  baseUrl: string | null;
  targetKind: string;
  profile: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** conformant | not-conformant | incomplete (v2), or whatever the file says. */
  verdict: string;
  /** The exit code the run had: v2 records it; for v1 it follows the verdict. */
  exitCode: number;
  runBroken: boolean;
  brokenBecause: string[];
  must: LevelCounts;
  should: LevelCounts;
  requirements: RunRequirement[];
}

export class NotResultsError extends Error {}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return isJsonObject(value) ? value : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function tallyOf(requirements: readonly RunRequirement[], level: Level): LevelCounts {
  const tally: LevelCounts = { passed: 0, failed: 0, inconclusive: 0, skipped: 0, notCovered: 0, notSelected: 0, waived: 0 };
  for (const r of requirements) {
    if (r.level !== level) continue;
    if (r.status === 'passed') tally.passed += 1;
    else if (r.status === 'failed') tally.failed += 1;
    else if (r.status === 'inconclusive') tally.inconclusive += 1;
    else if (r.status === 'skipped') tally.skipped += 1;
    else if (r.status === 'not-selected') tally.notSelected += 1;
    else if (r.status === 'waived') tally.waived += 1;
    else tally.notCovered += 1; // not-covered, and any status a future version writes
  }
  return tally;
}

/** What the summary and the history site show as "not covered": neither judged nor skipped (not selected and waived too). */
export function notJudged(t: LevelCounts): number {
  return t.notCovered + t.notSelected + t.waived;
}

function noteOf(r: Json): string | undefined {
  const finding = object((r.findings as unknown[] | undefined)?.[0]);
  if (typeof finding.message === 'string') return finding.message;
  const inconclusive = object((r.inconclusive as unknown[] | undefined)?.[0]);
  if (typeof inconclusive.cause === 'string') return inconclusive.cause;
  const skipped = ((r.tests as unknown[] | undefined) ?? []).map(object).find((t) => typeof t.skipReason === 'string');
  return skipped ? (skipped.skipReason as string) : undefined;
}

function requirementOf(value: unknown): RunRequirement {
  const r = object(value);
  const requirement: RunRequirement = {
    id: text(r.id) ?? '(no id)',
    level: r.level === 'SHOULD' ? 'SHOULD' : 'MUST',
    title: text(r.title) ?? '',
    status: text(r.status) ?? 'unknown',
    findings: Array.isArray(r.findings) ? r.findings.length : 0,
  };
  const note = noteOf(r);
  if (note !== undefined) requirement.note = note;
  return requirement;
}

/** Reads a parsed results.json; throws NotResultsError when it is not one (no requirements[]). */
export function readRunSummary(json: unknown): RunSummary {
  const results = object(json);
  if (!Array.isArray(results.requirements)) throw new NotResultsError('not a conformance results.json (no requirements[])');
  const summary = object(results.summary);
  const target = object(results.target);
  const requirements = results.requirements.map(requirementOf);
  const must = tallyOf(requirements, 'MUST');
  const verdict = text(summary.verdict) ?? (must.failed > 0 ? 'not-conformant' : 'unknown');
  const v2 = count(results.schemaVersion) >= 2;
  const exitCode =
    v2 && typeof summary.exitCode === 'number' ? summary.exitCode : verdict === 'conformant' ? 0 : verdict === 'incomplete' ? 0 : 1;
  return {
    schemaVersion: count(results.schemaVersion),
    baseUrl: text(target.baseUrl),
    targetKind: text(target.kind) ?? 'unknown',
    profile: text(results.profile) ?? 'default',
    startedAt: text(results.startedAt),
    finishedAt: text(results.finishedAt),
    verdict,
    exitCode,
    runBroken: summary.runBroken === true,
    brokenBecause: Array.isArray(summary.brokenBecause) ? summary.brokenBecause.filter((b): b is string => typeof b === 'string') : [],
    must,
    should: tallyOf(requirements, 'SHOULD'),
    requirements,
  };
}
