// Files pagination (JS-PAGE-001/002/004/006): one page against its files_limit, and a whole
// cursor walk against "each file once, and it ends".
import type { JobSnapshot } from '../model/job.js';
import { DEFAULT_FILES_LIMIT } from '../model/pagination.js';
import { isJobStatus, isTerminal } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { numberAt, objectAt, show, stringAt } from './values.js';

export { DEFAULT_FILES_LIMIT };

/** A page holds at most files_limit files (JS-PAGE-001), or 50 when none was asked for (JS-PAGE-002). */
export function checkPageSize(page: JobSnapshot, filesLimit: number | undefined, context: FindingContext = {}): Finding[] {
  const snapshot = objectAt(page) ?? {};
  const requirement = filesLimit === undefined ? 'JS-PAGE-002' : 'JS-PAGE-001';
  const limit = filesLimit ?? DEFAULT_FILES_LIMIT;
  const out: Finding[] = [];
  const count = Array.isArray(snapshot.files) ? snapshot.files.length : 0;
  if (count > limit) out.push(finding(requirement, `files has ${count} entries, above the page size ${limit}`, context));
  const pageLimit = numberAt(objectAt(snapshot.files_page)?.limit);
  if (pageLimit !== undefined && pageLimit !== limit) {
    out.push(finding(requirement, `files_page.limit is ${pageLimit}, expected ${limit}`, context));
  }
  return out;
}

export interface FilesWalkOptions {
  filesLimit?: number;
  jobId?: string;
}

/**
 * Judges the pages of one cursor walk, in the order fetched. A walk whose last page still names
 * a next_cursor did not end (the walker gave up), which JS-PAGE-004 reports.
 */
export function checkFilesWalk(pages: readonly JobSnapshot[], options: FilesWalkOptions = {}): Finding[] {
  const out: Finding[] = [];
  const seenFiles = new Map<string, number>();
  const seenCursors = new Map<string, number>();
  pages.forEach((body, index) => {
    const page = objectAt(body) ?? {};
    const ctx = { jobId: options.jobId ?? stringAt(page.job_id), pollIndex: index };
    out.push(...checkPageSize(body, options.filesLimit, ctx));
    for (const file of Array.isArray(page.files) ? page.files : []) {
      const uri = stringAt(objectAt(file)?.uri);
      if (uri === undefined) continue;
      const first = seenFiles.get(uri);
      if (first !== undefined) out.push(finding('JS-PAGE-004', `file ${show(uri)} appears again (first on page ${first})`, ctx));
      else seenFiles.set(uri, index);
    }
    const cursor = stringAt(objectAt(page.files_page)?.next_cursor) || undefined; // "" ends a walk, as null does
    if (cursor !== undefined) {
      const first = seenCursors.get(cursor);
      if (first !== undefined) out.push(finding('JS-PAGE-004', `next_cursor repeats the cursor of page ${first}: the walk loops`, ctx));
      else seenCursors.set(cursor, index);
    }
  });
  if (pages.length === 0) return out;
  const last = objectAt(pages[pages.length - 1]) ?? {};
  const lastCtx = { jobId: options.jobId ?? stringAt(last.job_id), pollIndex: pages.length - 1 };
  if (stringAt(objectAt(last.files_page)?.next_cursor)) {
    out.push(finding('JS-PAGE-004', `the walk did not end: page ${pages.length - 1} still names a next_cursor`, lastCtx));
    return out;
  }
  if (isJobStatus(last.status) && isTerminal(last.status)) {
    const total = numberAt(objectAt(last.progress)?.files_total);
    const estimated = numberAt(objectAt(last.files_page)?.total_estimated);
    for (const [name, announced] of [['progress.files_total', total], ['files_page.total_estimated', estimated]] as const) {
      if (announced !== undefined && announced !== seenFiles.size) {
        out.push(finding('JS-PAGE-006', `the walk visited ${seenFiles.size} files but ${name} is ${announced}`, lastCtx));
      }
    }
  }
  return out;
}
