// A target that stalls every answer would cost the request timeout on every request of the run, hours
// for the whole suite. Every worker notes, in one file of the run (a restarted worker included), whether
// each answer arrived in time; once the last STALLED_AFTER requests of the run all timed out, the run
// sends no more: each later request fails at once with TargetStalls, which says so (the suite's verdict
// on itself: it cannot judge a target that does not answer, so nothing is charged to the target).
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { Exchange } from '../src/oracle/exchange.js';

/** Timed-out requests in a row, across the run's workers, after which the target is taken to stall. */
export const STALLED_AFTER = 3;

const TIMED_OUT = /timeout after \d+ ms/;

export class TargetStalls extends Error {
  readonly suiteTrouble = true;

  constructor() {
    super(
      `the target stalls: the last ${STALLED_AFTER} requests of the run got no complete answer within the request timeout, so the run sends no more`,
    );
    this.name = 'TargetStalls';
  }
}

export interface StallLedger {
  /** Notes how an exchange ended: answered in time, or timed out. */
  record(exchange: Exchange): void;
  /** Throws TargetStalls once the run's last STALLED_AFTER requests all timed out. */
  check(): void;
}

/** One byte per finished request, `T` timed out or `A` answered, appended to `file` by every worker of the run. */
export function stallLedger(file: string): StallLedger {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a+');
  process.once('exit', () => closeSync(fd));
  return {
    record(exchange) {
      appendFileSync(fd, TIMED_OUT.test(exchange.error ?? '') ? 'T' : 'A');
    },
    check() {
      const size = fstatSync(fd).size;
      if (size < STALLED_AFTER) return;
      const tail = Buffer.alloc(STALLED_AFTER);
      readSync(fd, tail, 0, STALLED_AFTER, size - STALLED_AFTER);
      if (tail.toString('latin1') === 'T'.repeat(STALLED_AFTER)) throw new TargetStalls();
    },
  };
}
