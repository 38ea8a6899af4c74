// What a conformance test saw and what the oracle says of it. Every status answer a test gets,
// through the poller or by hand, joins its job's one timeline, judged as a whole when the test
// asks `expectConforms()`, so transitions are checked across everything the test observed.
import { expect, type TestInfo } from '@playwright/test';
import type { ApiResponse, CaptainClient, GetJobOptions, JobStatusBody } from '../../../src/index.js';
import type { CancelJobResponse } from '../../../src/client/api-types.js';
import { iterateFiles, type FilesWalk } from '../../../src/client/iterate-files.js';
import { PollError, PollRejectedError, PollTimeoutError } from '../../../src/client/poll-errors.js';
import { waitForJob, type WaitForJobOptions, type WaitForJobResult } from '../../../src/client/wait-for-job.js';
import type { JobSnapshot } from '../../../src/model/job.js';
import {
  checkCancelResponse,
  checkContentType,
  checkFilesWalk,
  checkErrorBody,
  classify,
  finding,
  judgeTimeline,
  type Exchange,
  type Finding,
} from '../../../src/oracle/index.js';
import { attachTimeline } from '../../../src/report/evidence.js';
import type { Target } from './target.js';

/** Liveness budget of a small job, in the target's seconds (CONFORMANCE_JOB_BUDGET_S overrides). */
const JOB_BUDGET_SECONDS = Number(process.env.CONFORMANCE_JOB_BUDGET_S ?? 600);

export class Conformance {
  readonly findings: Finding[] = [];
  /** Status answers by timeline: a job's polls, or one files walk over a job (`<job_id> walk <n>`). */
  private readonly timelines = new Map<string, { jobId: string; exchanges: Exchange[] }>();

  constructor(
    private readonly target: Target,
    private readonly api: CaptainClient,
    private readonly testInfo: TestInfo,
  ) {}

  /** Real milliseconds for `seconds` of the target's time. */
  ms(seconds: number): number {
    return Math.max(2, Math.round((seconds * 1000) / this.target.timeScale));
  }

  /** The reference poller's pacing, scaled to the target's clock. */
  polling(): WaitForJobOptions {
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

  /**
   * Judges a requirement a conformance test observes itself (a status code, an outcome): when it does
   * not hold, a finding names it, so the report fails that requirement and no other.
   */
  judge(requirement: string, holds: boolean, message: string, context: { jobId?: string } = {}): boolean {
    if (!holds) this.record(finding(requirement, message, context));
    return holds;
  }

  private track(jobId: string, exchanges: readonly Exchange[], key = jobId): void {
    const timeline = this.timelines.get(key) ?? { jobId, exchanges: [] };
    timeline.exchanges.push(...exchanges);
    this.timelines.set(key, timeline);
  }

  /** One status poll, kept in the job's timeline. */
  async poll(jobId: string, options: GetJobOptions = {}): Promise<ApiResponse<JobStatusBody>> {
    const response = await this.api.getJob(jobId, options);
    this.track(jobId, [response.exchange]);
    return response;
  }

  /** The job as it stands: polls until a real snapshot arrives (placeholders say nothing). */
  async snapshot(jobId: string, options: GetJobOptions = {}): Promise<JobSnapshot> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const observation = classify((await this.poll(jobId, options)).exchange);
      if (observation.kind === 'snapshot') return observation.snapshot;
      await new Promise((resolve) => setTimeout(resolve, this.ms(1))); // retry shortly, as the seed says
    }
    throw new Error(`no real snapshot of ${jobId} in 20 polls`);
  }

  /** Polls until a real snapshot satisfies `predicate`, within `budgetSeconds` of the target's time. */
  async waitUntil(jobId: string, predicate: (snapshot: JobSnapshot) => boolean, budgetSeconds = 120): Promise<boolean> {
    const deadline = Date.now() + this.ms(budgetSeconds);
    while (Date.now() < deadline) {
      const observation = classify((await this.poll(jobId)).exchange);
      if (observation.kind === 'snapshot' && predicate(observation.snapshot)) return true;
      await new Promise((resolve) => setTimeout(resolve, this.ms(0.5))); // the poll's spacing
    }
    return false;
  }

  /**
   * Waits for a job with the reference poller. A job that does not end within the budget is a
   * JS-TRANS-007 finding and a poll the poller could not survive a JS-PH-004 one, not a crash.
   */
  async waitFor(jobId: string, options: WaitForJobOptions = {}): Promise<WaitForJobResult | undefined> {
    try {
      const result = await waitForJob(this.api, jobId, { ...this.polling(), ...options });
      this.track(jobId, result.timeline.map((o) => o.exchange));
      return result;
    } catch (error) {
      if (!(error instanceof PollError)) throw error;
      this.track(jobId, error.timeline.map((o) => o.exchange));
      // A 4xx the poller cannot retry is not a lifecycle finding: the test fails on it as it stands.
      if (error instanceof PollRejectedError) throw error;
      const requirement = error instanceof PollTimeoutError ? (options.fallback ? 'JS-MEDIA-002' : 'JS-TRANS-007') : 'JS-PH-004';
      this.record(finding(requirement, `waiting for the job failed: ${error.message}`, { jobId }));
      return undefined;
    }
  }

  /** Walks every file page with iterateFiles; each page is judged as a status answer, the walk as a whole. */
  async walkFiles(jobId: string, limit: number | undefined, maxPages = 1_000): Promise<FilesWalk> {
    const walk = iterateFiles(this.api, jobId, { ...(limit === undefined ? {} : { limit }), maxPages, retryBaseMs: this.ms(1) });
    await walk.collect();
    this.track(jobId, walk.exchanges, `${jobId} walk ${limit ?? 'default'}`);
    const pages = walk.pages.flatMap((p) => (p.snapshot ? [p.snapshot] : []));
    this.record(...walk.findings, ...checkFilesWalk(pages, { jobId, ...(limit === undefined ? {} : { filesLimit: limit }) }));
    return walk;
  }

  /** POST /v2/jobs/{id}/cancel, its answer judged. */
  async cancel(jobId: string): Promise<ApiResponse<CancelJobResponse>> {
    const response = await this.api.cancelJob(jobId);
    this.judgeOther(response.exchange, { jobId });
    if (response.exchange.status === 200) this.record(...checkCancelResponse(response.json, { jobId }));
    return response;
  }

  /** Judges an answer of another endpoint: its content type and, for errors, its body. */
  judgeOther(exchange: Exchange, context: { jobId?: string } = {}): void {
    this.record(...checkContentType(exchange, context), ...checkErrorBody(exchange, context));
  }

  /** Judges the timelines not judged yet and attaches them as evidence (also run when a test ends early). */
  async flush(): Promise<void> {
    for (const { jobId, exchanges } of this.timelines.values()) {
      const timeline = exchanges.map((exchange, i) => classify(exchange, i));
      this.record(...judgeTimeline(timeline, { jobId }));
      await attachTimeline(this.testInfo, jobId, timeline);
    }
    this.timelines.clear();
  }

  /** Judges every job's timeline, attaches them, and fails the test on any MUST finding. */
  async expectConforms(): Promise<void> {
    await this.flush();
    const must = this.findings.filter((f) => f.level === 'MUST');
    expect(must, `${must.length} MUST finding(s), ${this.findings.length - must.length} SHOULD`).toEqual([]);
  }
}
