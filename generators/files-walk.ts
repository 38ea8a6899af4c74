// Files walks: the pages a conforming server returns while a client follows next_cursor from the
// first page to the last, for one files_limit. Pages are fetched one after another, so the job may
// move on between them; the order of files never changes.
import fc from 'fast-check';
import type { JobSnapshot } from '../src/model/job.js';
import { snapshotAt, terminalSecond } from '../src/model/progression.js';
import type { JobIdentity, Scenario } from '../src/model/scenario.js';
import { cursorFor, servedPage } from './page.js';
import { scenarioArbitrary, type ScenarioOptions } from './scenario.js';
import { identityArbitrary } from './timeline.js';

export interface GeneratedWalk {
  scenario: Scenario;
  identity: JobIdentity;
  /** files_limit of every request of the walk (1..500). */
  filesLimit: number;
  /** Instants of the requests, ms after creation. */
  atMs: number[];
  pages: JobSnapshot[];
}

/** The request path of page `index` of a walk (the first page sends no cursor). */
export function walkUrl(jobId: string, filesLimit: number, index: number): string {
  const cursor = index === 0 ? '' : `&files_cursor=${cursorFor(jobId, index * filesLimit)}`;
  return `/v2/jobs/${jobId}?files_limit=${filesLimit}${cursor}`;
}

/** The walk starting `startMs` after creation, one page every `stepMs`. */
export function walkOf(
  scenario: Scenario,
  identity: JobIdentity,
  filesLimit: number,
  startMs: number,
  stepMs: number,
  lastCursor: 'null' | 'absent' = 'absent',
): GeneratedWalk {
  const count = Math.max(1, Math.ceil(scenario.files.length / filesLimit));
  const atMs = Array.from({ length: count }, (_, i) => startMs + i * stepMs);
  const pages = atMs.map((at, i) =>
    servedPage(snapshotAt(scenario, identity, identity.createdAtMs + at), {
      limit: filesLimit,
      offset: i * filesLimit,
      filesPage: true,
      lastCursor,
    }),
  );
  return { scenario, identity, filesLimit, atMs, pages };
}

/** files_limit biased small, so that walks have several pages; anywhere in 1..500 now and then. */
export const walkLimitArbitrary: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 500 }), weight: 1 },
);

export interface FilesWalkOptions {
  scenario?: ScenarioOptions;
  /** Start the walk after the job's terminal status (default: anywhere in its life). */
  afterTerminal?: boolean;
}

export function filesWalkArbitrary(options: FilesWalkOptions = {}): fc.Arbitrary<GeneratedWalk> {
  return fc
    .record({
      scenario: scenarioArbitrary(options.scenario),
      identity: identityArbitrary,
      filesLimit: walkLimitArbitrary,
      startPermille: fc.integer({ min: 0, max: 1250 }),
      stepMs: fc.integer({ min: 0, max: 5000 }),
      lastCursor: fc.constantFrom('null' as const, 'absent' as const),
    })
    .map(({ scenario, identity, filesLimit, startPermille, stepMs, lastCursor }) => {
      const terminal = terminalSecond(scenario);
      const span = Number.isFinite(terminal) ? terminal : scenario.pendingSeconds + scenario.stageSeconds.reduce((a, b) => a + b, 0);
      const startMs =
        options.afterTerminal && Number.isFinite(terminal)
          ? Math.ceil(terminal * 1000) + startPermille
          : Math.floor((startPermille / 1000) * span * 1000);
      return walkOf(scenario, identity, filesLimit, startMs, stepMs, lastCursor);
    });
}
