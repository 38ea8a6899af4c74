// The run's stall ledger: once the last STALLED_AFTER requests of the run (any worker's) timed out, every
// later request fails at once with TargetStalls; one answer in time between them resets the count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { exchangeOf } from '../../../src/oracle/exchange.js';
import { STALLED_AFTER, stallLedger, TargetStalls } from '../../../tools/stall-ledger.js';

const answered = exchangeOf({ job_id: 'j', status: 'running' });
const timedOut = { ...exchangeOf({}), status: 0, body: '', error: 'timeout after 2000 ms' };
const bodyStalled = { ...exchangeOf({}), status: 200, body: '', error: 'body broke off after 0 bytes: timeout after 2000 ms' };

test('STALLED_AFTER timed-out requests in a row, across workers, stop the run; an answer in time between them does not', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stall-ledger-'));
  try {
    const file = path.join(dir, 'stalls');
    const [one, two] = [stallLedger(file), stallLedger(file)]; // two workers of one run
    one.record(timedOut);
    two.record(bodyStalled);
    one.record(answered);
    for (let i = 0; i < STALLED_AFTER - 1; i++) (i % 2 ? one : two).record(timedOut);
    expect(() => two.check(), 'an answer in time broke the run of timeouts').not.toThrow();
    one.record(bodyStalled);
    expect(() => two.check()).toThrow(TargetStalls);
    expect(() => one.check()).toThrow(/the target stalls: the last 3 requests of the run got no complete answer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
