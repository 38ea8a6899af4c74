// "Any documented answer at any request" (docs/staging.md): an option of the simulator that answers, at
// seeded random requests, what the documentation allows there but no test scripted: the placeholder on some
// polls, a 429 with a 1 s Retry-After on some status reads, and a files walk that ends with an empty page.
// A suite that fails against it asserts its own script, not the contract.
import { drawFor } from './random.js';

export interface AnyAnswer {
  /** Chance that a poll of a job is answered by the documented placeholder. */
  placeholderProbability: number;
  /** Chance that a status read (a poll or a files page) is answered 429 with Retry-After. */
  rateLimitProbability: number;
  retryAfterSeconds: number;
  /** At most this many 429s per job: each costs a real second of the run. */
  maxRateLimitsPerJob: number;
  /** A walk's last page of files points at one more page, which is empty and has no next_cursor. */
  emptyLastPage: boolean;
}

export const ANY_ANSWER: AnyAnswer = {
  placeholderProbability: 0.15,
  rateLimitProbability: 0.05,
  retryAfterSeconds: 1,
  maxRateLimitsPerJob: 2,
  emptyLastPage: true,
};

/** Per job, the status reads seen and the 429s dealt so far. */
export class AnyAnswerDealer {
  private readonly reads = new Map<string, { reads: number; limited: number }>();
  /** What was dealt, for a test that must know the answers did come (placeholders: only those no script asked for). */
  readonly dealt = { placeholders: 0, rateLimits: 0, emptyLastPages: 0 };

  constructor(
    readonly answers: AnyAnswer,
    private readonly seed: number,
  ) {}

  /** Whether this status read of `jobId` gets a 429 (drawn from the seed, the job and the read's number). */
  rateLimitDue(jobId: string): boolean {
    const seen = this.reads.get(jobId) ?? { reads: 0, limited: 0 };
    this.reads.set(jobId, seen);
    const read = seen.reads++;
    if (seen.limited >= this.answers.maxRateLimitsPerJob) return false;
    const due = drawFor(this.seed, 'any-answer-429', jobId, read) < this.answers.rateLimitProbability;
    if (due) {
      seen.limited += 1;
      this.dealt.rateLimits += 1;
    }
    return due;
  }

  clear(): void {
    this.reads.clear();
  }
}
