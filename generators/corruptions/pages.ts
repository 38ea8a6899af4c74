// Corruptions of files pagination (JS-PAGE-*): a first page above its files_limit in a timeline,
// and cursor walks that loop, repeat a file, do not end, or come up short.
import type { FileStatus, JobSnapshot } from '../../src/model/job.js';
import { snapshotAt } from '../../src/model/progression.js';
import { isTerminal } from '../../src/model/status.js';
import type { GeneratedWalk } from '../files-walk.js';
import { cursorFor, DEFAULT_FILES_LIMIT } from '../page.js';
import { choose, editSnapshots, snapshotIndexes, timelineCorruption, walkCorruption, type TimelineCorruption } from './corruption.js';

/** A files_page.limit that is valid by the schema (1..500) and differs from `limit`. */
function otherLimit(limit: number): number {
  return limit < 500 ? limit + 1 : 499;
}

/** One file more than the page may hold: the next real file when there is one, else a made-up one. */
function extraFile(full: JobSnapshot, limit: number, n: number): FileStatus {
  const real = full.files?.[limit + n];
  if (real) return real;
  return { uri: `s3://acme-extra/unlisted-${n}.pdf`, status: isTerminal(full.status) ? 'skipped' : 'queued' };
}

function pageTooLarge(name: string, requirement: string, explicit: boolean): TimelineCorruption {
  return timelineCorruption({
    name,
    requirement,
    needs: { filesLimit: explicit ? 'explicit' : 'default' },
    corrupt(g, pick) {
      if ((g.request.filesLimit !== undefined) !== explicit) return undefined;
      const limit = g.request.filesLimit ?? DEFAULT_FILES_LIMIT;
      const i = choose(snapshotIndexes(g.timeline), pick);
      if (i === undefined) return undefined;
      const overfill = pick % 2 === 0;
      const at = Date.parse(g.timeline[i]!.at);
      const timeline = editSnapshots(g.timeline, [i], (s) => {
        if (!overfill) {
          s.files_page = { ...(s.files_page ?? {}), limit: otherLimit(limit) };
          return;
        }
        const full = snapshotAt(g.scenario, g.identity, at);
        const files = s.files ?? [];
        for (let n = 0; files.length <= limit; n += 1) files.push(extraFile(full, limit, n));
        s.files = files;
      });
      return {
        pollIndex: i,
        what: overfill ? `${limit + 1} files on a page of ${limit}` : `files_page.limit is ${otherLimit(limit)}, not ${limit}`,
        timeline,
      };
    },
  });
}

export const pageAboveFilesLimit = pageTooLarge('page-above-files-limit', 'JS-PAGE-001', true);
export const pageAboveDefaultLimit = pageTooLarge('page-above-default-limit', 'JS-PAGE-002', false);

export const PAGE_CORRUPTIONS = [pageAboveFilesLimit, pageAboveDefaultLimit];

function copyPages(walk: GeneratedWalk): JobSnapshot[] {
  return structuredClone(walk.pages);
}

export const walkCursorLoops = walkCorruption({
  name: 'walk-cursor-loops',
  requirement: 'JS-PAGE-004',
  needs: { minPages: 2 },
  corrupt(walk, pick) {
    if (walk.pages.length < 2) return undefined;
    // Page p hands out the cursor an earlier page already gave: following it would loop.
    const p = 1 + (pick % (walk.pages.length - 1));
    const q = pick % p;
    const pages = copyPages(walk);
    pages[p]!.files_page = { ...pages[p]!.files_page, next_cursor: pages[q]!.files_page!.next_cursor! };
    return { pollIndex: p, what: `page ${p} repeats the next_cursor of page ${q}`, broken: pages };
  },
});

export const walkDoesNotEnd = walkCorruption({
  name: 'walk-does-not-end',
  requirement: 'JS-PAGE-004',
  corrupt(walk) {
    const pages = copyPages(walk);
    const last = pages.length - 1;
    pages[last]!.files_page = { ...pages[last]!.files_page, next_cursor: cursorFor(walk.identity.jobId, pages.length * walk.filesLimit) };
    return { pollIndex: last, what: 'the last page still names a next_cursor', broken: pages };
  },
});

export const walkRepeatsAFile = walkCorruption({
  name: 'walk-repeats-a-file',
  requirement: 'JS-PAGE-004',
  needs: { minPages: 2 },
  corrupt(walk, pick) {
    // The last page, when it has room, lists again a file of an earlier page (as it is now).
    const last = walk.pages.length - 1;
    const page = walk.pages[last]!;
    if (last < 1 || (page.files?.length ?? 0) >= walk.filesLimit) return undefined;
    const earlier = walk.pages.slice(0, last).flatMap((p) => p.files ?? []);
    const uri = choose(
      earlier.map((f) => f.uri),
      pick,
    );
    if (uri === undefined) return undefined;
    const now = snapshotAt(walk.scenario, walk.identity, walk.identity.createdAtMs + walk.atMs[last]!);
    const pages = copyPages(walk);
    pages[last]!.files = [...(pages[last]!.files ?? []), now.files!.find((f) => f.uri === uri)!];
    return { pollIndex: last, what: `${uri} appears again on the last page`, broken: pages };
  },
});

export const walkPageAboveLimit = walkCorruption({
  name: 'walk-page-above-limit',
  requirement: 'JS-PAGE-001',
  corrupt(walk, pick) {
    const p = pick % walk.pages.length;
    const pages = copyPages(walk);
    pages[p]!.files_page = { ...pages[p]!.files_page, limit: otherLimit(walk.filesLimit) };
    return { pollIndex: p, what: `page ${p} says files_page.limit ${otherLimit(walk.filesLimit)}`, broken: pages };
  },
});

export const walkMissesAFile = walkCorruption({
  name: 'walk-misses-a-file',
  // The finished job announces files_total: its file set is known, and a walk that misses one breaks JS-PAGE-004.
  requirement: 'JS-PAGE-004',
  needs: { afterTerminal: true, scenario: { minFiles: 1 } },
  corrupt(walk, pick) {
    const last = walk.pages.length - 1;
    const lastPage = walk.pages[last]!;
    if (!isTerminal(lastPage.status) || typeof lastPage.progress?.files_total !== 'number') return undefined;
    const candidates = walk.pages.flatMap((p, i) => (p.files ?? []).map((_, k) => [i, k] as const));
    const hit = choose(candidates, pick);
    if (!hit) return undefined;
    const pages = copyPages(walk);
    pages[hit[0]]!.files!.splice(hit[1], 1);
    return { pollIndex: last, what: `page ${hit[0]} leaves out a file`, broken: pages };
  },
});

export const WALK_CORRUPTIONS = [walkCursorLoops, walkDoesNotEnd, walkRepeatsAFile, walkPageAboveLimit, walkMissesAFile];
