// Walks every page of a job's files by following files_page.next_cursor. A server that repeats a
// cursor or a file would make a naive loop spin forever; the walk stops instead and keeps every page
// as evidence, and the oracle (checkFilesWalk) judges the pages: one judge, one finding per defect.
import type { FileStatus, JobSnapshot } from '../model/job.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Finding } from '../oracle/finding.js';
import { classify } from '../oracle/classify.js';
import { findingsOf, judgementsOf, type Judgement } from '../oracle/judgement.js';
import type { Observation } from '../oracle/observation.js';
import { checkFilesWalk } from '../oracle/page-checks.js';
import { fullJitter } from './backoff.js';
import type { CaptainClient } from './captain-client.js';
import { systemClock, type Clock } from './clock.js';
import { seededRandom, type RandomSource } from '../model/random.js';
import { randomSeed } from './random.js';
import { isTransient } from './transient.js';
import { parseRetryAfter } from '../model/retry-after.js';

export interface IterateFilesOptions {
  /** `files_limit` of each page (1-500; default: the server's). */
  limit?: number;
  /** Stop (with a finding) after this many pages (default 1 000). */
  maxPages?: number;
  /** Retries of one page after a placeholder, 429 or transient failure (5xx, 408, network error, malformed body; default 5). */
  maxRetries?: number;
  /** Back-off of those retries, in ms (default 1 000; a 429's Retry-After wins). */
  retryBaseMs?: number;
  clock?: Clock;
  random?: RandomSource;
  signal?: AbortSignal;
}

export interface FilesPageRecord {
  /** The cursor sent (null for the first page). */
  cursor: string | null;
  exchange: Exchange;
  snapshot?: JobSnapshot;
  files: FileStatus[];
  nextCursor: string | null;
}

export type WalkStop =
  /** The last page had no next_cursor: the walk is complete. */
  | 'end'
  | 'repeated-cursor'
  | 'duplicate-file'
  | 'max-pages'
  /** A 4xx, or transient failures past the retry budget. */
  | 'http-error'
  | 'aborted';

/** An async iterable of every file of the job, which also keeps the walk's evidence. */
export class FilesWalk implements AsyncIterable<FileStatus> {
  readonly pages: FilesPageRecord[] = [];
  readonly exchanges: Exchange[] = [];
  /** Every answer of the walk, classified once (index: its place among the walk's requests). */
  readonly timeline: Observation[] = [];
  stopped: WalkStop | undefined;
  /** Why the walk stopped early, in words (undefined when it ended normally). */
  reason: string | undefined;
  /** A 4xx to a cursor the server issued: the server broke its own walk. */
  private rejectedIssuedCursor = false;

  /** One jitter source per walk, seeded afresh unless the caller gives one. */
  private readonly random: RandomSource;

  constructor(
    private readonly client: CaptainClient,
    readonly jobId: string,
    private readonly options: IterateFilesOptions = {},
  ) {
    this.random = options.random ?? seededRandom(randomSeed());
  }

  /** Walks to the end and returns every file, in order. */
  async collect(): Promise<FileStatus[]> {
    const files: FileStatus[] = [];
    for await (const file of this) files.push(file);
    return files;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FileStatus> {
    const maxPages = this.options.maxPages ?? 1_000;
    const seenCursors = new Set<string>();
    const seenFiles = new Map<string, number>();
    let cursor: string | null = null;
    for (;;) {
      if (this.pages.length >= maxPages) {
        return this.stop('max-pages', `the walk did not end within ${maxPages} pages`);
      }
      const page = await this.fetchPage(cursor);
      if (!page) return;
      this.pages.push(page);
      const pageIndex = this.pages.length - 1;
      for (const file of page.files) {
        const firstPage = seenFiles.get(file.uri);
        if (firstPage !== undefined) {
          return this.stop('duplicate-file', `file ${file.uri} listed again on page ${pageIndex} (first on page ${firstPage})`);
        }
        seenFiles.set(file.uri, pageIndex);
        yield file;
      }
      const next = page.nextCursor;
      if (next === null) {
        this.stopped = 'end';
        return;
      }
      if (seenCursors.has(next) || next === cursor) {
        return this.stop('repeated-cursor', `next_cursor ${JSON.stringify(next)} on page ${pageIndex} was already followed`);
      }
      if (cursor !== null) seenCursors.add(cursor);
      seenCursors.add(next);
      cursor = next;
    }
  }

  /**
   * The oracle's judgement of the pages walked (JS-PAGE-001/002/004/006). A walk cut short by transient
   * trouble or by the caller is not judged as a walk: its answers are judged one by one elsewhere.
   */
  get findings(): Finding[] {
    return findingsOf(this.judgements());
  }

  /**
   * The requirements the walk let the oracle judge, and how each came out. `pagesJudgedApart`: each page
   * was judged as a status answer already (by a timeline judge), so only the walk as a whole is judged.
   */
  judgements(options: { pagesJudgedApart?: boolean } = {}): Judgement[] {
    if (this.stopped === undefined || this.stopped === 'aborted' || (this.stopped === 'http-error' && !this.rejectedIssuedCursor))
      return [];
    const snapshots = this.pages.flatMap((p) => (p.snapshot ? [p.snapshot] : []));
    const walkOptions = {
      jobId: this.jobId,
      ...(this.options.limit !== undefined ? { filesLimit: this.options.limit } : {}),
      ...(this.stopped !== 'end' && this.reason ? { stoppedBecause: this.reason } : {}),
      ...(options.pagesJudgedApart ? { pagesJudgedApart: true } : {}),
    };
    return judgementsOf((out) => checkFilesWalk(snapshots, walkOptions, out));
  }

  private stop(stop: WalkStop, message: string): void {
    this.stopped = stop;
    this.reason = message;
  }

  /** One page, retried through transient answers; undefined when the walk must stop. */
  private async fetchPage(cursor: string | null): Promise<FilesPageRecord | undefined> {
    const clock = this.options.clock ?? systemClock;
    const random = this.random;
    const maxRetries = this.options.maxRetries ?? 5;
    const signal = this.options.signal;
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) {
        this.stop('aborted', 'aborted by the caller');
        return undefined;
      }
      const { exchange } = await this.client.getJob(this.jobId, {
        ...(this.options.limit !== undefined ? { filesLimit: this.options.limit } : {}),
        ...(cursor !== null ? { filesCursor: cursor } : {}),
        ...(signal ? { signal } : {}),
      });
      this.exchanges.push(exchange);
      const observation = classify(exchange, this.exchanges.length - 1);
      this.timeline.push(observation);
      if (observation.kind === 'snapshot') {
        const snapshot = observation.snapshot;
        const files = Array.isArray(snapshot.files) ? snapshot.files.filter((f) => typeof f?.uri === 'string') : [];
        const next = snapshot.files_page?.next_cursor;
        return { cursor, exchange, snapshot, files, nextCursor: typeof next === 'string' && next !== '' ? next : null };
      }
      const status = exchange.status;
      const retryable = observation.kind === 'placeholder' || status === 429 || isTransient(observation);
      if (!retryable || attempt >= maxRetries) {
        const what = observation.kind === 'http-error' ? `HTTP ${status}${exchange.error ? ` (${exchange.error})` : ''}` : observation.kind;
        const message = `page ${this.pages.length} (cursor ${JSON.stringify(cursor)}) answered ${what}${retryable ? ` after ${attempt + 1} attempts` : ''}`;
        this.stop('http-error', message);
        // A server-issued cursor the server then rejects breaks the walk's promise.
        this.rejectedIssuedCursor = !retryable && cursor !== null;
        return undefined;
      }
      const retryAfter = status === 429 ? parseRetryAfter(exchange.headers['retry-after'], clock.now()) : undefined;
      await clock.sleep(
        retryAfter ?? fullJitter(attempt + 1, { baseMs: this.options.retryBaseMs ?? 1_000, maxMs: 30_000 }, random),
        signal,
      );
    }
  }
}

/**
 * Every file of a job, page after page (`files_limit` = `limit`), following `files_page.next_cursor`.
 * Stops with a JS-PAGE-004 finding on a repeated cursor or a file listed twice instead of looping;
 * `pages`, `exchanges` and `findings` of the returned walk hold the evidence.
 *
 * @example
 * const walk = iterateFiles(client, jobId, { limit: 100 });
 * for await (const file of walk) console.log(file.uri, file.status);
 * if (walk.findings.length) console.error(walk.findings);
 */
export function iterateFiles(client: CaptainClient, jobId: string, options: IterateFilesOptions = {}): FilesWalk {
  return new FilesWalk(client, jobId, options);
}
