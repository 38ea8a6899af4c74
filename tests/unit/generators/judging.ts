// How the properties ask the oracle: a timeline through judgeTimeline, a files walk page by page
// (as exchanges, classified, through one timeline judge) and then as a walk, exactly as the conformance tests do.
import { findingsOfCheck } from '../../../src/oracle/judgement.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import fc from 'fast-check';
import { checkFilesWalk } from '../../../src/oracle/page-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import { judgeTimeline, startJudging } from '../../../src/oracle/judge.js';
import type { Finding } from '../../../src/oracle/finding.js';
import type { Timeline } from '../../../src/oracle/observation.js';
import type { BrokenTimeline } from '../../../generators/corruptions/corruption.js';
import { walkUrl } from '../../../generators/files-walk.js';

export function judgeBroken(b: BrokenTimeline): Finding[] {
  return judgeTimeline(b.timeline, b.request);
}

export function judgeWalk(pages: readonly JobSnapshot[], walk: { filesLimit: number; identity: { jobId: string } }): Finding[] {
  const request = { jobId: walk.identity.jobId, filesLimit: walk.filesLimit };
  const judge = startJudging(request);
  pages.forEach((page, i) => judge.observe(classify(exchangeOf(page, { url: walkUrl(request.jobId, walk.filesLimit, i) }), i)));
  // Each page's size was judged with its answer: the walk is judged as a whole only.
  return [...judge.assessment().findings, ...findingsOfCheck(checkFilesWalk, pages, { ...request, pagesJudgedApart: true })];
}

/** One line per finding, for assertion messages. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.requirement} @${f.pollIndex ?? '-'}: ${f.message}`).join('\n');
}

/** A timeline as a counterexample should read: one poll a line, status code and body. */
export function describeTimeline(timeline: Timeline): string {
  return timeline.map((o) => `  #${o.index} ${o.at} HTTP ${o.exchange.status} ${o.kind}: ${o.exchange.body}`).join('\n');
}

/** `value`, printed by fast-check as `print(value)` instead of its (large, redundant) JSON. */
export function printable<T extends object>(value: T, print: (value: T) => string): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value, { [fc.toStringMethod]: () => print(value) });
}
