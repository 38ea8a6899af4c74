// Files pagination (JS-PAGE-001/002/004/006): one page against its files_limit, and a whole cursor walk
// against "each file once, and it ends". The walker (src/client/iterate-files.ts) only collects pages;
// this is the one judge of a walk, so one defect gives one finding.
import type { JobSnapshot } from '../model/job.js';
import { DEFAULT_FILES_LIMIT } from '../model/pagination.js';
import { isKnownStatus, isTerminal } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { addJudgement, judgement, NO_FINDINGS, type JudgementSink } from './judgement.js';
import { numberAt, objectAt, show, stringAt } from './values.js';

export { DEFAULT_FILES_LIMIT };

/** A page holds at most files_limit files (JS-PAGE-001), or 50 when none was asked for (JS-PAGE-002), judged into `out`. */
export function checkPageSize(page: JobSnapshot, filesLimit: number | undefined, context: FindingContext, out: JudgementSink): void {
  const snapshot = objectAt(page) ?? {};
  const requirement = filesLimit === undefined ? 'JS-PAGE-002' : 'JS-PAGE-001';
  const limit = filesLimit ?? DEFAULT_FILES_LIMIT;
  const count = Array.isArray(snapshot.files) ? snapshot.files.length : 0;
  const pageLimit = numberAt(objectAt(snapshot.files_page)?.limit);
  addJudgement(
    out,
    requirement,
    context,
    count > limit && `files has ${count} entries, above the page size ${limit}`,
    pageLimit !== undefined && pageLimit !== limit && `files_page.limit is ${pageLimit}, expected ${limit}`,
  );
}

export interface FilesWalkOptions {
  filesLimit?: number;
  jobId?: string;
  /**
   * Why the walker stopped before a page without next_cursor, when it did: a loop it refused to follow,
   * its page limit, or a 4xx to a cursor the server issued. A walk cut short by transient trouble is not
   * judged as a walk at all (those answers are judged one by one).
   */
  stoppedBecause?: string;
  /**
   * Each page is judged as a status answer elsewhere (by the timeline judge, which checks its size): only
   * the walk as a whole is judged here, so a page too long gives one finding, not two.
   */
  pagesJudgedApart?: boolean;
}

function fileUris(page: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const file of Array.isArray(page.files) ? page.files : []) {
    const uri = stringAt(objectAt(file)?.uri) ?? stringAt(objectAt(file)?.filename); // uploads may carry only a filename
    if (uri !== undefined) out.push(uri);
  }
  return out;
}

/** files_total, when every page announces the same one past scanning: then the job's file set is known. */
function knownTotal(pages: ReadonlyArray<Record<string, unknown>>): number | undefined {
  const totals = new Set(pages.map((p) => numberAt(objectAt(p.progress)?.files_total)));
  if (totals.size !== 1) return undefined;
  const total = [...totals][0];
  const settled = pages.every((p) => {
    const status = p.status;
    if (isKnownStatus(status) && isTerminal(status)) return true;
    const stage = objectAt(p.progress)?.current_stage;
    return status === 'running' && typeof stage === 'string' && stage !== 'scanning';
  });
  return settled ? total : undefined;
}

/** Judges the pages of one cursor walk, in the order fetched (JS-PAGE-001/002 per page, 004 and 006 as a whole), into `out`. */
export function checkFilesWalk(pages: readonly JobSnapshot[], options: FilesWalkOptions, out: JudgementSink): void {
  const bodies = pages.map((p) => objectAt(p) ?? {});
  const ctxAt = (index: number): FindingContext => ({ jobId: options.jobId ?? stringAt(bodies[index]?.job_id), pollIndex: index });
  if (!options.pagesJudgedApart) bodies.forEach((_, index) => checkPageSize(pages[index]!, options.filesLimit, ctxAt(index), out));
  if (bodies.length === 0) return;

  const firstPage = new Map<string, number>();
  const repeated: string[] = [];
  let repeatedCount = 0;
  let repeatedAt: number | undefined;
  const seenCursors = new Map<string, number>();
  let loop: { message: string; at: number } | undefined;
  bodies.forEach((page, index) => {
    for (const uri of fileUris(page)) {
      const first = firstPage.get(uri);
      if (first === undefined) firstPage.set(uri, index);
      else {
        repeatedAt ??= index;
        if (++repeatedCount <= 3) repeated.push(`${show(uri)} (pages ${first} and ${index})`);
      }
    }
    const cursor = stringAt(objectAt(page.files_page)?.next_cursor) || undefined; // "" ends a walk, as null does
    if (cursor === undefined) return;
    const first = seenCursors.get(cursor);
    if (first !== undefined)
      loop ??= { message: `next_cursor on page ${index} repeats the one of page ${first}: the walk loops`, at: index };
    else seenCursors.set(cursor, index);
  });
  const lastIndex = bodies.length - 1;
  const last = bodies[lastIndex]!;
  const unfinished = stringAt(objectAt(last.files_page)?.next_cursor)
    ? `the walk did not end: page ${lastIndex} still names a next_cursor`
    : undefined;
  const total = knownTotal(bodies);
  const walk: Finding[] = [];
  // Each defect once, at the page that shows it; a loop re-serves files too, so it is not also a repeat.
  if (repeatedCount > 0)
    walk.push(finding('JS-PAGE-004', `${repeatedCount} file(s) listed again: ${repeated.join(', ')}`, ctxAt(repeatedAt!)));
  else if (loop) walk.push(finding('JS-PAGE-004', loop.message, ctxAt(loop.at)));
  else if (unfinished)
    walk.push(finding('JS-PAGE-004', options.stoppedBecause ? `${unfinished} (${options.stoppedBecause})` : unfinished, ctxAt(lastIndex)));
  else if (total !== undefined && total !== firstPage.size && bodies.some((p) => Array.isArray(p.files))) {
    walk.push(
      finding('JS-PAGE-004', `the walk visited ${firstPage.size} files but the job announces files_total ${total}`, ctxAt(lastIndex)),
    );
  }
  out.add('JS-PAGE-004', walk.length === 0 ? NO_FINDINGS : walk);

  if (walk.length === 0 && isKnownStatus(last.status) && isTerminal(last.status)) {
    const estimated = numberAt(objectAt(last.files_page)?.total_estimated);
    if (estimated !== undefined) {
      const estimate = judgement(
        'JS-PAGE-006',
        [estimated !== firstPage.size && `the walk visited ${firstPage.size} files but files_page.total_estimated is ${estimated}`],
        ctxAt(lastIndex),
      );
      out.add(estimate.requirement, estimate.findings);
    }
  }
}
