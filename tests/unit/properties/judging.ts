// How the properties ask the oracle: a timeline through judgeTimeline, a files walk page by page
// (as exchanges, classified) and then as a walk, exactly as the conformance tests will.
import type { JobSnapshot } from '../../../src/model/job.js';
import { checkFilesWalk, classify, exchangeOf, judgeObservation, judgeTimeline, type Finding } from '../../../src/oracle/index.js';
import type { BrokenTimeline } from '../../../generators/corruptions/corruption.js';
import { walkUrl } from '../../../generators/files-walk.js';

export function judgeBroken(b: BrokenTimeline): Finding[] {
  return judgeTimeline(b.timeline, b.request);
}

export function judgeWalk(pages: readonly JobSnapshot[], walk: { filesLimit: number; identity: { jobId: string } }): Finding[] {
  const request = { jobId: walk.identity.jobId, filesLimit: walk.filesLimit };
  const perPage = pages.flatMap((page, i) =>
    judgeObservation(classify(exchangeOf(page, { url: walkUrl(request.jobId, walk.filesLimit, i) }), i), request),
  );
  return [...perPage, ...checkFilesWalk(pages, request)];
}

/** One line per finding, for assertion messages. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.requirement} @${f.pollIndex ?? '-'}: ${f.message}`).join('\n');
}
