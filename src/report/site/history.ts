// The runs of the history in order, each with what changed since the run before it (the report:diff
// logic of ../diff.ts). Pure: the CLI reads the runs folder and hands the parsed results.json here.
import { diffResults, type ResultsDiff } from '../diff.js';
import { NotResultsError, readRunSummary, type RunSummary } from '../summary-model.js';

export interface RunInput {
  /** The run's folder name in the runs folder. */
  name: string;
  /** Its parsed results.json. */
  results: unknown;
  /** Whether its HTML report (index.html) sits beside results.json. */
  hasReport: boolean;
}

export interface HistoryRun {
  name: string;
  /** Safe as a path segment and in an href: letters, digits, `-` and `_`. */
  slug: string;
  summary: RunSummary;
  hasReport: boolean;
  previous?: { slug: string; summary: RunSummary };
  /** Against the previous run; absent for the first. */
  diff?: ResultsDiff;
}

export interface History {
  /** Oldest first. */
  runs: HistoryRun[];
  /** Runs that could not be read, named, with why. */
  problems: string[];
}

type Comparable = Parameters<typeof diffResults>[0];

/** diffResults reads id, level, title and status of each requirement and the verdict: a summary has them. */
function comparable(summary: RunSummary): Comparable {
  return { requirements: summary.requirements, summary: { verdict: summary.verdict } } as unknown as Comparable;
}

/** The folder name as a path segment: letters, digits, `-` and `_` (a folder `run-a` stays `run-a`, never `run-run-a`). */
export function runSlug(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  return /[A-Za-z0-9]/.test(cleaned) ? cleaned : `run${cleaned}`;
}

function startedMs(summary: RunSummary): number {
  const ms = summary.startedAt === null ? Number.NaN : Date.parse(summary.startedAt);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

export function buildHistory(inputs: readonly RunInput[], unreadable: readonly string[] = []): History {
  const problems: string[] = [...unreadable];
  const read: Array<{ input: RunInput; summary: RunSummary }> = [];
  for (const input of inputs) {
    try {
      read.push({ input, summary: readRunSummary(input.results) });
    } catch (error) {
      if (!(error instanceof NotResultsError)) throw error;
      problems.push(`${input.name}: ${error.message}`);
    }
  }
  read.sort((a, b) => startedMs(a.summary) - startedMs(b.summary) || a.input.name.localeCompare(b.input.name));
  const used = new Set<string>();
  const runs: HistoryRun[] = [];
  // A run that broke judged nothing: it is compared with nothing, and the next run is compared with the last that judged.
  let lastJudged: HistoryRun | undefined;
  for (const { input, summary } of read) {
    let slug = runSlug(input.name);
    for (let n = 2; used.has(slug); n += 1) slug = `${runSlug(input.name)}-${n}`;
    used.add(slug);
    const run: HistoryRun = { name: input.name, slug, summary, hasReport: input.hasReport };
    const before = lastJudged;
    if (before && summary.verdict !== 'broke') {
      run.previous = { slug: before.slug, summary: before.summary };
      run.diff = diffResults(comparable(before.summary), comparable(summary));
    }
    if (summary.verdict !== 'broke') lastJudged = run;
    runs.push(run);
  }
  return { runs, problems };
}
