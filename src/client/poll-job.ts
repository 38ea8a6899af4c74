// The reference poller as a value: drives the pure poll step with the client and a clock, and
// returns every end (done or given up) with the record gathered so far. It throws only what is not
// the job's doing: the suite's own limits (a spent request budget) and errors of the caller's callbacks.
import type { CaptainClient } from './captain-client.js';
import { classify } from '../oracle/classify.js';
import type { Exchange } from '../oracle/exchange.js';
import { systemClock, type Clock } from './clock.js';
import { explainGiveUp } from './poll-explanation.js';
import type { PollRecord } from './poll-record.js';
import { pollSettingsOf, type PollJobOptions } from './poll-settings.js';
import { pollStep, startPolling, type GiveUpCause, type WaitEnd, type PollAction, type PollEvent } from './poll-step.js';
import { seededRandom, type RandomSource } from '../model/random.js';
import { randomSeed } from './random.js';

export type { GiveUpCause, WaitEnd } from './poll-step.js';

/** How a wait ended, with the whole record: its WaitEnd, or a cause given up on (with a redacted message). */
export type PollJobResult = PollRecord & (WaitEnd | (GiveUpCause & { message: string }));

export type PollOutcome = PollJobResult['outcome'];

/** The results that end without the job having ended (or been found indexed). */
export type PollGaveUp = Extract<PollJobResult, { message: string }>;

/** One run's I/O: the requests, the waits, the abort checks, and the record they leave. */
class PollRun {
  readonly record: PollRecord;
  private readonly clock: Clock;
  private readonly signal: AbortSignal | undefined;
  private readonly random: RandomSource;

  constructor(
    private readonly client: CaptainClient,
    private readonly jobId: string,
    private readonly options: PollJobOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.signal = options.signal;
    // Seeded so a run replays, but not one fixed seed: every client jittering alike defeats jitter.
    this.random = options.random ?? seededRandom(options.seed ?? randomSeed());
    const startedAtMs = this.clock.now();
    this.record = { jobId, timeline: [], exchanges: [], waits: [], requests: 0, startedAtMs, finishedAtMs: startedAtMs };
  }

  now(): number {
    return this.clock.now();
  }

  /** Performs a `poll` or `query` action and says what came of it. */
  async perform(action: Extract<PollAction, { kind: 'poll' | 'query' }>): Promise<PollEvent> {
    if (action.kind === 'query') return this.query(action);
    await this.wait(action.afterMs);
    return this.pollStatus();
  }

  async pollStatus(): Promise<PollEvent> {
    if (this.signal?.aborted) return this.aborted();
    const { exchange } = await this.client.getJob(this.jobId, {
      ...(this.options.filesLimit !== undefined ? { filesLimit: this.options.filesLimit } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    });
    this.send(exchange);
    // An answer to an aborted request is not the target's: kept as an exchange, not in the timeline.
    if (this.signal?.aborted) return this.aborted();
    const observation = classify(exchange, this.record.timeline.length);
    this.record.timeline.push(observation);
    if (observation.kind === 'snapshot') this.record.lastSnapshot = observation.snapshot;
    this.options.onObservation?.(observation);
    if (this.signal?.aborted) return this.aborted();
    return { kind: 'status', observation, draw: this.random() };
  }

  private async query(action: Extract<PollAction, { kind: 'query' }>): Promise<PollEvent> {
    const options = this.signal ? { signal: this.signal } : {};
    const answer =
      action.version === 'v3'
        ? await this.client.queryV3(action.collection, action.request, options)
        : await this.client.query(action.collection, action.request, options);
    this.send(answer.exchange);
    if (this.signal?.aborted) return this.aborted();
    return { kind: 'query', exchange: answer.exchange, results: answer.ok ? answer.json : undefined, version: action.version };
  }

  private async wait(ms: number): Promise<void> {
    this.record.waits.push(ms);
    await this.clock.sleep(ms, this.signal);
  }

  private send(exchange: Exchange): void {
    this.record.exchanges.push(exchange);
    this.record.requests = this.record.exchanges.length;
  }

  private aborted(): PollEvent {
    return { kind: 'aborted', reason: this.signal?.reason };
  }

  end(action: Extract<PollAction, { kind: 'done' | 'give-up' }>): PollJobResult {
    this.record.finishedAtMs = this.clock.now();
    if (action.kind === 'done') return { ...this.record, ...action.end };
    const message = this.client.redact(explainGiveUp(this.jobId, action.cause, this.record.requests, this.record.timeline));
    return { ...this.record, ...action.cause, message };
  }
}

/**
 * Polls `GET /v2/jobs/{jobId}` until the job reaches a terminal status, or (with `fallback`) until the
 * query endpoint shows the file, or until it gives up (deadline, abort, transient failures past
 * `maxRetries`, a 4xx no retry can fix), and returns how it ended with the whole timeline as evidence.
 * The rules are those of {@link waitForJob}, decided by the pure {@link pollStep}.
 *
 * @example
 * const result = await pollJob(client, jobId, { deadlineMs: 10 * 60_000 });
 * if (result.outcome === 'deadline') console.error(result.message, result.timeline.length);
 */
export async function pollJob(client: CaptainClient, jobId: string, options: PollJobOptions = {}): Promise<PollJobResult> {
  const run = new PollRun(client, jobId, options);
  let state = startPolling(pollSettingsOf(options), run.now());
  let event = await run.pollStatus();
  for (;;) {
    const step = pollStep(state, event, run.now());
    state = step.state;
    if (step.action.kind === 'done' || step.action.kind === 'give-up') return run.end(step.action);
    event = await run.perform(step.action);
  }
}
