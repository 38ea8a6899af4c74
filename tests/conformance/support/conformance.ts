// What a conformance test saw and what the oracle says of it. Every status answer a test gets,
// through the poller or by hand, joins its job's one timeline and is judged as it arrives, classified
// once, by that timeline's judge; `expectConforms()` reads what the judge says of the whole, so
// transitions are checked across everything the test observed. It also
// keeps which requirements were actually judged, and what kept others from being judged: a tag is
// not evidence, and the suite's own trouble is never charged to the target. Its small pollers (a snapshot, a
// state, the end after a delete) take the reference poller's rules from src/client/poll-step.ts and set only their pace.
import { expect, type TestInfo } from '@playwright/test';
import type { ApiResponse, CaptainClient, GetJobOptions, JobStatusBody } from '../../../src/index.js';
import type { CancelJobResponse } from '../../../src/client/api-types.js';
import { iterateFiles, type FilesWalk } from '../../../src/client/iterate-files.js';
import { pollJob } from '../../../src/client/poll-job.js';
import { pollSettingsOf, type PollJobOptions } from '../../../src/client/poll-settings.js';
import type { WaitForJobResult } from '../../../src/client/wait-for-job.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import { systemClock } from '../../../src/client/clock.js';
import { pollStep, startPolling, type PollAction } from '../../../src/client/poll-step.js';
import { seededRandom } from '../../../src/model/random.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { startJudging, type TimelineJudge } from '../../../src/oracle/judge.js';
import { checkAnswer, checkCancelAnswer, checkQueryAnswer } from '../../../src/oracle/response-checks.js';
import { checkHiddenLag, checkWaitDeadline, checkWaitEnded, checkWaitRejected, type Liveness } from '../../../src/oracle/wait-checks.js';
import { cancelPath, checkCancelServed, checkLegacyQueryServed, routeNotServed, type CancelWay } from '../../../src/oracle/route-checks.js';
import { classify } from '../../../src/oracle/classify.js';
import { finding, type Finding, type RunFinding } from '../../../src/oracle/finding.js';
import { levelled } from '../../../src/contract/catalog.js';
import type { Profile } from '../../../src/contract/profile.js';
import { describeRepeats, foldRepeated } from '../../../src/oracle/repeated-findings.js';
import { clip } from '../../../src/contract/clip.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import { judgementsOf, type Judgement, type JudgementSink } from '../../../src/oracle/judgement.js';
import { attachTimeline } from '../../../src/evidence/attach.js';
import type { ExchangeRecorder } from '../../../src/evidence/exchanges.js';
import { NOTE_ANNOTATION } from '../../../src/evidence/format.js';
import { hitsOf, type QueryHit } from '../../../src/client/file-match.js';
import type { QueryVersion, QueryVersionChoice } from '../../../src/model/query-version.js';
import type { InconclusiveCause } from '../../../src/evidence/format.js';
import { JOB_BUDGET_SECONDS, type Pace } from './pace.js';

export { CANCEL_WAYS, type CancelWay } from '../../../src/oracle/route-checks.js';

/** One served query answer: its version, the exchange, and the results it holds (none unless a 2xx). */
export interface QueryAnswer {
  version: QueryVersion;
  exchange: Exchange;
  hits: QueryHit[];
}

/** A status poll's answer, as the client gave it and as the oracle classified it. */
interface Observed {
  response: ApiResponse<JobStatusBody>;
  observation: Observation;
}

/** How the poll step ended one of the support's small waits. */
type PollEnd = Extract<PollAction, { kind: 'done' | 'give-up' }>;

/** How long a small wait (one snapshot, one poll past 429s) may spend in all on a 429's Retry-After: the seed's ask a second or so. */
const RETRY_AFTER_ALLOWANCE_MS = 60_000;

/** Distinct findings a failing test names in its error (the console, JUnit); the report has them all. */
const FINDINGS_IN_ERROR = 20;

/** The findings as a failing test states them: each distinct one once, with the polls it was seen on. */
export function findingLines(findings: readonly Finding[]): string[] {
  const folded = foldRepeated(findings);
  const lines = folded.slice(0, FINDINGS_IN_ERROR).map((f) => {
    const where = [f.jobId !== undefined ? `job ${f.jobId}` : '', describeRepeats(f)].filter(Boolean).join(', ');
    return `${f.requirement}${where ? ` (${where})` : ''}: ${clip(f.message, 500)}`;
  });
  if (folded.length > FINDINGS_IN_ERROR) lines.push(`… and ${folded.length - FINDINGS_IN_ERROR} more distinct findings (see the report)`);
  return lines;
}

export class Conformance {
  readonly findings: Finding[] = [];
  /** Requirements whose checks ran on the target's answers in this test, held or not. */
  readonly exercised = new Set<string>();
  readonly inconclusive: InconclusiveCause[] = [];
  /** Status answers by timeline, each with its judge: a job's polls, or one files walk over a job (`<job_id> walk <n>`). */
  private readonly timelines = new Map<string, { jobId: string; judge: TimelineJudge; timeline: Observation[] }>();

  private readonly startedAt = Date.now();
  /** Jitter of the small pollers' back-off, seeded by the test (Playwright's test id is hex). */
  private readonly random: () => number;

  constructor(
    readonly pace: Pace,
    private readonly api: CaptainClient,
    private readonly testInfo: TestInfo,
    /** The run's profile: it gives each finding its level. */
    readonly profile: Profile,
    /** Notes the timeline each exchange is judged in, for exchanges.har. */
    private readonly recorder?: ExchangeRecorder,
  ) {
    this.random = seededRandom(Number.parseInt(testInfo.testId.replace(/[^0-9a-f]/gi, '').slice(-8) || '0', 16));
  }

  /** The test's findings at the levels of the run's profile, as they are attached and reported. */
  levelledFindings(): RunFinding[] {
    return levelled(this.findings, this.profile);
  }

  /** Real milliseconds for `seconds` of the target's time. */
  ms(seconds: number): number {
    return this.pace.ms(seconds);
  }

  /**
   * Makes room for what the test is about to do (`ms` of real time from now): the runner's timeout is
   * extended so that a budget the suite judges (a job's liveness, a walk) always runs out first, and a
   * slow target is a finding with its timeline, never a test killed by the runner.
   */
  allow(ms: number): void {
    const needed = Date.now() - this.startedAt + ms + this.pace.marginMs;
    if (this.testInfo.timeout !== 0 && needed > this.testInfo.timeout) this.testInfo.setTimeout(needed);
  }

  /** The reference poller's pacing, scaled to the target's clock. */
  polling(): PollJobOptions {
    return {
      minIntervalMs: this.ms(0.5),
      maxIntervalMs: this.ms(10),
      defaultIntervalMs: this.ms(2),
      placeholderDelayMs: this.ms(1),
      retryBaseMs: this.ms(1),
      retryMaxMs: this.ms(10),
      deadlineMs: this.ms(JOB_BUDGET_SECONDS),
    };
  }

  record(...findings: Finding[]): void {
    this.findings.push(...findings);
  }

  /** Records judgements of the oracle: their findings, and that their requirements were judged. */
  recordJudgements(judgements: readonly Judgement[]): void {
    for (const j of judgements) {
      this.exercised.add(j.requirement);
      this.record(...j.findings);
    }
  }

  /** A requirement this test could not judge, and why (never charged to the target). */
  cannotJudge(cause: string, requirement?: string, suiteTrouble = true): void {
    this.inconclusive.push({ ...(requirement ? { requirement } : {}), cause, suiteTrouble });
  }

  /**
   * Judges a requirement a conformance test observes itself (a status code, an outcome): when it does
   * not hold, a finding names it, so the report fails that requirement and no other. When the answer
   * it rests on never arrived (status 0), nothing is judged: the requirement is inconclusive.
   */
  judge(requirement: string, holds: boolean, message: string, context: { jobId?: string; exchange?: Exchange } = {}): boolean {
    if (context.exchange && !this.answered(requirement, context.exchange)) return true;
    this.exercised.add(requirement);
    if (!holds) this.record(finding(requirement, message, context.jobId === undefined ? {} : { jobId: context.jobId }));
    return holds;
  }

  /** Records what an oracle check judged of one answer, unless no answer arrived or a 429 came instead (then inconclusive). */
  private judgeAnswer(exchange: Exchange, check: (out: JudgementSink) => void): void {
    const judgements = judgementsOf(check);
    if (judgements.every((j) => this.answered(j.requirement, exchange))) this.recordJudgements(judgements);
  }

  /** Whether `exchange` is an answer `requirement` can be judged on; when not, says why it was not judged. */
  private answered(requirement: string, exchange: Exchange): boolean {
    if (exchange.status === 0) {
      this.cannotJudge(
        `no answer arrived (${exchange.error ?? 'network error'}): ${exchange.request.method} ${exchange.request.url}`,
        requirement,
      );
      return false;
    }
    // A 429 says nothing of the requirement asked about (it is judged under JS-RATE-001): not judged, not broken.
    if (exchange.status === 429) {
      this.cannotJudge(
        `rate-limited (HTTP 429) before it could be judged: ${exchange.request.method} ${exchange.request.url}`,
        requirement,
        false,
      );
      return false;
    }
    return true;
  }

  /** Answers, already classified, join the timeline `key` and are judged there; each takes its place in it as its index. */
  private track(jobId: string, observations: readonly Observation[], key = jobId): void {
    let tracked = this.timelines.get(key);
    if (!tracked) {
      tracked = { jobId, judge: startJudging({ jobId }), timeline: [] };
      this.timelines.set(key, tracked);
    }
    for (const o of observations) {
      const observation = o.index === tracked.timeline.length ? o : { ...o, index: tracked.timeline.length };
      tracked.timeline.push(observation);
      tracked.judge.observe(observation);
    }
    this.recorder?.judgedIn(
      observations.map((o) => o.exchange),
      key,
    );
  }

  /** One status poll, classified and kept in the job's timeline. */
  private async observe(jobId: string, options: GetJobOptions = {}): Promise<Observed> {
    const response = await this.api.getJob(jobId, options);
    const observation = classify(response.exchange);
    this.track(jobId, [observation]);
    return { response, observation };
  }

  /** One status poll, kept in the job's timeline. */
  async poll(jobId: string, options: GetJobOptions = {}): Promise<ApiResponse<JobStatusBody>> {
    return (await this.observe(jobId, options)).response;
  }

  /**
   * Polls `jobId` until `stop` takes an answer, with the reference poller's rules (src/client/poll-step.ts: a
   * placeholder, a 429's Retry-After, back-off, a 4xx, a terminal status, the deadline) at this test's pace:
   * one fixed spacing (an ETA does not stretch it: a test must not miss the state it waits for), `budgetMs`
   * and at most `maxPolls` polls. Returns what `stop` took, or how the poll step ended (neither: polls spent).
   */
  private async pollUntil<T>(
    jobId: string,
    pacing: { spacingSeconds: number; budgetMs: number; maxPolls?: number; options?: GetJobOptions },
    stop: (answer: Observed) => T | undefined,
  ): Promise<{ last: Observed; stopped?: T; end?: PollEnd }> {
    const spacingMs = this.ms(pacing.spacingSeconds);
    const maxPolls = pacing.maxPolls ?? Infinity;
    this.allow(pacing.budgetMs + this.pace.requestsMs(Number.isFinite(maxPolls) ? maxPolls : 1));
    const settings = pollSettingsOf({
      deadlineMs: pacing.budgetMs,
      minIntervalMs: spacingMs,
      maxIntervalMs: spacingMs,
      defaultIntervalMs: spacingMs,
      placeholderDelayMs: spacingMs,
      retryBaseMs: spacingMs,
      retryMaxMs: spacingMs,
      maxRetries: maxPolls,
    });
    let state = startPolling(settings, systemClock.now());
    for (let polls = 1; ; polls++) {
      const last = await this.observe(jobId, pacing.options);
      const stopped = stop(last);
      if (stopped !== undefined) return { last, stopped };
      if (polls >= maxPolls) return { last };
      const step = pollStep(state, { kind: 'status', observation: last.observation, draw: this.random() }, systemClock.now());
      state = step.state;
      if (step.action.kind === 'done' || step.action.kind === 'give-up') return { last, end: step.action };
      if (step.action.kind === 'poll') await systemClock.sleep(step.action.afterMs);
    }
  }

  /** The job as it stands: polls until a real snapshot arrives (placeholders say nothing); undefined if none came. */
  async snapshot(jobId: string, options: GetJobOptions = {}): Promise<JobSnapshot | undefined> {
    const pacing = { spacingSeconds: 1, budgetMs: 20 * this.ms(1) + RETRY_AFTER_ALLOWANCE_MS, maxPolls: 20, options };
    const { stopped, end } = await this.pollUntil(jobId, pacing, ({ observation }) =>
      observation.kind === 'snapshot' ? observation.snapshot : undefined,
    );
    if (stopped) return stopped;
    if (end?.kind === 'give-up' && end.cause.outcome === 'rejected') {
      const { status } = end.cause;
      this.recordJudgements(judgementsOf((out) => checkWaitRejected(status, undefined, { jobId }, out)));
      return undefined;
    }
    this.cannotJudge(`no real snapshot of ${jobId} in ${pacing.maxPolls} polls`);
    return undefined;
  }

  /**
   * One poll that is not a 429: a 429 with Retry-After may answer any request (docs/staging.md, "Any
   * documented answer at any request"), so it is waited out, at most `tries` times, then returned as it is.
   */
  async pollPastRateLimits(jobId: string, options: GetJobOptions = {}, tries = 5): Promise<ApiResponse<JobStatusBody>> {
    const pacing = { spacingSeconds: 1, budgetMs: tries * RETRY_AFTER_ALLOWANCE_MS, maxPolls: tries, options };
    const { last } = await this.pollUntil(jobId, pacing, ({ response }) => (response.exchange.status !== 429 ? true : undefined));
    return last.response;
  }

  /**
   * Polls until the job is seen `what` (`predicate`); when it never is, the `requirements` that needed it are
   * inconclusive with that reason, never failed: a lawful placeholder, a 429's wait or a quick target may hide a state.
   */
  async reach(
    jobId: string,
    predicate: (snapshot: JobSnapshot) => boolean,
    what: string,
    requirements: readonly string[],
    budgetSeconds = 120,
  ): Promise<boolean> {
    if (await this.waitUntil(jobId, predicate, budgetSeconds)) return true;
    for (const requirement of requirements)
      this.cannotJudge(
        `the job was never seen ${what} within ${budgetSeconds} s of the target's time (a placeholder, a 429's wait or a quick job may have hidden it)`,
        requirement,
        false,
      );
    return false;
  }

  /** Polls until a real snapshot satisfies `predicate`, within `budgetSeconds` of the target's time (false once the job has ended). */
  async waitUntil(jobId: string, predicate: (snapshot: JobSnapshot) => boolean, budgetSeconds = 120): Promise<boolean> {
    const pacing = { spacingSeconds: 0.5, budgetMs: this.ms(budgetSeconds) };
    const { stopped } = await this.pollUntil(jobId, pacing, ({ observation }) =>
      observation.kind === 'snapshot' && predicate(observation.snapshot) ? true : undefined,
    );
    return stopped === true;
  }

  /**
   * Waits for a job with the reference poller. A job that does not end within the budget is a
   * JS-TRANS-007 finding (JS-MEDIA-002 with a fallback), a 3xx or 4xx for the job a JS-ERR-004 one;
   * a target that stopped answering at all leaves them inconclusive. Never a crash. `endedBy` names what
   * a job that never ends breaks instead, when only one request could end it (a cancel of a held job).
   */
  async waitFor(jobId: string, options: PollJobOptions = {}, endedBy?: Liveness): Promise<WaitForJobResult | undefined> {
    const liveness: Liveness = endedBy ?? (options.fallback ? 'JS-MEDIA-002' : 'JS-TRANS-007');
    const settings = { ...this.polling(), ...options };
    this.allow((settings.deadlineMs ?? this.pace.jobWaitMs()) + this.pace.requestsMs(1));
    const result = await pollJob(this.api, jobId, settings);
    this.track(jobId, result.timeline);
    switch (result.outcome) {
      case 'terminal':
      case 'indexed-via-query':
        this.judgeEnded(jobId, result, liveness);
        return result;
      case 'rejected':
        this.recordJudgements(judgementsOf((out) => checkWaitRejected(result.status, result.message, { jobId }, out)));
        return undefined;
      case 'transient-exhausted':
        // No answer at all is the network's doing; 5xx and malformed bodies are findings of the answers themselves.
        if (result.lastExchange.status === 0) this.cannotJudge(`the target stopped answering: ${result.lastCause}`, liveness);
        return undefined;
      case 'deadline':
        this.recordJudgements(judgementsOf((out) => checkWaitDeadline(result.timeline, liveness, result.message, { jobId }, out)));
        return undefined;
      case 'aborted':
        return undefined;
    }
  }

  /** A job the poller saw end: what the oracle says of the whole wait (src/oracle/wait-checks.ts). */
  private judgeEnded(jobId: string, result: WaitForJobResult, liveness: Liveness): void {
    this.recordJudgements(
      judgementsOf((out) => {
        checkWaitEnded(result.timeline, liveness, out);
        if (result.outcome === 'indexed-via-query') checkHiddenLag(result.timeline, { jobId }, out);
      }),
    );
  }

  /** Walks every file page with iterateFiles; each page is judged as a status answer, the walk as a whole. */
  async walkFiles(jobId: string, limit: number | undefined, maxPages = 1_000): Promise<FilesWalk> {
    this.allow(this.pace.requestsMs(maxPages));
    const walk = iterateFiles(this.api, jobId, { ...(limit === undefined ? {} : { limit }), maxPages, retryBaseMs: this.ms(1) });
    await walk.collect();
    this.track(jobId, walk.timeline, `${jobId} walk ${limit ?? 'default'}`);
    // Each page was judged as a status answer by the walk's timeline judge: the walk is judged as a whole only.
    this.recordJudgements(walk.judgements({ pagesJudgedApart: true }));
    return walk;
  }

  /** POST /v2/jobs/{id}/cancel, its answer judged. */
  async cancel(jobId: string, way: CancelWay = 'POST'): Promise<ApiResponse<CancelJobResponse>> {
    const response = way === 'POST' ? await this.api.cancelJob(jobId) : await this.api.deleteJob(jobId);
    this.recordJudgements(judgementsOf((out) => checkCancelAnswer(response.exchange, response.json, { jobId }, out)));
    return response;
  }

  /**
   * Whether the deployment serves this cancel way (JS-CANCEL-005, a SHOULD: both are documented). One it does
   * not serve leaves `requirement` unjudged that way, with the reason: the other way judges it.
   */
  cancelServed(way: CancelWay, cancel: ApiResponse<CancelJobResponse>, requirement: string): boolean {
    const served = !routeNotServed(cancel.exchange);
    const path = cancelPath(way);
    this.judgeAnswer(cancel.exchange, (out) => checkCancelServed(way, cancel.exchange, {}, out));
    if (!served)
      this.cannotJudge(`${path} is not served here (HTTP ${cancel.exchange.status}): judged on the other cancel`, requirement, false);
    else this.note(`${requirement} judged through ${path}`);
    return served;
  }

  /**
   * The job after a DELETE, once it reads a terminal status or 404: "cancel and delete" makes both lawful, so
   * the 404 is `deleted`, never a finding. Undefined when it did neither within `budgetSeconds`.
   */
  async afterDelete(jobId: string, budgetSeconds = 60): Promise<JobSnapshot | 'deleted' | undefined> {
    // A cancel may take a moment: the poll step ends the wait on a terminal status, or on the 404 it cannot retry.
    const { end } = await this.pollUntil(jobId, { spacingSeconds: 0.5, budgetMs: this.ms(budgetSeconds) }, () => undefined);
    if (end?.kind === 'done' && end.end.outcome === 'terminal') return end.end.snapshot;
    if (end?.kind === 'give-up' && end.cause.outcome === 'rejected' && end.cause.status === 404) return 'deleted';
    return undefined;
  }

  /** Judges a query answer against its own version's schema (JS-MEDIA-003/004) and its content type. */
  judgeQuery(exchange: Exchange, body: unknown, version: QueryVersion = 'v2'): void {
    this.recordJudgements(judgementsOf((out) => checkQueryAnswer(exchange, body, version, {}, out)));
  }

  /**
   * Asks the collection's query as the media fallback does: `auto` asks v3 and the legacy v2 (v2 proves
   * nothing v3 did not, but whether it is still served is JS-MEDIA-005), a pinned version only that one.
   * Each answer is judged against its own version's schema. Returns the answers of the routes served, in
   * the order asked; none when neither is (then the caller's MUST has nothing to stand on but that).
   */
  async queryMedia(collection: string, query: string, choice: QueryVersionChoice): Promise<QueryAnswer[]> {
    const versions: QueryVersion[] = choice === 'auto' ? ['v3', 'v2'] : [choice];
    const answers: QueryAnswer[] = [];
    for (const version of versions) {
      const response =
        version === 'v3'
          ? await this.api.queryV3(collection, { query, limit: 10, rerank: true, include: { document: true } })
          : await this.api.query(collection, { query, top_k: 10, rerank: true });
      const served = !routeNotServed(response.exchange);
      const v3Served = answers.length > 0;
      if (version === 'v2')
        this.judgeAnswer(response.exchange, (out) => checkLegacyQueryServed(response.exchange, { choice, v3Served }, {}, out));
      if (!served) continue;
      this.judgeQuery(response.exchange, response.json, version);
      answers.push({ version, exchange: response.exchange, hits: response.ok ? hitsOf(response.json) : [] });
    }
    return answers;
  }

  /** A line of evidence for the report: how a requirement was proved (which endpoint, which way). */
  note(text: string): void {
    this.testInfo.annotations.push({ type: NOTE_ANNOTATION, description: text });
  }

  /** Judges an answer of another endpoint: its content type and, for errors, its body. */
  judgeOther(exchange: Exchange, context: { jobId?: string } = {}): void {
    this.recordJudgements(judgementsOf((out) => checkAnswer(exchange, context, out)));
  }

  /** Judges the timelines not judged yet and attaches them as evidence (also run when a test ends early). */
  async flush(): Promise<void> {
    for (const { jobId, judge, timeline } of this.timelines.values()) {
      const assessment = judge.assessment();
      this.record(...assessment.findings);
      for (const id of assessment.exercised) this.exercised.add(id);
      await attachTimeline(this.testInfo, jobId, timeline);
    }
    this.timelines.clear();
  }

  /** Judges every job's timeline, attaches them, and fails the test on any MUST finding. */
  async expectConforms(): Promise<void> {
    await this.flush();
    const must = this.levelledFindings().filter((f) => f.level === 'MUST');
    // A repeated failure is said once, with its polls: a target broken on every poll must not flood the console.
    const lines = findingLines(must);
    expect(lines, `${must.length} MUST finding(s), ${this.findings.length - must.length} SHOULD`).toEqual([]);
  }
}
