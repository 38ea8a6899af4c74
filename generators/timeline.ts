// Timelines: what a conforming server answers when one job is polled at increasing instants.
// Each real answer is snapshotAt (src/model/progression.ts) at that instant, cut to the first page
// of files; some polls get the placeholder or a 429 with Retry-After instead.
// Polling is sparse, so states are skipped exactly as a real poller skips them.
import fc from 'fast-check';
import { snapshotAt, terminalSecond } from '../src/model/progression.js';
import type { JobIdentity, Scenario } from '../src/model/scenario.js';
import { classify } from '../src/oracle/classify.js';
import { exchangeOf, type Exchange } from '../src/oracle/exchange.js';
import type { StatusRequest } from '../src/oracle/judge.js';
import type { Timeline } from '../src/oracle/observation.js';
import { DEFAULT_FILES_LIMIT, servedPage } from './page.js';
import { placeholderBody } from './placeholder.js';
import { scenarioArbitrary, type ScenarioOptions } from './scenario.js';

export type Answer = 'state' | 'placeholder' | 'rate-limited';

/** One poll: when, in ms after the job's creation, and what kind of answer it gets. */
export interface Poll {
  atMs: number;
  answer: Answer;
  /** Seconds the transient answer asks the client to wait (placeholder ETA, Retry-After). */
  waitSeconds: number;
}

/** How the server shapes its pages of files. */
export interface ServedPages {
  filesPage: boolean;
  lastCursor: 'null' | 'absent';
}

export interface GeneratedTimeline {
  scenario: Scenario;
  identity: JobIdentity;
  /** The request every poll made: pass it to judgeTimeline. */
  request: StatusRequest;
  pages: ServedPages;
  polls: Poll[];
  timeline: Timeline;
}

export function statusUrl(request: StatusRequest): string {
  return `/v2/jobs/${request.jobId}${request.filesLimit === undefined ? '' : `?files_limit=${request.filesLimit}`}`;
}

export function isoAt(identity: JobIdentity, atMs: number): string {
  return new Date(identity.createdAtMs + atMs).toISOString();
}

/** The answer of a conforming server to one poll, as an exchange. */
export function answerOf(scenario: Scenario, identity: JobIdentity, request: StatusRequest, pages: ServedPages, poll: Poll): Exchange {
  const options = { url: statusUrl(request), receivedAt: isoAt(identity, poll.atMs) };
  switch (poll.answer) {
    case 'placeholder':
      return exchangeOf(placeholderBody(identity.jobId, poll.waitSeconds), options);
    case 'rate-limited':
      return exchangeOf(
        { detail: 'Rate limit exceeded, retry later' },
        { ...options, status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(poll.waitSeconds) } },
      );
    case 'state': {
      const full = snapshotAt(scenario, identity, identity.createdAtMs + poll.atMs);
      const limit = request.filesLimit ?? DEFAULT_FILES_LIMIT;
      return exchangeOf(servedPage(full, { limit, offset: 0, ...pages }), options);
    }
  }
}

/** The timeline of `polls` (in increasing order), each answer classified as the oracle sees it. */
export function timelineOf(
  scenario: Scenario,
  identity: JobIdentity,
  request: StatusRequest,
  pages: ServedPages,
  polls: readonly Poll[],
): Timeline {
  return polls.map((poll, index) => classify(answerOf(scenario, identity, request, pages, poll), index));
}

export const identityArbitrary: fc.Arbitrary<JobIdentity> = fc.record({
  jobId: fc.integer({ min: 0, max: 0xffffffff }).map((n) => `job_${n.toString(16).padStart(8, '0')}`),
  createdAtMs: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
});

export type FilesLimitChoice = 'any' | 'explicit' | 'default';

/** files_limit of the requests: omitted (the default 50 applies), small (so pages cut), or anywhere in 1..500. */
export function filesLimitArbitrary(choice: FilesLimitChoice = 'any'): fc.Arbitrary<number | undefined> {
  const explicit = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 500 }), weight: 1 },
  );
  if (choice === 'explicit') return explicit;
  if (choice === 'default') return fc.constant(undefined);
  return fc.oneof(fc.constant(undefined), explicit);
}

export const servedPagesArbitrary: fc.Arbitrary<ServedPages> = fc.record({
  filesPage: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  lastCursor: fc.constantFrom('null' as const, 'absent' as const),
});

export interface TimelineOptions {
  /** Polls spread over the job's life (default 0..16). */
  minPolls?: number;
  maxPolls?: number;
  /** Real snapshots taken after the job reached its terminal status (default 0; stuck jobs get none). */
  minTerminalPolls?: number;
  /** Whether the requests send files_limit (default: either). */
  filesLimit?: FilesLimitChoice;
  /** Whether some polls are answered with the placeholder (default true). */
  placeholders?: boolean;
  /** Whether some polls are answered 429 with Retry-After (default true). */
  rateLimits?: boolean;
}

/** Seconds over which polls are spread: past the end (re-polls), or past where a stuck job froze. */
function horizonSeconds(scenario: Scenario): number {
  const terminal = terminalSecond(scenario);
  const span = Number.isFinite(terminal) ? terminal : scenario.pendingSeconds + scenario.stageSeconds.reduce((a, b) => a + b, 0);
  return span * 1.25 + 5;
}

export interface Step {
  permille: number;
  answer: Answer;
  waitSeconds: number;
}

// Each poll draws its own answer (shrinking toward a real snapshot) rather than following the
// scenario's placeholder pattern by poll number: a pattern tied to positions stops matching as soon
// as the shrinker drops a poll, which strands counterexamples at a local minimum. The simulator
// plays the pattern; the oracle cannot tell the difference.
const stepArbitrary = (options: TimelineOptions): fc.Arbitrary<Step> => {
  const answers: fc.WeightedArbitrary<Answer>[] = [{ arbitrary: fc.constant<Answer>('state'), weight: 10 }];
  if (options.placeholders ?? true) answers.push({ arbitrary: fc.constant<Answer>('placeholder'), weight: 3 });
  if (options.rateLimits ?? true) answers.push({ arbitrary: fc.constant<Answer>('rate-limited'), weight: 1 });
  return fc.record({
    permille: fc.integer({ min: 0, max: 1000 }),
    answer: fc.oneof(...answers),
    waitSeconds: fc.integer({ min: 1, max: 30 }),
  });
};

/** Increasing poll instants: `steps` spread over the horizon, `after` ms past the terminal instant. */
export function pollsOf(scenario: Scenario, steps: readonly Step[], after: readonly number[]): Poll[] {
  const horizonMs = horizonSeconds(scenario) * 1000;
  const terminalMs = terminalSecond(scenario) * 1000;
  const planned: Poll[] = [
    ...steps.map((step) => ({ atMs: Math.floor((step.permille / 1000) * horizonMs), answer: step.answer, waitSeconds: step.waitSeconds })),
    ...(Number.isFinite(terminalMs)
      ? after.map((ms): Poll => ({ atMs: Math.ceil(terminalMs) + ms, answer: 'state', waitSeconds: 0 }))
      : []),
  ].sort((a, b) => a.atMs - b.atMs);
  // +index keeps the instants strictly increasing, as the polls of one client are.
  return planned.map((poll, index) => ({ ...poll, atMs: poll.atMs + index }));
}

function timelines(scenarios: fc.Arbitrary<Scenario>, options: TimelineOptions): fc.Arbitrary<GeneratedTimeline> {
  const terminalPolls = options.minTerminalPolls ?? 0;
  return fc
    .record({
      scenario: scenarios,
      identity: identityArbitrary,
      filesLimit: filesLimitArbitrary(options.filesLimit),
      pages: servedPagesArbitrary,
      steps: fc.array(stepArbitrary(options), { minLength: options.minPolls ?? 0, maxLength: options.maxPolls ?? 16 }),
      after: fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: terminalPolls, maxLength: terminalPolls + 2 }),
    })
    .map(({ scenario, identity, filesLimit, pages, steps, after }) => {
      const request: StatusRequest = filesLimit === undefined ? { jobId: identity.jobId } : { jobId: identity.jobId, filesLimit };
      const polls = pollsOf(scenario, steps, after);
      return { scenario, identity, request, pages, polls, timeline: timelineOf(scenario, identity, request, pages, polls) };
    });
}

/** The timelines a conforming server produces for `scenario`, polled at random increasing instants. */
export function timelineArbitrary(scenario: Scenario, options: TimelineOptions = {}): fc.Arbitrary<GeneratedTimeline> {
  return timelines(fc.constant(scenario), options);
}

export interface ScenarioTimelineOptions extends TimelineOptions {
  scenario?: ScenarioOptions;
}

/** A scenario and one of its timelines. Built by map, not chain, so scenario and polls shrink together. */
export function scenarioTimelineArbitrary(options: ScenarioTimelineOptions = {}): fc.Arbitrary<GeneratedTimeline> {
  return timelines(scenarioArbitrary(options.scenario), options);
}
